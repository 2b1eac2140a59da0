// The labour market's resident scan: the vector and scalar passes list the same residents as the
// rule written out resident by resident, and clear the same marks.
#include "engine/processes/labour_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/core/cpu.h"
#include "engine/world/agents.h"

namespace relocsim {
namespace {

struct Residents {
  std::vector<std::uint32_t> employer;
  std::vector<ZoneId> home;
  std::vector<std::uint8_t> born;
  std::vector<std::uint8_t> traits;

  labour::ScanColumns columns() {
    return {employer.data(), home.data(), born.data(), traits.data()};
  }
};

// Residents with every combination the rule looks at: free slots, the unemployed, staff of firms
// with and without news and of institutions, every birth-year byte, every traits byte.
Residents random_residents(std::size_t n, std::size_t zones, std::uint32_t firms,
                           std::mt19937& gen) {
  Residents r;
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> zone(0, zones - 1);
  std::uniform_int_distribution<std::uint32_t> firm(0, firms - 1);
  std::uniform_int_distribution<std::uint32_t> institution(0, 999);
  for (std::size_t i = 0; i < n; ++i) {
    const int kind = byte(gen) % 8;
    r.home.push_back(kind == 0 ? ZoneId::none() : ZoneId::from(zone(gen)));
    r.employer.push_back(kind <= 2 ? EmployerRef::kNone
                         : kind == 3
                             ? EmployerRef::institution(InstitutionId::from(institution(gen))).raw()
                             : EmployerRef::firm(FirmId::from(firm(gen))).raw());
    r.born.push_back(static_cast<std::uint8_t>(byte(gen)));
    r.traits.push_back(static_cast<std::uint8_t>(byte(gen)));
  }
  return r;
}

// The rule, resident by resident, from the resident's own state.
bool listed(const labour::ScanRule& rule, const Residents& r, std::size_t i) {
  const ZoneId home = r.home[i];
  if (!home.valid()) return false;
  const int age = rule.year - kBirthYearBase - r.born[i];
  const bool retired = age >= rule.retirement_age;
  const bool working = age >= rule.working_age_min && !retired;
  const bool first_age = age == rule.working_age_min;
  const bool in_labour_force = Traits::labour_force(r.traits[i]);
  const EmployerRef e = EmployerRef::from_raw(r.employer[i]);
  const bool news = e.is_firm() && rule.status[e.firm_id().get()] != 0;
  const bool short_zone = rule.short_zone[home.get()] != 0;
  return (retired && (in_labour_force || e.employed())) ||
         (working && !in_labour_force && (short_zone || first_age)) || news ||
         (e.is_institution() && rule.institution_moved) || (in_labour_force && !e.employed());
}

struct Case {
  std::size_t zones;
  bool institution_moved;
  int year;
  int working_age_min = 16;
  int retirement_age = 60;
};

class LabourScan : public ::testing::TestWithParam<Case> {};

TEST_P(LabourScan, VectorAndScalarPassesListWhatTheRuleSays) {
  const Case param = GetParam();
  std::mt19937 gen(static_cast<unsigned>(param.zones * 7 + param.year));
  constexpr std::uint32_t kFirms = 5000;
  std::vector<std::uint8_t> status(kFirms + 4, 0);
  for (std::uint32_t f = 0; f < kFirms; ++f) status[f] = gen() % 5 == 0 ? 1 + gen() % 7 : 0;
  labour::ScanRule rule;
  rule.year = param.year;
  rule.working_age_min = param.working_age_min;
  rule.retirement_age = param.retirement_age;
  for (std::size_t z = 0; z < param.zones; ++z) rule.short_zone.push_back(gen() % 2);
  rule.institution_moved = param.institution_moved;
  rule.status = status;
  const labour::ResidentScan scan(rule);

  // Chunks of odd lengths and starts, so that the vector pass's tail and unaligned starts are
  // covered.
  const std::size_t n = 20011;
  const Residents original = random_residents(n, param.zones, kFirms, gen);
  std::vector<std::uint32_t> expected;
  for (std::size_t i = 0; i < n; ++i) {
    if (listed(rule, original, i)) expected.push_back(static_cast<std::uint32_t>(i));
  }
  ASSERT_GT(expected.size(), n / 20);
  ASSERT_LT(expected.size(), n * 19 / 20);

  // The vector pass where the machine and the zones allow it; `list` falls back to the scalar
  // pass otherwise, and is checked either way.
  EXPECT_EQ(scan.vector_pass(), param.zones <= 64 && cpu_has_avx2());
  for (const bool vector : {false, true}) {
    Residents r = original;
    std::vector<std::uint32_t> got;
    const std::size_t bounds[] = {0, 3, 1000, 1007, 9000, 17999, n};
    for (std::size_t b = 0; b + 1 < std::size(bounds); ++b) {
      std::vector<std::uint32_t> out(bounds[b + 1] - bounds[b]);
      const std::size_t count =
          vector ? scan.list(r.columns(), bounds[b], bounds[b + 1], out.data())
                 : scan.list_scalar(r.columns(), bounds[b], bounds[b + 1], out.data());
      got.insert(got.end(), out.begin(), out.begin() + static_cast<std::ptrdiff_t>(count));
    }
    EXPECT_EQ(got, expected) << (vector ? "list" : "list_scalar");
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_EQ(r.traits[i], original.traits[i] & ~Traits::kEmployerMoved) << "resident " << i;
    }
    EXPECT_EQ(r.employer, original.employer);
    EXPECT_EQ(r.born, original.born);
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, LabourScan,
                         ::testing::Values(Case{32, false, 2020}, Case{32, true, 2035},
                                           Case{5, false, 2011}, Case{64, true, 2030},
                                           // Beyond the vector pass's masks: the scalar pass.
                                           Case{100, false, 2025},
                                           // Birth-byte thresholds below 0 and above 255.
                                           Case{32, false, 1905}, Case{32, true, 2200},
                                           // The first working age at the retirement age.
                                           Case{32, false, 2020, 60, 60}),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return "zones" + std::to_string(info.param.zones) + "_year" +
                                  std::to_string(info.param.year) + "_ages" +
                                  std::to_string(info.param.working_age_min) + "to" +
                                  std::to_string(info.param.retirement_age) +
                                  (info.param.institution_moved ? "_institution_moved" : "");
                         });

TEST(LabourScan, RuleTableMatchesTheConditions) {
  // A few keys by hand: a retiree outside the labour force without a job needs nothing; with a
  // job, it must leave it; the unemployed in the labour force search.
  using namespace labour;
  EXPECT_FALSE(needs_attention(kResident | kRetired, false));
  EXPECT_TRUE(needs_attention(kResident | kRetired | kEmployed, false));
  EXPECT_TRUE(needs_attention(kResident | kWorking | kInLabourForce, false));
  EXPECT_FALSE(needs_attention(kResident | kWorking | kInLabourForce | kEmployed, false));
  EXPECT_TRUE(needs_attention(kResident | kWorking | kInLabourForce | kEmployed | kNews, false));
  EXPECT_FALSE(
      needs_attention(kResident | kWorking | kEmployed | kAtInstitution | kInLabourForce, false));
  EXPECT_TRUE(
      needs_attention(kResident | kWorking | kEmployed | kAtInstitution | kInLabourForce, true));
  EXPECT_FALSE(needs_attention(kWorking | kInLabourForce, false));  // a free slot
}

}  // namespace
}  // namespace relocsim
