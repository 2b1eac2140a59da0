// engine/scenario/loader: `extends` chains and their merging rules, --set paths, CSV inlining.
#include "engine/scenario/loader.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/scenario/scenario_test_util.h"

namespace relocsim::scenario {
namespace {

using testing::error_of;
using testing::ScratchDir;

// The names of a list's items, in order: "a b c".
std::string names(const ConfigNode& list) {
  std::string out;
  for (const auto& item : list.items()) {
    const ConfigNode* n = item.find("name");
    out += (out.empty() ? "" : " ") + (n != nullptr ? n->text() : "?");
  }
  return out;
}

const char* kParent =
    "scenario: {name: parent, seed: 1, scale: 0.01}\n"
    "levers:\n"
    "  - {name: a, type: t, share: 0.1, zones: [x, y]}\n"
    "  - {name: b, type: t, share: 0.2}\n"
    "  - {name: c, type: t, share: 0.3}\n"
    "targets: [1, 2]\n";

TEST(Extends, MapsMergeKeyByKeyAndScalarsAndPlainListsAreReplaced) {
  ScratchDir dir;
  dir.write("parent.yaml", kParent);
  const auto child =
      dir.write("child.yaml", "extends: parent.yaml\nscenario: {name: child}\ntargets: [3]\n");
  const ConfigNode root = load_merged(child);
  EXPECT_EQ(root.find("extends"), nullptr);
  const ConfigNode* s = root.find("scenario");
  EXPECT_EQ(s->find("name")->text(), "child");
  EXPECT_EQ(s->find("seed")->text(), "1");
  EXPECT_EQ(emit_yaml(*root.find("targets")), "[3]\n");
  // Each value keeps the place of the file it came from.
  EXPECT_EQ(s->find("name")->place().file, child);
  EXPECT_NE(s->find("seed")->place().file, child);
}

TEST(Extends, NamedListsMergeByName) {
  ScratchDir dir;
  dir.write("parent.yaml", kParent);
  const auto child = dir.write("child.yaml",
                               "extends: parent.yaml\n"
                               "levers:\n"
                               "  - {name: d, type: t}\n"
                               "  - {name: b, share: 0.5}\n"
                               "  - {name: a, zones: [z]}\n");
  const ConfigNode root = load_merged(child);
  const ConfigNode& levers = *root.find("levers");
  EXPECT_EQ(names(levers), "a b c d");  // parent's order, new items at the end
  EXPECT_EQ(levers.items()[1].find("share")->text(), "0.5");
  EXPECT_EQ(levers.items()[1].find("type")->text(), "t");  // merged, not replaced
  EXPECT_EQ(emit_yaml(*levers.items()[0].find("zones")), "[z]\n");
}

TEST(Extends, RemoveTrueDropsTheParentsItem) {
  ScratchDir dir;
  dir.write("parent.yaml", kParent);
  const auto child = dir.write(
      "child.yaml", "extends: parent.yaml\nlevers:\n  - {name: b, remove: true}\n  - {name: e}\n");
  EXPECT_EQ(names(*load_merged(child).find("levers")), "a c e");
  const auto missing =
      dir.write("missing.yaml", "extends: parent.yaml\nlevers:\n  - {name: q, remove: true}\n");
  EXPECT_EQ(error_of([&] { load_merged(missing); }),
            missing + ":3:5: cannot remove 'q': the parent has no such item");
  const auto not_true =
      dir.write("not_true.yaml", "extends: parent.yaml\nlevers:\n  - {name: b, remove: 1}\n");
  EXPECT_EQ(error_of([&] { load_merged(not_true); }),
            not_true + ":3:23: 'remove' can only be true, got '1'");
  // A list the parent does not have cannot remove anything either.
  const auto no_list =
      dir.write("no_list.yaml", "extends: parent.yaml\nother:\n  - {name: b, remove: true}\n");
  EXPECT_EQ(error_of([&] { load_merged(no_list); }),
            no_list + ":3:5: cannot remove 'b': the parent has no such item");
}

TEST(Extends, ANameTwiceInOneListIsRefused) {
  ScratchDir dir;
  dir.write("parent.yaml", kParent);
  const auto child =
      dir.write("child.yaml", "extends: parent.yaml\nlevers:\n  - {name: a}\n  - {name: a}\n");
  EXPECT_EQ(error_of([&] { load_merged(child); }),
            child + ":4:12: 'a' is given twice in this list (first at line 3)");
}

TEST(Extends, ReplaceTakesTheChildsValueWhole) {
  ScratchDir dir;
  dir.write("parent.yaml", kParent);
  const auto child = dir.write(
      "child.yaml", "extends: parent.yaml\nreplace: [levers]\nlevers:\n  - {name: z, type: t}\n");
  const ConfigNode root = load_merged(child);
  EXPECT_EQ(names(*root.find("levers")), "z");
  EXPECT_EQ(root.find("replace"), nullptr);
  const auto unset = dir.write("unset.yaml", "extends: parent.yaml\nreplace: [targets]\n");
  EXPECT_EQ(error_of([&] { load_merged(unset); }),
            unset + ":2:11: 'replace' lists 'targets', which this file does not set");
  const auto alone = dir.write("alone.yaml", "replace: [levers]\nlevers: []\n");
  EXPECT_EQ(error_of([&] { load_merged(alone); }),
            alone + ":1:10: 'replace' needs 'extends': there is no parent to replace");
  const auto bad = dir.write("bad.yaml", "extends: parent.yaml\nreplace: {levers: 1}\n");
  EXPECT_EQ(error_of([&] { load_merged(bad); }),
            bad + ":2:10: 'replace' lists top-level keys, e.g. [levers], got a map");
}

TEST(Extends, ChainsCyclesAndMissingFiles) {
  ScratchDir dir;
  dir.write("sub/grand.yaml", "scenario: {name: grand, seed: 5}\n");
  dir.write("sub/parent.yaml", "extends: grand.yaml\nscenario: {name: parent}\n");
  const auto child = dir.write("child.yaml", "extends: sub/parent.yaml\n");
  const ConfigNode root = load_merged(child);
  EXPECT_EQ(root.find("scenario")->find("name")->text(), "parent");
  EXPECT_EQ(root.find("scenario")->find("seed")->text(), "5");

  const auto self = dir.write("self.yaml", "extends: self.yaml\n");
  EXPECT_EQ(error_of([&] { load_merged(self); }),
            self + ":1:10: 'extends' makes a cycle: self.yaml -> self.yaml");
  dir.write("b.yaml", "extends: a.yaml\n");
  const auto a = dir.write("a.yaml", "extends: b.yaml\n");
  EXPECT_EQ(error_of([&] { load_merged(a); }),
            (dir.path() / "b.yaml").string() +
                ":1:10: 'extends' makes a cycle: a.yaml -> b.yaml -> a.yaml");
  const auto orphan = dir.write("orphan.yaml", "extends: nowhere.yaml\n");
  EXPECT_EQ(
      error_of([&] { load_merged(orphan); }),
      orphan + ":1:10: cannot read scenario file '" + (dir.path() / "nowhere.yaml").string() + "'");
  EXPECT_EQ(error_of([&] { load_merged((dir.path() / "none.yaml").string()); }),
            (dir.path() / "none.yaml").string() + ": cannot read the scenario file");
  const auto listed = dir.write("listed.yaml", "extends: [a.yaml]\n");
  EXPECT_EQ(error_of([&] { load_merged(listed); }),
            listed + ":1:10: 'extends' names one scenario file");
}

TEST(Override, SetsPathsThroughMapsAndLists) {
  ConfigNode root = parse_yaml(kParent, "p.yaml");
  apply_override(root, "scenario.seed=9");
  apply_override(root, "levers[b].share=0.7");
  apply_override(root, "levers[0].zones=[q]");
  apply_override(root, "levers[c]={name: c, type: u}");
  apply_override(root, "behaviour.household.b_time=-0.05");  // created on the way
  EXPECT_EQ(root.find("scenario")->find("seed")->text(), "9");
  const ConfigNode& levers = *root.find("levers");
  EXPECT_EQ(levers.items()[1].find("share")->text(), "0.7");
  EXPECT_EQ(emit_yaml(*levers.items()[0].find("zones")), "[q]\n");
  EXPECT_EQ(levers.items()[2].find("type")->text(), "u");
  EXPECT_EQ(levers.items()[2].find("share"), nullptr);
  EXPECT_EQ(root.find("behaviour")->find("household")->find("b_time")->text(), "-0.05");
  // The value's place is the option.
  EXPECT_EQ(levers.items()[1].find("share")->place().str(), "--set levers[b].share=0.7");
}

TEST(Override, MalformedOrDanglingPathsAreRefused) {
  ConfigNode root = parse_yaml(kParent, "p.yaml");
  auto error = [&](const std::string& a) { return error_of([&] { apply_override(root, a); }); };
  EXPECT_EQ(error("scenario.seed"),
            "--set scenario.seed: expected path=value, e.g. scenario.seed=7");
  EXPECT_EQ(error("=3"), "--set =3: expected path=value, e.g. scenario.seed=7");
  EXPECT_EQ(error("scenario.seed="), "--set scenario.seed=: missing value after '='");
  EXPECT_EQ(error("scenario..seed=1"),
            "--set scenario..seed=1: empty name in path 'scenario..seed'");
  EXPECT_EQ(error("levers[x=1"), "--set levers[x=1: unclosed '[' in path");
  EXPECT_EQ(error("levers[bb].share=1"),
            "--set levers[bb].share=1: no item named 'bb' in the list (did you mean 'b'?)");
  EXPECT_EQ(error("levers[3].share=1"),
            "--set levers[3].share=1: index 3 is past the end of a list of 3");
  EXPECT_EQ(error("levers[99999999999999999999999].share=1"),
            "--set levers[99999999999999999999999].share=1: index 99999999999999999999999 is past "
            "the end of a list of 3");
  EXPECT_EQ(error("scenario[0]=1"),
            "--set scenario[0]=1: '[0]' applies to a list, but the value there is a map");
  EXPECT_EQ(error("scenario.seed.x=1"),
            "--set scenario.seed.x=1: 'x' is set inside '1', which has no keys");
  EXPECT_EQ(error("scenario.seed=[1"),
            "--set scenario.seed=[1: YAML syntax error: end of sequence flow not found");
}

TEST(DataFiles, CsvRowsAreInlinedWithTheirLines) {
  ScratchDir dir;
  dir.write("data/zones.csv",
            "id,name,province,functional_area,lat,lon,pop,note\n"
            "a,Zone A,P,core,39.9,116.4,100,\n"
            "b,\"Zone, B\",P,core,40,116,200,a note\n");
  dir.write("data/links.csv", "from_id,to_id,mode,minutes\na,b,rail,30\n");
  const auto s = dir.write("s.yaml",
                           "geography:\n  zones: {file: data/zones.csv, residents: pop}\n"
                           "  links: {file: data/links.csv}\n");
  ConfigNode root = load_merged(s);
  inline_data_files(root);
  const ConfigNode& zones = *root.find("geography")->find("zones");
  ASSERT_EQ(zones.items().size(), 2u);
  const ConfigNode& b = zones.items()[1];
  EXPECT_EQ(b.find("name")->text(), "Zone, B");
  EXPECT_TRUE(b.find("name")->quoted());
  EXPECT_EQ(b.find("residents")->text(), "200");
  EXPECT_EQ(b.find("note")->text(), "a note");
  EXPECT_EQ(zones.items()[0].find("note"), nullptr);  // empty cells are absent
  EXPECT_EQ(b.place().str(), (dir.path() / "data/zones.csv").string() + ":3");
  const ConfigNode& links = *root.find("geography")->find("links");
  EXPECT_EQ(links.items()[0].find("from")->text(), "a");
  EXPECT_EQ(links.items()[0].find("minutes")->text(), "30");
}

TEST(DataFiles, EveryMissingColumnAndBadCellIsReported) {
  ScratchDir dir;
  const std::string csv = (dir.path() / "z.csv").string();
  dir.write("z.csv",
            "id,name,province,area,latitude,lon,pop\n"
            "a,A,P,core,39.9,116.4,100\n");
  const auto s = dir.write("s.yaml", "geography:\n  zones: {file: z.csv, residents: pops}\n");
  ConfigNode root = load_merged(s);
  EXPECT_EQ(error_of([&] { inline_data_files(root); }),
            csv + ":1: missing column 'functional_area'\n" + csv + ":1: missing column 'lat'\n" +
                s + ":2:35: data file '" + csv + "' has no column 'pops' (did you mean 'pop'?)");

  dir.write("z.csv",
            "id,name,province,functional_area,lat,lon,pop\n"
            "a,A,P,core,north,116.4,100\n"
            "b,B,P,core,39,116.4,many\n"
            "c,C,P,,39,116.4,1\n");
  root = load_merged(dir.write("s.yaml", "geography:\n  zones: {file: z.csv, residents: pop}\n"));
  EXPECT_EQ(error_of([&] { inline_data_files(root); }),
            csv + ":2: column 'lat': expected a number, got 'north'\n" + csv +
                ":3: column 'pop': expected a number, got 'many'\n" + csv +
                ":4: column 'functional_area' is empty");
}

TEST(DataFiles, ReferencesAreChecked) {
  ScratchDir dir;
  auto error = [&](const std::string& yaml) {
    ConfigNode root = load_merged(dir.write("s.yaml", yaml));
    return error_of([&] { inline_data_files(root); });
  };
  const std::string s = (dir.path() / "s.yaml").string();
  EXPECT_EQ(error("geography:\n  links: {file: none.csv}\n"),
            s + ":2:17: cannot read data file '" + (dir.path() / "none.csv").string() + "'");
  EXPECT_EQ(error("geography:\n  links: {file: x.csv, sep: ';'}\n"),
            s + ":2:24: unknown key 'sep' in a data file reference");
  EXPECT_EQ(error("geography:\n  zones: {file: x.csv}\n"),
            s + ":2:10: missing key 'residents' (the column to read it from) in a data file "
                "reference");
  EXPECT_EQ(error("geography:\n  links: {file: [x.csv]}\n"),
            s + ":2:17: 'file' names a CSV file, got a list");
}

TEST(Sha256, OfAKnownText) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace relocsim::scenario
