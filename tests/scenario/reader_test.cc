// engine/scenario/reader: suggestions, scalar conversions with ranges, and MapReader's defaults
// written back, required keys and unknown keys.
#include "engine/scenario/reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/scenario/config_node.h"

namespace relocsim::scenario {
namespace {

ConfigNode parse(const std::string& text) { return parse_yaml(text, "r.yaml"); }

std::string text_of(const DiagnosticSink& sink) {
  try {
    sink.throw_if_any();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(DidYouMean, SuggestsTheNearestCloseName) {
  const std::vector<std::string> keys = {"seed", "scale", "start_year", "end_year", "name"};
  EXPECT_EQ(nearest_name("sed", keys), "seed");
  EXPECT_EQ(nearest_name("nme", keys), "name");
  EXPECT_EQ(nearest_name("start_yaer", keys), "start_year");
  EXPECT_EQ(nearest_name("population", keys), "");  // nothing close
  EXPECT_EQ(did_you_mean("scael", keys), " (did you mean 'scale'?)");
  EXPECT_EQ(did_you_mean("zzzzzz", keys), "");
  EXPECT_EQ(did_you_mean("x", std::vector<std::string>{}), "");
}

TEST(DidYouMean, SuggestsAUniqueLongerOrShorterName) {
  EXPECT_EQ(nearest_name("rent_step", {"rent_step_max", "rounds"}), "rent_step_max");
  EXPECT_EQ(nearest_name("functional_area_name", {"functional_area", "lat"}), "functional_area");
  // Not when two names fit, nor for short prefixes.
  EXPECT_EQ(nearest_name("hazard", {"hazard_rent", "hazard_push"}), "");
  EXPECT_EQ(nearest_name("b", {"b_time_of_day"}), "");
}

TEST(DidYouMean, LongWordsGetNoSuggestion) {
  const std::string long_word(10'000, 'a');
  EXPECT_EQ(nearest_name(long_word, {long_word + "b"}), "");
}

TEST(Conversions, NumbersIntegersAndRanges) {
  DiagnosticSink sink;
  const Place p{"r.yaml", 3, 4};
  EXPECT_EQ(to_number(ConfigNode::scalar("0.25", p), sink, Range{0, 1}), 0.25);
  EXPECT_EQ(to_number(ConfigNode::scalar("1.5", p), sink, Range{0, 1}), std::nullopt);
  EXPECT_EQ(to_number(ConfigNode::scalar("0", p), sink, Range{0, 1, true}), std::nullopt);
  EXPECT_EQ(to_number(ConfigNode::scalar("abc", p), sink), std::nullopt);
  EXPECT_EQ(to_number(ConfigNode::sequence(p), sink), std::nullopt);
  EXPECT_EQ(to_integer(ConfigNode::scalar("12", p), sink), 12);
  EXPECT_EQ(to_integer(ConfigNode::scalar("1.5", p), sink), std::nullopt);
  EXPECT_EQ(to_integer(ConfigNode::scalar("-1", p), sink, Range{.min = 0}), std::nullopt);
  EXPECT_EQ(text_of(sink),
            "r.yaml:3:4: 1.5 is out of range: must be at least 0 and at most 1\n"
            "r.yaml:3:4: 0 is out of range: must be above 0 and at most 1\n"
            "r.yaml:3:4: expected a number, got 'abc'\n"
            "r.yaml:3:4: expected a number, got a list\n"
            "r.yaml:3:4: expected an integer, got '1.5'\n"
            "r.yaml:3:4: -1 is out of range: must be at least 0");
}

TEST(Conversions, BooleansAndNames) {
  DiagnosticSink sink;
  const Place p{"r.yaml", 1, 1};
  EXPECT_EQ(to_bool(ConfigNode::scalar("yes", p), sink), true);
  EXPECT_EQ(to_bool(ConfigNode::scalar("false", p), sink), false);
  EXPECT_EQ(to_bool(ConfigNode::scalar("true", p, true), sink), std::nullopt);  // quoted: text
  EXPECT_EQ(to_names(ConfigNode::scalar("one", p), sink), std::vector<std::string>{"one"});
  EXPECT_EQ(to_names(ConfigNode::null(p), sink), std::vector<std::string>{});
  EXPECT_EQ(text_of(sink), "r.yaml:1:1: expected true or false, got 'true'");
}

TEST(FormatNumber, ReadsBackExactly) {
  EXPECT_EQ(format_number(3), "3");
  EXPECT_EQ(format_number(-0.04), "-0.04");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_number(1e20), "1e+20");
}

TEST(MapReader, ReadsValuesAndWritesDefaultsBack) {
  ConfigNode node = parse("seed: 7\nflag: false\n");
  DiagnosticSink sink;
  MapReader r(node, sink, "scenario");
  std::uint64_t seed = 1;
  bool flag = true;
  double scale = 0.01;
  std::vector<double> shares = {0.5, 0.5};
  std::string name = "default";
  r.integer("seed", seed);
  r.boolean("flag", flag);
  r.number("scale", scale);
  r.numbers("shares", shares, 2);
  r.text("name", name);
  r.finish();
  EXPECT_TRUE(sink.empty());
  EXPECT_EQ(seed, 7u);
  EXPECT_FALSE(flag);
  EXPECT_EQ(emit_yaml(node),
            "seed: 7\nflag: false\nscale: 0.01\nshares: [0.5, 0.5]\nname: \"default\"\n");
}

TEST(MapReader, ReportsUnknownMissingAndWrongValuesTogether) {
  ConfigNode node = parse("sed: 7\nscale: 2\nrounds: [1]\n");
  DiagnosticSink sink;
  MapReader r(node, sink, "scenario");
  std::uint64_t seed = 1;
  double scale = 0.01;
  int rounds = 3;
  std::string name;
  r.integer("seed", seed);
  r.number("scale", scale, Range{0, 1, true});
  r.integer("rounds", rounds, Range{1, 50});
  r.required_text("name", name);
  r.finish();
  EXPECT_EQ(text_of(sink),
            "r.yaml:2:8: 2 is out of range: must be above 0 and at most 1\n"
            "r.yaml:3:9: expected an integer, got a list\n"
            "r.yaml:1:1: missing key 'name' in scenario\n"
            "r.yaml:1:1: unknown key 'sed' in scenario (did you mean 'seed'?)");
  EXPECT_EQ(scale, 0.01);  // a refused value leaves the default
}

TEST(MapReader, ANonMapIsReportedOnce) {
  ConfigNode node = parse("[1, 2]");
  DiagnosticSink sink;
  MapReader r(node, sink, "behaviour");
  double x = 0;
  r.number("x", x);
  r.finish();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(text_of(sink), "r.yaml:1:1: expected behaviour as a map of keys, got a list");
}

}  // namespace
}  // namespace relocsim::scenario
