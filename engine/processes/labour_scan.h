// The labour market's first pass over residents: which residents need anything this year (leave a
// job at retirement, enter the labour force, answer their employer's news, search for work). Most
// need nothing; the pass lists the others in index order and clears last year's "employer moved"
// marks on the way. A vector version (AVX2, chosen at run time) and a scalar version give the same
// list, resident for resident.
//
//   labour::ResidentScan scan(rule);                        // once a year
//   std::size_t n = scan.list(columns, begin, end, out);  // per chunk, in parallel
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/core/ids.h"

namespace relocsim::labour {

// Nine bits of a resident's state. The rule says, for each of the 512 keys, whether the resident
// needs anything; the conditions vary at random from one resident to the next, so a table indexed
// by the key needs no branch where a test of each would mispredict.
inline constexpr unsigned kRetired = 1;        // age at or above the retirement age
inline constexpr unsigned kWorking = 2;        // of working age and not retired
inline constexpr unsigned kFirstAge = 4;       // at the first working age
inline constexpr unsigned kInLabourForce = 8;  // Traits::kLabourForce shifted down by one
inline constexpr unsigned kEmployed = 16;
inline constexpr unsigned kAtInstitution = 32;
inline constexpr unsigned kShort = 64;      // the home zone's labour force is short
inline constexpr unsigned kResident = 128;  // a resident, not a free slot
inline constexpr unsigned kNews = 256;      // the employer (a firm) closed, moved or shrank
inline constexpr std::size_t kKeys = 512;

// Whether a resident whose state has these bits needs anything this year.
bool needs_attention(unsigned key, bool institution_moved);

// What the year's pass looks at, besides the residents.
struct ScanRule {
  int year = 0;
  int working_age_min = 0;
  int retirement_age = 0;
  std::vector<std::uint8_t> short_zone;  // by zone: 1 where the labour force is short
  bool institution_moved = false;        // staff of institutions have news only then
  // The status byte of each firm (0: no news), then one 0 entry that stands for "no firm"
  // (institutions and the unemployed), then three bytes of padding: the vector pass reads four
  // bytes at each entry. The scan keeps a view of it: it must outlive the scan.
  std::span<const std::uint8_t> status;
};

// The resident columns the pass reads (and, for `traits`, writes). Every home is a zone of the
// rule's `short_zone` or "none" (a free slot).
struct ScanColumns {
  const std::uint32_t* employer;
  const ZoneId* home;
  const std::uint8_t* born;
  std::uint8_t* traits;
};

class ResidentScan {
 public:
  explicit ResidentScan(const ScanRule& rule);

  // Lists the residents of [begin, end) that need anything, in index order, into `out` (room for
  // end - begin entries), clears their "employer moved" marks, and returns how many it listed.
  // Uses the vector pass where the machine has AVX2 and the zones fit its masks.
  std::size_t list(const ScanColumns& c, std::size_t begin, std::size_t end,
                   std::uint32_t* out) const;
  // The same, always with the scalar pass (which `list` falls back to).
  std::size_t list_scalar(const ScanColumns& c, std::size_t begin, std::size_t end,
                          std::uint32_t* out) const;
  // Whether `list` takes the vector pass.
  bool vector_pass() const { return vector_; }

 private:
  // Both tables in one block, so that the scalar loop addresses them from one pointer (it has
  // more pointers than the machine has registers).
  struct Tables {
    std::array<std::uint8_t, kKeys> busy;     // by key
    std::array<std::uint8_t, 256> age_class;  // by birth-year byte
  } tables_{};
  std::vector<std::uint8_t> home_bits_;  // by home column value (a zone or "none")
  std::span<const std::uint8_t> status_;
  std::uint32_t no_firm_;
  // For the vector pass: the birth-year bytes of the youngest retired age and of the first working
  // age, and the short zones as a bit mask.
  int born_retired_ = 0;
  int born_first_age_ = 0;
  std::uint64_t short_mask_ = 0;
  bool institution_moved_ = false;
  bool vector_ = false;
};

}  // namespace relocsim::labour
