#include "engine/core/csv.h"

#include <gtest/gtest.h>

namespace relocsim {
namespace {

TEST(Csv, ParsesQuotesAndKeepsLines) {
  const auto t = parse_csv("id,note\na,\"x, \"\"y\"\"\"\n\nb,\"two\nlines\"\nc,z\n", "t.csv");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields[1], "x, \"y\"");
  EXPECT_EQ(t.rows[1].line, 4);
  EXPECT_EQ(t.rows[1].fields[1], "two\nlines");
  EXPECT_EQ(t.rows[2].line, 6);
}

TEST(Csv, RowsOfTheWrongWidthNameTheirLine) {
  try {
    parse_csv("a,b\n1,2\n3\n", "t.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "t.csv:3: expected 2 fields as in the header, found 1");
  }
}

TEST(Csv, MissingColumnNamesIt) {
  const auto t = parse_csv("a,b\n1,2\n", "t.csv");
  DiagnosticSink sink;
  EXPECT_FALSE(t.column("c", sink));
  ASSERT_EQ(sink.size(), 1u);
  EXPECT_THROW(sink.throw_if_any(), InputError);
}

TEST(Csv, Numbers) {
  EXPECT_EQ(parse_double(" 3.5 "), 3.5);
  EXPECT_EQ(parse_double("1e3"), 1000.0);
  EXPECT_FALSE(parse_double("3,5"));
  EXPECT_FALSE(parse_double(""));
  EXPECT_FALSE(parse_double("nan"));
  EXPECT_EQ(parse_integer("2019"), 2019);
  EXPECT_FALSE(parse_integer("2019.5"));
  EXPECT_EQ(csv_escape("Xiong'an, New Area"), "\"Xiong'an, New Area\"");
}

}  // namespace
}  // namespace relocsim
