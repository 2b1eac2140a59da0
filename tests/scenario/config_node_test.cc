// engine/scenario/config_node: YAML text -> ConfigNode tree with places, under the parse limits.
#include "engine/scenario/config_node.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/scenario/scenario_test_util.h"

namespace relocsim::scenario {
namespace {

using testing::error_of;

ConfigNode parse(const std::string& text, const ParseLimits& limits = {}) {
  return parse_yaml(text, "t.yaml", limits);
}

std::string parse_error(const std::string& text, const ParseLimits& limits = {}) {
  return error_of([&] { parse(text, limits); });
}

// "[[...]]" with `levels` sequences.
std::string nested(int levels) { return std::string(levels, '[') + std::string(levels, ']'); }

TEST(ConfigNode, EveryNodeAndKeyHasItsPlace) {
  const ConfigNode root = parse("a:\n  b: 1\n  c: [x, \"y\"]\n");
  ASSERT_TRUE(root.is_map());
  const ConfigNode* a = root.find("a");
  ASSERT_NE(a, nullptr);
  const ConfigNode* b = a->find("b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->place().str(), "t.yaml:2:6");
  EXPECT_EQ(a->entries()[0].key_place.str(), "t.yaml:2:3");
  const ConfigNode* c = a->find("c");
  ASSERT_TRUE(c->is_sequence());
  ASSERT_EQ(c->items().size(), 2u);
  EXPECT_EQ(c->items()[1].place().str(), "t.yaml:3:10");
  EXPECT_FALSE(c->items()[0].quoted());
  EXPECT_TRUE(c->items()[1].quoted());  // quoted scalars stay text
  EXPECT_EQ(c->items()[1].text(), "y");
}

TEST(ConfigNode, EmptyValuesAndDocumentsAreNull) {
  const ConfigNode root = parse("a:\nb: ~\n");
  EXPECT_TRUE(root.find("a")->is_null());
  EXPECT_TRUE(root.find("b")->is_null());  // '~' and 'null' are nothing, as with YAML::Load
  EXPECT_TRUE(parse("").is_null());
  EXPECT_TRUE(parse("# only a comment\n").is_null());
  EXPECT_TRUE(parse("---\na: 1\n...\n").is_map());
}

TEST(ConfigNode, MapsKeepFileOrder) {
  const ConfigNode root = parse("z: 1\na: 2\nm: 3\n");
  ASSERT_EQ(root.entries().size(), 3u);
  EXPECT_EQ(root.entries()[0].key, "z");
  EXPECT_EQ(root.entries()[2].key, "m");
}

TEST(ConfigNode, DuplicatedAndNonScalarKeysAreRefused) {
  EXPECT_EQ(parse_error("a: 1\nb: 2\na: 3\n"),
            "t.yaml:3:1: duplicated key 'a' (first given at line 1)");
  EXPECT_EQ(parse_error("x: {a: 1, a: 2}\n"),
            "t.yaml:1:11: duplicated key 'a' (first given at line 1)");
  EXPECT_EQ(parse_error("[a, b]: 1\n"), "t.yaml:1:1: a map key must be a plain name");
  // All of them at once, with a syntax error after them.
  EXPECT_EQ(parse_error("a: 1\na: 2\nb: {c: 1, c: 2}\n[x]: 3\nd: [\n"),
            "t.yaml:2:1: duplicated key 'a' (first given at line 1)\n"
            "t.yaml:3:11: duplicated key 'c' (first given at line 3)\n"
            "t.yaml:4:1: a map key must be a plain name\n"
            "t.yaml:6:1: YAML syntax error: end of sequence flow not found");
  // The same key in two different maps is fine.
  EXPECT_NO_THROW(parse("x: {a: 1}\ny: {a: 2}\n"));
}

TEST(ConfigNode, SyntaxErrorsNameTheirPlace) {
  EXPECT_EQ(parse_error("a: {b: 1\n"), "t.yaml:2:1: YAML syntax error: end of map flow not found");
  EXPECT_EQ(parse_error("a:\n\tb: 1\n"), "t.yaml:2:3: YAML syntax error: illegal map value");
}

TEST(ConfigNode, AliasesAreExpandedAsCopiesWithTheAnchorsPlaces) {
  ConfigNode root = parse("a: &x {k: 1}\nb: *x\n");
  ConfigNode* b = root.find("b");
  ASSERT_TRUE(b->is_map());
  EXPECT_EQ(b->find("k")->text(), "1");
  EXPECT_EQ(b->place().line, 1);
  b->at("k", Place{}) = ConfigNode::scalar("2", Place{});
  EXPECT_EQ(root.find("a")->find("k")->text(), "1");  // a copy, not a shared node
  // An alias may be a key when it names a scalar.
  EXPECT_EQ(parse("a: &k name\n*k : 2\n").find("name")->text(), "2");
}

TEST(ConfigNode, AnAliasInsideItsOwnNodeIsRefused) {
  EXPECT_EQ(parse_error("a: &s\n  b: *s\n"),
            "t.yaml:2:6: alias '*s' refers to a node that contains it");
  EXPECT_EQ(parse_error("a: &s [1, *s]\n"),
            "t.yaml:1:11: alias '*s' refers to a node that contains it");
}

TEST(ConfigNode, AnAliasBombIsRefusedAtOnce) {
  // 30 levels of ten aliases: 10^30 nodes if expanded, so a parser that expanded them would never
  // return; the refusal comes at the fifth level, where the expansion passes the node budget.
  std::string text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 30; ++i) {
    const std::string level = std::to_string(i);
    text += "l";
    text += level;
    text += ": &l";
    text += level;
    text += " [";
    for (int k = 0; k < 10; ++k) {
      text += k > 0 ? ", *l" : "*l";
      text += std::to_string(i - 1);
    }
    text += "]\n";
  }
  EXPECT_EQ(parse_error(text),
            "t.yaml:5:10: aliases expand to more than 20000 nodes (an alias bomb?)");
}

TEST(ConfigNode, TheNodeBudgetCountsAliasCopies) {
  ParseLimits limits;
  limits.max_nodes = 22;
  // The root, a key, the list and its 8 items; the anchor's kept copy counts 9 more.
  EXPECT_NO_THROW(parse("a: &a [1, 2, 3, 4, 5, 6, 7, 8]\n", limits));
  EXPECT_EQ(parse_error("a: &a [1, 2, 3, 4, 5, 6, 7, 8]\nb: *a\n", limits),
            "t.yaml:2:4: the document has more than 22 nodes");
}

TEST(ConfigNode, NestingIsLimited) {
  ParseLimits limits;
  limits.max_depth = 3;
  EXPECT_NO_THROW(parse(nested(4), limits));  // depths 0..3
  EXPECT_EQ(parse_error(nested(5), limits), "t.yaml:1:5: nesting deeper than 3 levels");
  EXPECT_EQ(parse_error("a:\n  b:\n    c:\n      d: 1\n", limits),
            "t.yaml:4:7: nesting deeper than 3 levels");
  // Nesting through an alias counts too.
  EXPECT_EQ(parse_error("x: &x [[1]]\ny: [[*x]]\n", limits),
            "t.yaml:2:6: nesting deeper than 3 levels");
  // The default allows a scenario's few levels with room to spare.
  EXPECT_NO_THROW(parse(nested(65)));
  EXPECT_EQ(parse_error(nested(66)), "t.yaml:1:66: nesting deeper than 64 levels");
}

TEST(ConfigNode, AHugeFlowNestingIsRefusedBeforeYamlCppScansIt) {
  // Half a million unclosed brackets: the refusal names the 321st, the first past the pre-scan's
  // bound of 4 x 64 + 64 levels, whatever follows it.
  const std::string text = "a: " + std::string(500'000, '[');
  EXPECT_EQ(parse_error(text), "t.yaml:1:324: nesting deeper than 64 levels");
  // Brackets inside quoted text count towards the (generous) bound, but a scenario never has
  // hundreds of them unclosed.
  EXPECT_NO_THROW(parse("a: \"" + std::string(200, '[') + "\"\n"));
}

TEST(ConfigNode, InputSizeIsLimited) {
  ParseLimits limits;
  limits.max_bytes = 10;
  EXPECT_NO_THROW(parse("a: 1234567", limits));
  EXPECT_EQ(parse_error("a: 12345678", limits),
            "t.yaml: file of 11 bytes is larger than the limit of 10 bytes");
}

TEST(ConfigNode, ASecondDocumentIsRefused) {
  EXPECT_EQ(parse_error("a: 1\n---\nb: 2\n"),
            "t.yaml:2:1: a second YAML document: a scenario file holds one document");
}

TEST(ConfigNode, AQuoteThatNeverClosesIsRefused) {
  // yaml-cpp 0.7 would read the rest of the input into the text.
  EXPECT_EQ(parse_error("a: \"open\nb: 2\n"),
            "t.yaml:1:4: quoted text opened here is never closed (no \" follows)");
  EXPECT_EQ(parse_error("a: 'it''s\n"),
            "t.yaml:1:4: quoted text opened here is never closed (no ' follows)");
  EXPECT_EQ(parse_error("a: \"ends with a backslash\\\"\n"),
            "t.yaml:1:4: quoted text opened here is never closed (no \" follows)");
  EXPECT_EQ(parse("a: \"say \\\"hi\\\"\"\nb: 'it''s'\n").find("b")->text(), "it's");
  // Positions after a byte order mark still find the quotes.
  EXPECT_EQ(parse("\xEF\xBB\xBF"
                  "a: \"x\"\nb: 'y'\n")
                .find("b")
                ->text(),
            "y");
  EXPECT_NE(parse_error("\xEF\xBB\xBF"
                        "a: \"x\nb: 1\n"),
            "");
  // Block scalars are not quotes.
  EXPECT_EQ(parse("a: |\n  \"text\n").find("a")->text(), "\"text\n");
}

TEST(ConfigNode, EmitKeepsQuotesAndReadsBackTheSame) {
  const ConfigNode root = parse("a: {x: 1, y: \"2\"}\nb: [1, 2]\nc:\n  - {n: p}\nd: \"\"\ne:\n");
  const std::string text = emit_yaml(root);
  EXPECT_EQ(text, "a:\n  x: 1\n  y: \"2\"\nb: [1, 2]\nc:\n  - n: p\nd: \"\"\ne: ~\n");
  EXPECT_EQ(emit_yaml(parse(text)), text);
}

TEST(ConfigNode, MapHelpers) {
  ConfigNode root = parse("a: 1\n");
  EXPECT_EQ(root.find("b"), nullptr);
  ConfigNode& b = root.at("b", Place{"x", 1, 1});
  EXPECT_TRUE(b.is_null());
  EXPECT_EQ(root.entries().size(), 2u);
  root.erase("a");
  EXPECT_EQ(root.find("a"), nullptr);
  EXPECT_EQ(root.describe(), "a map");
  EXPECT_EQ(ConfigNode::scalar("v", Place{}).describe(), "'v'");
}

}  // namespace
}  // namespace relocsim::scenario
