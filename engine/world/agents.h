// The agent stores: residents, firms and institutions as structures of arrays with compact
// integer columns and index references, never one heap object per agent. A resident takes 11
// bytes; 110 million residents fit in about 1.2 GB.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/core/column.h"
#include "engine/core/ids.h"

namespace relocsim {

inline constexpr int kBirthYearBase = 1900;

// A work zone as a column index: the zone, or `zones` for "no work". Without a branch (about
// every second resident works, at random, so a branch would mispredict often): no zone is
// ZoneId::kNone, above any zone count.
inline std::size_t work_column(ZoneId work, std::size_t zones) {
  return std::min<std::size_t>(work.get(), zones);
}

// Age bands used by segments: 0-17, 18-34, 35-59, 60+.
inline int age_band(int age) { return age < 18 ? 0 : age < 35 ? 1 : age < 60 ? 2 : 3; }
// The age band in `year` of a resident born in kBirthYearBase + b, for every birth byte b: passes
// over all residents look the band up instead of computing it per resident.
inline std::array<std::uint8_t, 256> age_bands_by_birth_byte(int year) {
  std::array<std::uint8_t, 256> band{};
  for (int born = 0; born < 256; ++born) {
    band[born] = static_cast<std::uint8_t>(age_band(year - kBirthYearBase - born));
  }
  return band;
}
// First age and number of ages of a band, for drawing an age within it (60+ spans 60-89).
inline int band_first_age(int band) {
  constexpr int kFirst[] = {0, 18, 35, 60};
  return kFirst[band];
}
inline int band_width(int band) {
  constexpr int kWidth[] = {18, 17, 25, 30};
  return kWidth[band];
}

// The index k whose cumulative share interval holds u (the last one when shares fall short).
// Shares are not negative, so the cumulative shares at or below u form a prefix: counting them
// finds k without a branch on u (u is random, so a branch would mispredict half the time).
inline int pick_share(const std::vector<double>& shares, double u) {
  double c = 0;
  int k = 0;
  for (std::size_t j = 0; j + 1 < shares.size(); ++j) {
    c += shares[j];
    k += u >= c ? 1 : 0;
  }
  return k;
}

// Packed resident traits: income quintile (bits 0-2), local registration (bit 3), in the labour
// force (bit 4), employer moved away this year (bit 5).
struct Traits {
  static constexpr std::uint8_t kQuintileMask = 0x07;
  static constexpr std::uint8_t kLocalHukou = 0x08;
  static constexpr std::uint8_t kLabourForce = 0x10;
  static constexpr std::uint8_t kEmployerMoved = 0x20;

  static int quintile(std::uint8_t t) { return t & kQuintileMask; }
  static bool local_hukou(std::uint8_t t) { return (t & kLocalHukou) != 0; }
  static bool labour_force(std::uint8_t t) { return (t & kLabourForce) != 0; }
  static bool employer_moved(std::uint8_t t) { return (t & kEmployerMoved) != 0; }
  static std::uint8_t make(int quintile, bool local, bool labour_force) {
    return static_cast<std::uint8_t>(quintile | (local ? kLocalHukou : 0) |
                                     (labour_force ? kLabourForce : 0));
  }
};

struct ResidentStore {
  Column<ZoneId> home;                    // ZoneId::none(): a free slot (died or left the region)
  Column<ZoneId> work;                    // zone of the employer, none when not employed
  Column<std::uint32_t> employer;         // EmployerRef::raw()
  Column<std::uint8_t> born;              // birth year - kBirthYearBase
  Column<std::uint8_t> traits;            // see Traits
  Column<std::uint8_t> moved;             // year of the last move - kBirthYearBase, 0 never
  std::vector<std::uint32_t> free_slots;  // descending: back() is the lowest free slot

  std::size_t slots() const { return home.size(); }
  std::size_t alive() const { return home.size() - free_slots.size(); }
  void resize(std::size_t n) {
    home.resize(n);
    work.resize(n);
    employer.resize(n);
    born.resize(n);
    traits.resize(n);
    moved.resize(n);
  }
  void reserve(std::size_t n) {
    home.reserve(n);
    work.reserve(n);
    employer.reserve(n);
    born.reserve(n);
    traits.reserve(n);
    moved.reserve(n);
  }
  int age(std::size_t i, int year) const { return year - kBirthYearBase - born[i]; }

  // A slot for a new resident: the lowest free slot, or a new one at the end.
  std::size_t take_slot() {
    if (!free_slots.empty()) {
      const std::size_t i = free_slots.back();
      free_slots.pop_back();
      return i;
    }
    const std::size_t i = home.size();
    resize(i + 1);
    return i;
  }
  // Slots for n new residents, in the order n calls of take_slot() would give them (the lowest
  // free slots first, then new slots at the end, added with one resize).
  std::vector<std::uint32_t> take_slots(std::size_t n);
  // Frees slots (ascending list) and keeps free_slots descending.
  void release(const std::vector<std::uint32_t>& ascending);
};

// Packed firm flags: ownership (bits 0-1), tier (bits 2-3), alive (bit 4), moved this year
// (bit 5), entered this year (bit 6).
struct FirmFlags {
  static constexpr std::uint8_t kAlive = 0x10;
  static constexpr std::uint8_t kMoved = 0x20;
  static constexpr std::uint8_t kNew = 0x40;
  static int ownership(std::uint8_t f) { return f & 3; }    // 0 private, 1 local SOE, 2 central SOE
  static int tier(std::uint8_t f) { return (f >> 2) & 3; }  // 0 headquarters, 1 second, 2 third
  static std::uint8_t make(int ownership, int tier) {
    return static_cast<std::uint8_t>(ownership | (tier << 2) | kAlive);
  }
};

inline constexpr const char* kOwnershipNames[] = {"private", "local_soe", "central_soe"};
inline constexpr const char* kTierNames[] = {"headquarters", "second", "third"};

// Firms are appended; a closed firm keeps its index (flag cleared) until compact_firms (world.h)
// drops closed firms and renumbers the residents' employer references.
struct FirmStore {
  Column<ZoneId> zone;
  Column<SectorId> sector;
  Column<std::uint8_t> flags;
  Column<std::uint32_t> jobs;     // positions, in resident-agent units
  Column<std::uint32_t> filled;   // positions held by residents
  Column<std::uint16_t> founded;  // year
  Column<ZoneId> origin;          // zone at the start of the year (moves are measured from it)

  std::size_t size() const { return zone.size(); }
  bool alive(std::size_t f) const { return (flags[f] & FirmFlags::kAlive) != 0; }
  std::size_t add(ZoneId z, SectorId s, std::uint8_t f, std::uint32_t positions, int year) {
    zone.push_back(z);
    sector.push_back(s);
    flags.push_back(f);
    jobs.push_back(positions);
    filled.push_back(0);
    founded.push_back(static_cast<std::uint16_t>(year));
    origin.push_back(z);
    return zone.size() - 1;
  }
};

// Institutions are never sampled: each is one real body.
struct InstitutionStore {
  std::vector<KindId> kind;
  std::vector<ZoneId> zone;
  std::vector<double> staff;        // real persons
  std::vector<std::uint32_t> jobs;  // positions, in resident-agent units
  std::vector<std::uint32_t> filled;
  std::vector<double> capacity;  // seats / beds
  std::vector<std::uint8_t> ownership;
  std::vector<std::uint8_t> moved;  // moved this year
  std::vector<ZoneId> mandated_to;  // destination of a mandated move already made, or none

  std::size_t size() const { return kind.size(); }
};

}  // namespace relocsim
