#include "engine/processes/labour_scan.h"

#include <immintrin.h>

#include <algorithm>
#include <bit>
#include <cassert>

#include "engine/core/cpu.h"
#include "engine/world/agents.h"

namespace relocsim::labour {

static_assert(Traits::kLabourForce == kInLabourForce << 1, "labour-force bit shifts to bit 3");
static_assert(EmployerRef::kInstitutionBit == 1u << 31, "institution bit is the top bit");
static_assert(sizeof(ZoneId) == 2, "home zones are 16-bit");

bool needs_attention(unsigned key, bool institution_moved) {
  const auto has = [key](unsigned bit) { return (key & bit) != 0; };
  return has(kResident) &&
         ((has(kRetired) && (has(kInLabourForce) || has(kEmployed))) ||
          (has(kWorking) && !has(kInLabourForce) && (has(kShort) || has(kFirstAge))) ||
          has(kNews) || (has(kAtInstitution) && institution_moved) ||
          (has(kInLabourForce) && !has(kEmployed)));
}

namespace {

// What the vector pass needs, in one place.
struct VectorRule {
  const std::uint8_t* status;  // by firm, then "no firm", padded
  std::uint32_t no_firm;
  int born_retired;    // birth-year byte of the youngest retired age
  int born_first_age;  // birth-year byte of the first working age
  std::uint64_t short_mask;
  bool institution_moved;
};

// For each 8-bit mask, the lanes whose bit is set, in order, one byte each: the permutation that
// packs the listed residents of eight to the front.
constexpr std::array<std::uint64_t, 256> kPack = [] {
  std::array<std::uint64_t, 256> pack{};
  for (unsigned m = 0; m < 256; ++m) {
    std::uint64_t lanes = 0;
    unsigned k = 0;
    for (unsigned lane = 0; lane < 8; ++lane) {
      if (((m >> lane) & 1u) != 0) lanes |= std::uint64_t{lane} << (8 * k++);
    }
    pack[m] = lanes;
  }
  return pack;
}();

// Eight residents at a time, in 32-bit lanes: the age class by comparing the birth-year byte with
// two thresholds, the short zones by a shift of a bit mask, the employer's status by a gather;
// then `needs_attention` as a formula of lane masks (the 512-entry table would be a second gather,
// which costs more than the formula; the test holds the two to the same answer for every
// resident). The listed are packed to the front of the eight indices, which are all stored, and
// the count is advanced by the number listed. Returns how many it listed; the residents from
// `*next` on (fewer than eight) are left to the caller.
__attribute__((target("avx2,popcnt"))) std::size_t list_avx2(const VectorRule& rule,
                                                             const ScanColumns& c,
                                                             std::size_t begin, std::size_t end,
                                                             std::uint32_t* out,
                                                             std::size_t* next) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i byte = _mm256_set1_epi32(0xFF);
  const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  const __m256i unemployed_raw = _mm256_set1_epi32(-1);  // EmployerRef::kNone
  const __m256i no_firm = _mm256_set1_epi32(static_cast<int>(rule.no_firm));
  const __m256i home_none = _mm256_set1_epi32(ZoneId::kNone);
  const __m256i retired_below = _mm256_set1_epi32(rule.born_retired + 1);
  const __m256i of_age_below = _mm256_set1_epi32(rule.born_first_age + 1);
  const __m256i first_age = _mm256_set1_epi32(rule.born_first_age);
  const __m256i short_low = _mm256_set1_epi32(static_cast<int>(rule.short_mask & 0xFFFFFFFFu));
  const __m256i short_high = _mm256_set1_epi32(static_cast<int>(rule.short_mask >> 32));
  const __m256i thirty_two = _mm256_set1_epi32(32);
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i labour_force = _mm256_set1_epi32(Traits::kLabourForce);
  const __m256i all = _mm256_set1_epi32(-1);
  const __m256i moved = _mm256_set1_epi32(rule.institution_moved ? -1 : 0);
  const __m128i keep_traits = _mm_set1_epi8(static_cast<char>(~Traits::kEmployerMoved & 0xFF));
  const auto* const status = reinterpret_cast<const int*>(rule.status);
  std::size_t n = 0;
  std::size_t i = begin;
  // The employers' status bytes are fetched this many residents ahead (a gather waits for all
  // eight).
  constexpr std::size_t kStatusAhead = 64;
  for (; i + 8 <= end; i += 8) {
    if (i + kStatusAhead + 8 <= end) {
      for (std::size_t k = 0; k < 8; ++k) {
        __builtin_prefetch(rule.status + std::min(c.employer[i + kStatusAhead + k], rule.no_firm));
      }
    }
    const __m256i raw = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(c.employer + i));
    const __m256i home =
        _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(c.home + i)));
    const __m256i born =
        _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(c.born + i)));
    auto* const traits_at = reinterpret_cast<__m128i*>(c.traits + i);
    const __m128i traits8 = _mm_loadl_epi64(traits_at);
    _mm_storel_epi64(traits_at, _mm_and_si128(traits8, keep_traits));
    const __m256i traits = _mm256_cvtepu8_epi32(traits8);

    const __m256i unemployed = _mm256_cmpeq_epi32(raw, unemployed_raw);
    const __m256i institution = _mm256_andnot_si256(unemployed, _mm256_srai_epi32(raw, 31));
    const __m256i status_byte =
        _mm256_and_si256(_mm256_i32gather_epi32(status, _mm256_min_epu32(raw, no_firm), 1), byte);
    const __m256i quiet = _mm256_cmpeq_epi32(status_byte, zero);  // no news
    const __m256i retired = _mm256_cmpgt_epi32(retired_below, born);
    const __m256i working = _mm256_andnot_si256(retired, _mm256_cmpgt_epi32(of_age_below, born));
    const __m256i first = _mm256_cmpeq_epi32(born, first_age);
    const __m256i free_slot = _mm256_cmpeq_epi32(home, home_none);
    const __m256i short_zone = _mm256_cmpeq_epi32(
        _mm256_and_si256(
            _mm256_or_si256(_mm256_srlv_epi32(short_low, home),
                            _mm256_srlv_epi32(short_high, _mm256_sub_epi32(home, thirty_two))),
            one),
        one);
    const __m256i in_lf = _mm256_cmpeq_epi32(_mm256_and_si256(traits, labour_force), labour_force);
    // `needs_attention`, term by term, in lanes of all ones where true.
    const __m256i outside_lf = _mm256_xor_si256(in_lf, all);
    const __m256i retiring = _mm256_andnot_si256(_mm256_and_si256(unemployed, outside_lf), retired);
    const __m256i may_join =
        _mm256_and_si256(outside_lf, _mm256_and_si256(working, _mm256_or_si256(short_zone, first)));
    const __m256i news =
        _mm256_or_si256(_mm256_xor_si256(quiet, all), _mm256_and_si256(institution, moved));
    const __m256i searching = _mm256_and_si256(in_lf, unemployed);
    const __m256i need =
        _mm256_or_si256(_mm256_or_si256(retiring, may_join), _mm256_or_si256(news, searching));
    const auto mask = static_cast<unsigned>(
        _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_andnot_si256(free_slot, need))));
    const __m256i pack =
        _mm256_cvtepu8_epi32(_mm_cvtsi64_si128(static_cast<long long>(kPack[mask])));
    const __m256i index = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(i)), lanes);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + n),
                        _mm256_permutevar8x32_epi32(index, pack));
    n += static_cast<std::size_t>(std::popcount(mask));
  }
  *next = i;
  return n;
}

}  // namespace

