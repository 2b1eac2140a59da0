// Golden metrics: key indicators of a small run of the baseline, compared with a stored file
// within a stated tolerance. Regenerate deliberately with RELOCSIM_UPDATE_GOLDEN=1 after a change
// that is meant to alter results, and say why in the commit.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

constexpr double kRelativeTolerance = 1e-9;  // runs are bit-deterministic; this absorbs printing

TEST(Golden, BaselineKeyIndicators) {
  const RunResult r =
      testing::run_in_memory(testing::small_scenario("scenarios/baseline.yaml", 2035, 0.002));
  std::ostringstream current;
  current << "year,zone,metric,value\n";
  for (int y : {2010, 2014, 2019, 2020, 2025, 2035}) {
    for (const char* z : {"core", "sub_center", "xiongan", "north_three", "beijing", "tianjin",
                          "hebei", "region"}) {
      for (const char* m :
           {"residents", "jobs", "firms", "staff", "commute_minutes", "rent_housing"}) {
        current << y << ',' << z << ',' << m << ',' << csv_escape(std::to_string(r.value(y, z, m)))
                << '\n';
      }
    }
  }
  const std::string path = testing::source_path("tests/scenarios/golden/baseline_0.002.csv");
  if (std::getenv("RELOCSIM_UPDATE_GOLDEN") != nullptr) {
    write_file_atomically(path, current.str());
    GTEST_SKIP() << "golden file rewritten";
  }
  const CsvTable golden = read_csv_file(path);
  const CsvTable now = parse_csv(current.str(), "current");
  ASSERT_EQ(golden.rows.size(), now.rows.size());
  for (std::size_t k = 0; k < golden.rows.size(); ++k) {
    const auto& g = golden.rows[k].fields;
    const auto& c = now.rows[k].fields;
    ASSERT_EQ(g[0] + g[1] + g[2], c[0] + c[1] + c[2]);
    const double a = *parse_double(g[3]);
    const double b = *parse_double(c[3]);
    EXPECT_NEAR(b, a, kRelativeTolerance * std::max(1.0, std::fabs(a)))
        << g[0] << " " << g[1] << " " << g[2];
  }
}

}  // namespace
}  // namespace relocsim
