// StateWriter / StateReader: what is written reads back exactly; a short or inconsistent state is
// refused with StateError, never read past its end or turned into a huge allocation.
#include "engine/core/state_io.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/core/ids.h"

namespace relocsim {
namespace {

struct Padded {
  std::uint8_t a;
  std::uint32_t b;
};
static_assert(PlainState<double> && PlainState<bool> && PlainState<ZoneId>);
static_assert(PlainState<std::array<double, 4>>);
static_assert(!PlainState<Padded>, "padding bytes would make two saves of one state differ");
static_assert(!PlainState<const char*>);

TEST(StateIo, EverythingWrittenReadsBackExactly) {
  StringSink sink;
  StateWriter out(sink);
  out.tag("start");
  out.field(3.25);
  out.field(-0.0);
  out.field(std::numeric_limits<double>::quiet_NaN());
  out.field(true);
  out.field(ZoneId::from(7));
  out.field(std::string("tongzhou"));
  out.field(std::vector<std::uint16_t>{1, 2, 65535});
  out.field(std::vector<std::string>{"a", "", "xiongan"});
  out.field(std::vector<std::array<double, 4>>{{1, 2, 3, 4}});
  std::array<std::vector<double>, 2> services = {std::vector<double>{1.5}, std::vector<double>{}};
  out.field(services);
  Column<std::uint8_t> column;
  for (int k = 0; k < 300; ++k) column.push_back(static_cast<std::uint8_t>(k));
  out.field(column);

  StringSource source(sink.data());
  StateReader in(source);
  in.tag("start");
  EXPECT_EQ(in.get<double>(), 3.25);
  EXPECT_TRUE(std::signbit(in.get<double>()));
  EXPECT_TRUE(std::isnan(in.get<double>()));
  EXPECT_TRUE(in.get<bool>());
  EXPECT_EQ(in.get<ZoneId>(), ZoneId::from(7));
  EXPECT_EQ(in.text(), "tongzhou");
  std::vector<std::uint16_t> numbers;
  in.field(numbers);
  EXPECT_EQ(numbers, (std::vector<std::uint16_t>{1, 2, 65535}));
  std::vector<std::string> names;
  in.field(names);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "", "xiongan"}));
  std::vector<std::array<double, 4>> bands;
  in.field(bands);
  ASSERT_EQ(bands.size(), 1u);
  EXPECT_EQ(bands[0][3], 4);
  std::array<std::vector<double>, 2> services_in;
  in.field(services_in);
  EXPECT_EQ(services_in, services);
  Column<std::uint8_t> column_in;
  in.field(column_in);
  ASSERT_EQ(column_in.size(), 300u);
  EXPECT_EQ(column_in[299], static_cast<std::uint8_t>(299));
  EXPECT_EQ(in.remaining(), 0u);
}

TEST(StateIo, AShortStateIsRefused) {
  StringSink sink;
  StateWriter out(sink);
  out.field(std::vector<double>{1, 2, 3});
  const std::string cut = sink.data().substr(0, sink.data().size() - 1);
  StringSource source(cut);
  StateReader in(source);
  std::vector<double> v;
  EXPECT_THROW(in.field(v), StateError);
}

TEST(StateIo, ALengthLargerThanTheRestIsRefusedBeforeAllocating) {
  StringSink sink;
  StateWriter out(sink);
  out.field(std::numeric_limits<std::uint64_t>::max() / 2);  // a damaged length
  out.field(1.0);
  StringSource source(sink.data());
  StateReader in(source);
  std::vector<double> v;
  try {
    in.field(v);
    FAIL() << "no StateError";
  } catch (const StateError& e) {
    EXPECT_NE(std::string(e.what()).find("does not fit in the 8 bytes left"), std::string::npos)
        << e.what();
  }
}

TEST(StateIo, AReaderOutOfStepWithItsWriterIsNamed) {
  StringSink sink;
  StateWriter out(sink);
  out.tag("levers");
  StringSource source(sink.data());
  StateReader in(source);
  try {
    in.tag("metrics");
    FAIL() << "no StateError";
  } catch (const StateError& e) {
    EXPECT_STREQ(e.what(), "expected the section 'metrics', found 'levers'");
  }
}

}  // namespace
}  // namespace relocsim