ResidentScan::ResidentScan(const ScanRule& rule)
    : status_(rule.status), no_firm_(static_cast<std::uint32_t>(rule.status.size() - 4)) {
  assert(rule.status.size() >= 4 && rule.status[no_firm_] == 0 && "status: firms, 0, padding");
  for (unsigned key = 0; key < kKeys; ++key) {
    tables_.busy[key] = needs_attention(key, rule.institution_moved) ? 1 : 0;
  }
  for (unsigned born = 0; born < tables_.age_class.size(); ++born) {
    const int age = rule.year - kBirthYearBase - static_cast<int>(born);
    const bool retired = age >= rule.retirement_age;
    tables_.age_class[born] = static_cast<std::uint8_t>(
        (retired ? kRetired : 0) | (age >= rule.working_age_min && !retired ? kWorking : 0) |
        (age == rule.working_age_min ? kFirstAge : 0));
  }
  // One entry for every value of the home column, so that the look-up needs no bounds check;
  // only two of its cache lines are read.
  home_bits_.assign(std::size_t{ZoneId::kNone} + 1, 0);
  for (std::size_t z = 0; z < rule.short_zone.size(); ++z) {
    home_bits_[z] = static_cast<std::uint8_t>(kResident | (rule.short_zone[z] != 0 ? kShort : 0));
    if (z < 64 && rule.short_zone[z] != 0) short_mask_ |= std::uint64_t{1} << z;
  }
  born_retired_ = rule.year - kBirthYearBase - rule.retirement_age;
  born_first_age_ = rule.year - kBirthYearBase - rule.working_age_min;
  institution_moved_ = rule.institution_moved;
  vector_ = rule.short_zone.size() <= 64 && cpu_has_avx2();
}

