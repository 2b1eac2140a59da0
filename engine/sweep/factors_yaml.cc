#include "engine/sweep/factors_yaml.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/core/nearest_name.h"

namespace relocsim::sweep {

namespace {

constexpr std::array<std::string_view, 10> kFactorKeys = {
    "name", "distribution", "min", "max", "mode", "mean", "sd", "log_mean", "log_sd", "levels"};

// The keys each distribution takes besides name and distribution, in the order they are listed.
std::vector<std::string_view> distribution_keys(Distribution d) {
  switch (d) {
    case Distribution::kUniform:
      return {"min", "max"};
    case Distribution::kNormal:
      return {"mean", "sd"};
    case Distribution::kLognormal:
      return {"log_mean", "log_sd"};
    case Distribution::kTriangular:
      return {"min", "mode", "max"};
    case Distribution::kLevels:
      return {"levels"};
  }
  return {};
}

std::optional<Distribution> distribution_from_name(std::string_view name) {
  for (Distribution d : {Distribution::kUniform, Distribution::kNormal, Distribution::kLognormal,
                         Distribution::kTriangular, Distribution::kLevels}) {
    if (name == distribution_name(d)) return d;
  }
  return std::nullopt;
}

std::string join(std::span<const std::string_view> words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

std::string unknown_key_message(std::string_view key, std::span<const std::string_view> valid) {
  std::string message = fmt::format("unknown key '{}'", key);
  if (std::string hint = did_you_mean(key, valid); !hint.empty()) return message + hint;
  return message + " (valid keys: " + join(valid) + ")";
}

// A YAML scalar as a finite number, or a diagnostic at the value.
std::optional<double> number_at(const YAML::Node& value, std::string_view key,
                                const std::string& file, DiagnosticSink& sink) {
  double x = 0.0;
  if (!value.IsScalar()) {
    sink.error(place_of(value, file), fmt::format("{}: expected a number", key));
    return std::nullopt;
  }
  if (!YAML::convert<double>::decode(value, x) || !std::isfinite(x)) {
    sink.error(place_of(value, file), fmt::format("{}: '{}' is not a number", key, value.Scalar()));
    return std::nullopt;
  }
  return x;
}

struct Entry {
  YAML::Node key;
  YAML::Node value;
};

class FactorReader {
 public:
  FactorReader(const std::string& file, DiagnosticSink& sink,
               std::span<const std::string_view> extra_keys)
      : file_(file), sink_(sink), extra_keys_(extra_keys) {}

  // Reads one factor map; nullopt when it has problems (already reported).
  std::optional<Factor> read(const YAML::Node& item, std::size_t index) {
    const std::size_t before = sink_.size();
    if (!item.IsMap()) {
      sink_.error(place_of(item, file_), "a factor is a map such as {name: x, min: 0, max: 1}");
      return std::nullopt;
    }
    std::map<std::string, Entry, std::less<>> entries;
    for (const auto& kv : item) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (!entries.emplace(key, Entry{kv.first, kv.second}).second) {
        sink_.error(place_of(kv.first, file_), fmt::format("duplicate key '{}'", key));
      }
    }

    Factor f;
    std::string label = fmt::format("factor {}", index + 1);
    if (auto it = entries.find("name"); it == entries.end()) {
      sink_.error(place_of(item, file_), label + ": missing key 'name'");
    } else if (read_name(it->second, f.name)) {
      label = fmt::format("factor '{}'", f.name);
    }

    if (auto it = entries.find("distribution"); it != entries.end()) {
      const YAML::Node& v = it->second.value;
      auto d = v.IsScalar() ? distribution_from_name(v.Scalar()) : std::nullopt;
      if (!d) {
        sink_.error(place_of(v, file_),
                    fmt::format("distribution: '{}' is not one of uniform, normal, lognormal, "
                                "triangular, levels",
                                v.IsScalar() ? v.Scalar() : std::string("(not a word)")));
        return std::nullopt;
      }
      f.distribution = *d;
    } else if (entries.contains("levels")) {
      f.distribution = Distribution::kLevels;
    }

    const std::vector<std::string_view> wanted = distribution_keys(f.distribution);
    std::vector<std::string_view> valid = {"name", "distribution"};
    valid.insert(valid.end(), wanted.begin(), wanted.end());
    valid.insert(valid.end(), extra_keys_.begin(), extra_keys_.end());
    for (const auto& [key, entry] : entries) {
      if (std::find(valid.begin(), valid.end(), key) != valid.end()) continue;
      const bool known =
          std::find(kFactorKeys.begin(), kFactorKeys.end(), key) != kFactorKeys.end();
      if (known) {
        sink_.error(place_of(entry.key, file_),
                    fmt::format("key '{}' does not apply to a {} factor (it takes {})", key,
                                distribution_name(f.distribution), join(wanted)));
      } else {
        sink_.error(place_of(entry.key, file_), unknown_key_message(key, valid));
      }
    }

    std::map<std::string_view, double> numbers;
    for (std::string_view key : wanted) {
      auto it = entries.find(key);
      if (it == entries.end()) {
        sink_.error(place_of(item, file_), fmt::format("{}: missing key '{}'", label, key));
        continue;
      }
      if (key == "levels") {
        read_levels(it->second.value, label, f.levels);
      } else if (auto x = number_at(it->second.value, key, file_, sink_)) {
        numbers[key] = *x;
      }
    }
    if (sink_.size() != before) return std::nullopt;

    const Place here = place_of(item, file_);
    switch (f.distribution) {
      case Distribution::kUniform:
        f.min = numbers["min"];
        f.max = numbers["max"];
        if (!(f.min < f.max)) {
          sink_.error(here,
                      fmt::format("{}: min ({}) must be less than max ({})", label, f.min, f.max));
        }
        break;
      case Distribution::kTriangular:
        f.min = numbers["min"];
        f.mode = numbers["mode"];
        f.max = numbers["max"];
        if (!(f.min < f.max)) {
          sink_.error(here,
                      fmt::format("{}: min ({}) must be less than max ({})", label, f.min, f.max));
        } else if (f.mode < f.min || f.mode > f.max) {
          sink_.error(here, fmt::format("{}: mode ({}) must lie between min ({}) and max ({})",
                                        label, f.mode, f.min, f.max));
        }
        break;
      case Distribution::kNormal:
      case Distribution::kLognormal: {
        const bool log = f.distribution == Distribution::kLognormal;
        f.mean = numbers[log ? "log_mean" : "mean"];
        f.sd = numbers[log ? "log_sd" : "sd"];
        if (!(f.sd > 0.0)) {
          sink_.error(here, fmt::format("{}: {} ({}) must be positive", label,
                                        log ? "log_sd" : "sd", f.sd));
        }
        break;
      }
      case Distribution::kLevels:
        break;
    }
    if (sink_.size() != before) return std::nullopt;
    return f;
  }

 private:
  bool read_name(const Entry& entry, std::string& name) {
    const YAML::Node& v = entry.value;
    if (!v.IsScalar() || v.Scalar().empty()) {
      sink_.error(place_of(v.IsNull() ? entry.key : v, file_), "name: expected a word");
      return false;
    }
    name = v.Scalar();
    const bool trimmed = name.front() != ' ' && name.back() != ' ';
    if (!trimmed || name.find_first_of(",\"\n\r") != std::string::npos) {
      sink_.error(place_of(v, file_),
                  fmt::format("name: '{}' cannot be a CSV column name (no commas, quotes, line "
                              "breaks or surrounding spaces)",
                              name));
      return false;
    }
    return true;
  }

  void read_levels(const YAML::Node& v, const std::string& label, std::vector<double>& levels) {
    if (!v.IsSequence()) {
      sink_.error(place_of(v, file_), "levels: expected a list of numbers such as [0, 0.5, 1]");
      return;
    }
    for (const auto& item : v) {
      auto x = number_at(item, "levels", file_, sink_);
      if (!x) continue;
      if (std::find(levels.begin(), levels.end(), *x) != levels.end()) {
        sink_.error(place_of(item, file_), fmt::format("levels: {} is listed twice", *x));
        continue;
      }
      levels.push_back(*x);
    }
    if (v.size() < 2) {
      sink_.error(place_of(v, file_), fmt::format("{}: levels needs at least two values", label));
    }
  }

  const std::string& file_;
  DiagnosticSink& sink_;
  std::span<const std::string_view> extra_keys_;
};

}  // namespace

Place place_of(const YAML::Node& node, const std::string& file) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return Place{file, 0, 0};
  return Place{file, mark.line + 1, mark.column + 1};
}

