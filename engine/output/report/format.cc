#include "engine/output/report/format.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <utility>

namespace relocsim::output {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

struct Magnitude {
  double divisor;
  const char* suffix;
};

Magnitude magnitude_of(double abs_value) {
  if (abs_value >= 1e12) return {1e12, " T"};
  if (abs_value >= 1e9) return {1e9, " B"};
  if (abs_value >= 1e6) return {1e6, " M"};
  if (abs_value >= 1e4) return {1e3, " k"};
  return {1, ""};
}

// Digits after the point so that `step` (already divided) is shown exactly enough.
int decimals_for_step(double step) {
  if (!(step > 0)) return 0;
  int decimals = 0;
  while (decimals < 6 && std::abs(step * std::pow(10.0, decimals) -
                                  std::round(step * std::pow(10.0, decimals))) > 1e-6) {
    ++decimals;
  }
  return decimals;
}

}  // namespace

std::string format_quantity(double value) {
  if (std::isnan(value)) return "n/a";
  if (value == 0) return "0";
  const Magnitude m = magnitude_of(std::abs(value));
  const double v = value / m.divisor;
  const double a = std::abs(v);
  const int decimals = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  std::string digits = fmt::format("{:.{}f}", v, decimals);
  if (m.divisor == 1 && a >= 1000) digits = format_number(value, 0);
  if (digits.find('.') != std::string::npos) {
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
  }
  return digits + m.suffix;
}

std::string format_tick(double value, double step, double axis_max) {
  if (std::abs(value) < std::abs(step) * 1e-9) return "0";
  const Magnitude m = magnitude_of(std::max(std::abs(axis_max), std::abs(step)));
  const int decimals = decimals_for_step(step / m.divisor);
  if (m.divisor == 1) return format_number(value, decimals);
  return fmt::format("{:.{}f}", value / m.divisor, decimals) + m.suffix;
}

std::string format_percent(double share, bool signed_) {
  if (std::isnan(share)) return "n/a";
  return signed_ ? fmt::format("{:+.1f} %", share * 100) : fmt::format("{:.1f} %", share * 100);
}

std::string format_number(double value, int decimals) {
  if (std::isnan(value)) return "n/a";
  std::string s = fmt::format("{:.{}f}", std::abs(value), decimals);
  const auto point = s.find('.');
  const std::size_t int_end = point == std::string::npos ? s.size() : point;
  std::string grouped;
  for (std::size_t i = 0; i < int_end; ++i) {
    if (i > 0 && (int_end - i) % 3 == 0) grouped += ',';
    grouped += s[i];
  }
  grouped += s.substr(int_end);
  const bool negative = value < 0 && grouped.find_first_not_of("0.,") != std::string::npos;
  return negative ? "-" + grouped : grouped;
}

std::string svg_num(double value) {
  if (!std::isfinite(value)) return "0";
  std::string s = fmt::format("{:.1f}", value);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

std::vector<double> nice_ticks(double lo, double hi, int count) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {0, 1};
  if (hi < lo) std::swap(lo, hi);
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const double raw = (hi - lo) / std::max(1, count);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double f : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = f * power;
    if (step >= raw) break;
  }
  const double first = std::floor(lo / step + 1e-9) * step;
  std::vector<double> ticks;
  // From the tick at or below lo to the first tick at or above hi.
  for (int i = 0; i <= 50; ++i) {
    const double t = first + i * step;
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    if (t >= hi - step * 1e-9) break;
  }
  return ticks;
}

std::string category_colour(std::size_t index) {
  static constexpr std::array<const char*, 12> kPalette{"#4e79a7", "#f28e2b", "#59a14f", "#e15759",
                                                        "#76b7b2", "#edc948", "#b07aa1", "#9c755f",
                                                        "#ff9da7", "#17becf", "#bab0ac", "#2f4b7c"};
  return kPalette[index % kPalette.size()];
}

std::string diverging_colour(double t) {
  static constexpr std::array<std::array<int, 3>, 7> kStops{{{33, 102, 172},
                                                             {103, 169, 207},
                                                             {209, 229, 240},
                                                             {240, 240, 240},
                                                             {253, 219, 199},
                                                             {239, 138, 98},
                                                             {178, 24, 43}}};
  if (std::isnan(t)) return "#cccccc";
  t = std::clamp(t, -1.0, 1.0);
  const double pos = (t + 1) / 2 * (kStops.size() - 1);
  const auto i = std::min<std::size_t>(static_cast<std::size_t>(pos), kStops.size() - 2);
  const double f = pos - static_cast<double>(i);
  std::array<int, 3> c{};
  for (int k = 0; k < 3; ++k) {
    c[k] = static_cast<int>(std::lround(kStops[i][k] + f * (kStops[i + 1][k] - kStops[i][k])));
  }
  return fmt::format("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
}

std::string truncate_text(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (++chars == max_chars && max_chars > 0) {
      // Cut here unless this is the last character.
      std::size_t next = i + 1;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
      if (next < text.size()) return std::string(text.substr(0, i)) + "…";
    }
  }
  return std::string(text);
}

std::string short_name(std::string_view name) {
  if (auto paren = name.find(" ("); paren != std::string_view::npos && paren > 0) {
    name = name.substr(0, paren);
  }
  for (std::string_view suffix : {" District", " district"}) {
    if (name.size() > suffix.size() + 2 && name.ends_with(suffix)) {
      name.remove_suffix(suffix.size());
    }
  }
  return std::string(name);
}

std::string slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    out += keep ? c : '-';
  }
  return out.empty() ? std::string("x") : out;
}

std::string display_name(std::string_view id) {
  static constexpr std::array<std::pair<const char*, const char*>, 18> kKnown{{
      {"core", "Core area"},
      {"central_urban", "Central urban area"},
      {"six_central", "Six central districts"},
      {"sub_center", "Sub-center"},
      {"xiongan", "Xiong'an"},
      {"north_three", "North three counties"},
      {"beijing", "Beijing"},
      {"tianjin", "Tianjin"},
      {"hebei", "Hebei"},
      {"region", "Region"},
      {"it_scitech", "IT and sci-tech"},
      {"central_soe_hq", "Central SOE HQs"},
      {"new_energy_vehicles", "New-energy vehicles"},
      {"wholesale_logistics", "Wholesale and logistics"},
      {"rent_housing", "Housing rent"},
      {"rent_commercial", "Commercial rent"},
      {"commute_minutes", "Commute"},
      {"jobs_housing_ratio", "Jobs-housing ratio"},
  }};
  for (const auto& [key, name] : kKnown) {
    if (id == key) return name;
  }
  std::string out(id);
  std::replace(out.begin(), out.end(), '_', ' ');
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace relocsim::output
