// FACTORS.yaml: the distributions it describes, and refusals of bad files with their places.
#include "engine/sweep/factors_yaml.h"

#include <gtest/gtest.h>

#include <array>
#include <string_view>

#include "relocsim/errors.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {
namespace {

std::string refusal(std::string_view yaml) {
  try {
    parse_factors(yaml, "f.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(FactorsYaml, ReadsEveryDistribution) {
  const auto factors = parse_factors(R"(factors:
  - {name: x1, min: -3.5, max: 3.5}
  - name: rate
    distribution: normal
    mean: 0.02
    sd: 0.005
  - {name: income, distribution: lognormal, log_mean: 10, log_sd: 0.3}
  - {name: share, distribution: triangular, min: 0, mode: 0.2, max: 1}
  - {name: policy, levels: [0, 0.5, 1]}
)",
                                     "f.yaml");
  ASSERT_EQ(factors.size(), 5u);
  EXPECT_EQ(factors[0].name, "x1");
  EXPECT_EQ(factors[0].distribution, Distribution::kUniform);
  EXPECT_EQ(factors[0].min, -3.5);
  EXPECT_EQ(factors[0].max, 3.5);
  EXPECT_EQ(factors[1].distribution, Distribution::kNormal);
  EXPECT_EQ(factors[1].mean, 0.02);
  EXPECT_EQ(factors[1].sd, 0.005);
  EXPECT_EQ(factors[2].distribution, Distribution::kLognormal);
  EXPECT_EQ(factors[2].mean, 10.0);
  EXPECT_EQ(factors[2].sd, 0.3);
  EXPECT_EQ(factors[3].distribution, Distribution::kTriangular);
  EXPECT_EQ(factors[3].mode, 0.2);
  EXPECT_EQ(factors[4].distribution, Distribution::kLevels);
  EXPECT_EQ(factors[4].levels, (std::vector<double>{0, 0.5, 1}));
}

TEST(FactorsYaml, UnknownKeyNamesTheNearestValidOneAndAllProblemsAreListed) {
  EXPECT_EQ(refusal("factors:\n  - {name: x1, min: 0, mx: 1}\n"),
            "f.yaml:2:24: unknown key 'mx' (did you mean 'max'?)\n"
            "f.yaml:2:5: factor 'x1': missing key 'max'");
}

TEST(FactorsYaml, UnknownTopLevelKey) {
  EXPECT_EQ(refusal("factors:\n  - {name: x, min: 0, max: 1}\nfactor: 3\n"),
            "f.yaml:3:1: unknown key 'factor' (did you mean 'factors'?)");
}

TEST(FactorsYaml, KeyOfAnotherDistribution) {
  EXPECT_EQ(refusal("factors:\n  - {name: x, min: 0, max: 1, sd: 2}\n"),
            "f.yaml:2:31: key 'sd' does not apply to a uniform factor (it takes min, max)");
}

TEST(FactorsYaml, MinNotBelowMax) {
  EXPECT_EQ(refusal("factors:\n  - {name: x1, min: 1, max: 1}\n"),
            "f.yaml:2:5: factor 'x1': min (1) must be less than max (1)");
}

TEST(FactorsYaml, NotANumber) {
  EXPECT_EQ(refusal("factors:\n  - name: x1\n    min: abc\n    max: 1\n"),
            "f.yaml:3:10: min: 'abc' is not a number");
}

TEST(FactorsYaml, DuplicateName) {
  EXPECT_EQ(refusal("factors:\n  - {name: x, min: 0, max: 1}\n  - {name: x, min: 0, max: 2}\n"),
            "f.yaml:3:5: duplicate factor name 'x' (first at line 2)");
}

TEST(FactorsYaml, MissingFactorsAndSyntaxErrors) {
  EXPECT_EQ(refusal("seed: 3\n"),
            "f.yaml:1:1: unknown key 'seed' (valid keys: factors)\n"
            "f.yaml:1:1: missing key 'factors': a list of {name, min, max}");
  EXPECT_EQ(refusal(""),
            "f.yaml: expected a map with the key 'factors': a list of {name, min, max}");
  EXPECT_EQ(refusal("factors: [{name: x, min: 0, max: 1}\n"),
            "f.yaml:2:1: YAML syntax: end of sequence flow not found");
}

TEST(FactorsYaml, BadDistributionAndLevels) {
  EXPECT_EQ(refusal("factors:\n  - {name: x, distribution: gamma, min: 0, max: 1}\n"),
            "f.yaml:2:29: distribution: 'gamma' is not one of uniform, normal, lognormal, "
            "triangular, levels");
  EXPECT_EQ(refusal("factors:\n  - {name: x, levels: [1]}\n"),
            "f.yaml:2:23: factor 'x': levels needs at least two values");
  EXPECT_EQ(refusal("factors:\n  - {name: x, distribution: normal, mean: 0, sd: 0}\n"),
            "f.yaml:2:5: factor 'x': sd (0) must be positive");
}

TEST(FactorsYaml, ExtraKeysOfACallerAreAccepted) {
  const YAML::Node list = YAML::Load("[{name: x, min: 0, max: 1, path: levers.a.strength}]");
  DiagnosticSink sink;
  constexpr std::array<std::string_view, 1> kExtra = {"path"};
  const auto factors = factors_from_yaml(list, "sweep.yaml", sink, kExtra);
  EXPECT_TRUE(sink.empty());
  ASSERT_EQ(factors.size(), 1u);
  EXPECT_EQ(factors[0].name, "x");
}

TEST(FactorsYaml, MissingFileIsAnInputError) {
  EXPECT_THROW(load_factors("/nonexistent/factors.yaml"), InputError);
}

}  // namespace
}  // namespace relocsim::sweep