std::vector<Factor> factors_from_yaml(const YAML::Node& list, const std::string& file,
                                      DiagnosticSink& sink,
                                      std::span<const std::string_view> extra_keys) {
  std::vector<Factor> factors;
  if (!list.IsSequence() || list.size() == 0) {
    sink.error(place_of(list, file),
               "factors: expected a non-empty list such as [{name: x, min: 0, max: 1}]");
    return factors;
  }
  FactorReader reader(file, sink, extra_keys);
  std::map<std::string, int, std::less<>> first_line;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    auto f = reader.read(item, i);
    if (!f) continue;
    const Place here = place_of(item, file);
    if (auto it = first_line.find(f->name); it != first_line.end()) {
      sink.error(here,
                 fmt::format("duplicate factor name '{}' (first at line {})", f->name, it->second));
      continue;
    }
    first_line.emplace(f->name, here.line);
    factors.push_back(std::move(*f));
  }
  return factors;
}

std::vector<Factor> parse_factors(std::string_view yaml, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    throw InputError(Place{file, e.mark.line + 1, e.mark.column + 1}, "YAML syntax: " + e.msg);
  }
  if (!root.IsMap()) {
    throw InputError(root.IsNull() ? Place{file, 0, 0} : place_of(root, file),
                     "expected a map with the key 'factors': a list of {name, min, max}");
  }
  DiagnosticSink sink;
  constexpr std::array<std::string_view, 1> kTopKeys = {"factors"};
  std::optional<YAML::Node> list;
  for (const auto& kv : root) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    if (key == "factors") {
      list = kv.second;
    } else {
      sink.error(place_of(kv.first, file), unknown_key_message(key, kTopKeys));
    }
  }
  if (!list) {
    sink.error(place_of(root, file), "missing key 'factors': a list of {name, min, max}");
    sink.throw_if_any();
  }
  std::vector<Factor> factors = factors_from_yaml(*list, file, sink);
  sink.throw_if_any();
  return factors;
}

std::vector<Factor> load_factors(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(Place{path.string(), 0, 0}, "cannot read file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_factors(buffer.str(), path.string());
}

}  // namespace relocsim::sweep