std::size_t ResidentScan::list(const ScanColumns& c, std::size_t begin, std::size_t end,
                               std::uint32_t* out) const {
  if (!vector_) return list_scalar(c, begin, end, out);
  const VectorRule rule{status_.data(),  no_firm_,    born_retired_,
                        born_first_age_, short_mask_, institution_moved_};
  std::size_t next = begin;
  const std::size_t n = list_avx2(rule, c, begin, end, out, &next);
  return n + list_scalar(c, next, end, out + n);
}

std::size_t ResidentScan::list_scalar(const ScanColumns& c, std::size_t begin, std::size_t end,
                                      std::uint32_t* out) const {
  // Columns and tables in locals: the loop stores bytes, which may alias anything.
  const std::uint32_t* const employer_col = c.employer;
  const ZoneId* const home_col = c.home;
  const std::uint8_t* const born_col = c.born;
  std::uint8_t* const traits_col = c.traits;
  const std::uint8_t* const status_of = status_.data();
  const std::uint8_t* const bits_of_home = home_bits_.data();
  const Tables tables = tables_;
  const std::uint32_t no_firm = no_firm_;
  std::size_t n = 0;
  // Appends every index and advances by 0 or 1, without a branch: whether the resident is
  // employed, and where, varies at random.
  auto visit = [&](std::size_t i) __attribute__((always_inline)) {
    const std::uint32_t raw = employer_col[i];
    const std::uint8_t t = traits_col[i];
    const unsigned employed = raw != EmployerRef::kNone ? 1 : 0;
    const unsigned institution = (raw >> 31) & employed;  // the institution bit
    const unsigned key = tables.age_class[born_col[i]] | ((t & Traits::kLabourForce) >> 1) |
                         employed * kEmployed | institution * kAtInstitution |
                         bits_of_home[home_col[i].get()] |
                         (status_of[std::min(raw, no_firm)] != 0 ? kNews : 0);
    traits_col[i] = static_cast<std::uint8_t>(t & ~Traits::kEmployerMoved);
    out[n] = static_cast<std::uint32_t>(i);
    n += tables.busy[key];
  };
  // The status byte of the employer (firms only: institutions and "none" read the "no firm"
  // entry) is fetched this many residents ahead.
  constexpr std::size_t kStatusAhead = 32;
  const std::size_t fetch_end = end - std::min(end - begin, kStatusAhead);
  std::size_t i = begin;
  for (; i < fetch_end; ++i) {
    __builtin_prefetch(status_of + std::min(employer_col[i + kStatusAhead], no_firm));
    visit(i);
  }
  for (; i < end; ++i) visit(i);
  return n;
}

}  // namespace relocsim::labour
