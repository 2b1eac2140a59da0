// Strong index types, so that a zone index cannot be passed where a sector index is expected.
// They are as small as the integers they wrap and live in the agent stores' columns.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace relocsim {

template <class Tag, class Rep>
class Id {
 public:
  using rep = Rep;
  static constexpr Rep kNone = std::numeric_limits<Rep>::max();

  constexpr Id() = default;
  constexpr explicit Id(Rep value) : value_(value) {}
  template <class Int>
  static constexpr Id from(Int index) {
    return Id(static_cast<Rep>(index));
  }
  static constexpr Id none() { return Id(kNone); }

  constexpr Rep get() const { return value_; }
  constexpr bool valid() const { return value_ != kNone; }
  constexpr auto operator<=>(const Id&) const = default;

 private:
  Rep value_ = kNone;
};

using ZoneId = Id<struct ZoneTag, std::uint16_t>;
using SectorId = Id<struct SectorTag, std::uint8_t>;
using KindId = Id<struct KindTag, std::uint8_t>;
using FirmId = Id<struct FirmTag, std::uint32_t>;
using InstitutionId = Id<struct InstitutionTag, std::uint32_t>;
using GroupId = Id<struct GroupTag, std::uint16_t>;

// A resident's employer: a firm, an institution (top bit set) or none.
class EmployerRef {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  static constexpr std::uint32_t kInstitutionBit = 0x80000000u;

  constexpr EmployerRef() = default;
  static constexpr EmployerRef firm(FirmId f) { return EmployerRef(f.get()); }
  static constexpr EmployerRef institution(InstitutionId i) {
    return EmployerRef(i.get() | kInstitutionBit);
  }
  static constexpr EmployerRef from_raw(std::uint32_t raw) { return EmployerRef(raw); }

  constexpr std::uint32_t raw() const { return raw_; }
  constexpr bool employed() const { return raw_ != kNone; }
  constexpr bool is_institution() const { return employed() && (raw_ & kInstitutionBit) != 0; }
  constexpr bool is_firm() const { return employed() && (raw_ & kInstitutionBit) == 0; }
  constexpr FirmId firm_id() const { return FirmId(raw_); }
  constexpr InstitutionId institution_id() const { return InstitutionId(raw_ & ~kInstitutionBit); }
  constexpr bool operator==(const EmployerRef&) const = default;

 private:
  constexpr explicit EmployerRef(std::uint32_t raw) : raw_(raw) {}
  std::uint32_t raw_ = kNone;
};

}  // namespace relocsim
