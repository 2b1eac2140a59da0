#include "engine/scenario/reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/core/csv.h"
#include "engine/core/nearest_name.h"

namespace relocsim::scenario {

namespace {

std::string range_text(const Range& r) {
  const bool lo = std::isfinite(r.min);
  const bool hi = std::isfinite(r.max);
  if (lo && hi) {
    return fmt::format("{} {} and at most {}", r.min_open ? "above" : "at least",
                       format_number(r.min), format_number(r.max));
  }
  if (lo) return fmt::format("{} {}", r.min_open ? "above" : "at least", format_number(r.min));
  if (hi) return fmt::format("at most {}", format_number(r.max));
  return "";
}

bool in_range(double v, const Range& r) {
  if (r.min_open ? !(v > r.min) : !(v >= r.min)) return false;
  return v <= r.max;
}

}  // namespace

std::string format_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return fmt::format("{}", static_cast<long long>(value));
  }
  return fmt::format("{}", value);
}

std::optional<double> to_number(const ConfigNode& n, DiagnosticSink& sink, const Range& range) {
  if (!n.is_scalar()) {
    sink.error(n.place(), "expected a number, got " + n.describe());
    return std::nullopt;
  }
  auto v = parse_double(n.text());
  if (!v) {
    sink.error(n.place(), "expected a number, got '" + n.text() + "'");
    return std::nullopt;
  }
  if (!in_range(*v, range)) {
    sink.error(n.place(),
               fmt::format("{} is out of range: must be {}", n.text(), range_text(range)));
    return std::nullopt;
  }
  return v;
}

std::optional<long long> to_integer(const ConfigNode& n, DiagnosticSink& sink, const Range& range) {
  if (!n.is_scalar()) {
    sink.error(n.place(), "expected an integer, got " + n.describe());
    return std::nullopt;
  }
  auto v = parse_integer(n.text());
  if (!v) {
    sink.error(n.place(), "expected an integer, got '" + n.text() + "'");
    return std::nullopt;
  }
  if (!in_range(static_cast<double>(*v), range)) {
    sink.error(n.place(),
               fmt::format("{} is out of range: must be {}", n.text(), range_text(range)));
    return std::nullopt;
  }
  return v;
}

std::optional<bool> to_bool(const ConfigNode& n, DiagnosticSink& sink) {
  if (n.is_scalar() && !n.quoted()) {
    const std::string& t = n.text();
    if (t == "true" || t == "yes" || t == "on") return true;
    if (t == "false" || t == "no" || t == "off") return false;
  }
  sink.error(n.place(), "expected true or false, got " + n.describe());
  return std::nullopt;
}

std::optional<std::string> to_string(const ConfigNode& n, DiagnosticSink& sink) {
  if (!n.is_scalar()) {
    sink.error(n.place(), "expected a text, got " + n.describe());
    return std::nullopt;
  }
  return n.text();
}

std::optional<std::vector<std::string>> to_names(const ConfigNode& n, DiagnosticSink& sink) {
  if (n.is_scalar()) return std::vector<std::string>{n.text()};
  if (n.is_null()) return std::vector<std::string>{};
  if (!n.is_sequence()) {
    sink.error(n.place(), "expected a list of names, got " + n.describe());
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const auto& item : n.items()) {
    if (!item.is_scalar()) {
      sink.error(item.place(), "expected a name, got " + item.describe());
      ok = false;
      continue;
    }
    out.push_back(item.text());
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<double>> to_numbers(const ConfigNode& n, DiagnosticSink& sink,
                                              const Range& range) {
  if (!n.is_sequence()) {
    sink.error(n.place(), "expected a list of numbers, got " + n.describe());
    return std::nullopt;
  }
  std::vector<double> out;
  bool ok = true;
  for (const auto& item : n.items()) {
    auto v = to_number(item, sink, range);
    if (!v) {
      ok = false;
      continue;
    }
    out.push_back(*v);
  }
  if (!ok) return std::nullopt;
  return out;
}

MapReader::MapReader(ConfigNode& node, DiagnosticSink& sink, std::string what)
    : node_(node), sink_(sink), what_(std::move(what)) {
  if (node_.is_null()) {
    node_ = ConfigNode::map(node_.place());
  } else if (!node_.is_map()) {
    sink_.error(node_.place(), "expected " + what_ + " as a map of keys, got " + node_.describe());
    ok_ = false;
  }
}

bool MapReader::has(std::string_view key) const {
  const ConfigNode* n = ok_ ? node_.find(key) : nullptr;
  return n != nullptr && !n->is_null();
}

ConfigNode* MapReader::node(std::string_view key) {
  known(key);
  if (!ok_) return nullptr;
  ConfigNode* n = node_.find(key);
  return (n != nullptr && !n->is_null()) ? n : nullptr;
}

Place MapReader::place_of(std::string_view key) const {
  if (ok_) {
    for (const auto& e : node_.entries()) {
      if (e.key == key) return e.value.place();
    }
  }
  return node_.place();
}

void MapReader::known(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
}

void MapReader::number(std::string_view key, double& out, const Range& range) {
  if (ConfigNode* n = node(key)) {
    if (auto v = to_number(*n, sink_, range)) out = *v;
  } else if (ok_) {
    node_.at(key, node_.place()) = ConfigNode::scalar(format_number(out), node_.place());
  }
}

void MapReader::integer(std::string_view key, int& out, const Range& range) {
  if (ConfigNode* n = node(key)) {
    Range r = range;
    r.min = std::max(r.min, static_cast<double>(std::numeric_limits<int>::min()));
    r.max = std::min(r.max, static_cast<double>(std::numeric_limits<int>::max()));
    if (auto v = to_integer(*n, sink_, r)) out = static_cast<int>(*v);
  } else if (ok_) {
    node_.at(key, node_.place()) = ConfigNode::scalar(std::to_string(out), node_.place());
  }
}

void MapReader::integer(std::string_view key, std::uint64_t& out) {
  if (ConfigNode* n = node(key)) {
    if (auto v = to_integer(*n, sink_, Range{.min = 0})) out = static_cast<std::uint64_t>(*v);
  } else if (ok_) {
    node_.at(key, node_.place()) = ConfigNode::scalar(std::to_string(out), node_.place());
  }
}

void MapReader::boolean(std::string_view key, bool& out) {
  if (ConfigNode* n = node(key)) {
    if (auto v = to_bool(*n, sink_)) out = *v;
  } else if (ok_) {
    node_.at(key, node_.place()) = ConfigNode::scalar(out ? "true" : "false", node_.place());
  }
}

void MapReader::text(std::string_view key, std::string& out) {
  if (ConfigNode* n = node(key)) {
    if (auto v = to_string(*n, sink_)) out = *v;
  } else if (ok_) {
    node_.at(key, node_.place()) = ConfigNode::scalar(out, node_.place(), true);
  }
}

void MapReader::numbers(std::string_view key, std::vector<double>& out, std::size_t size,
                        const Range& range) {
  if (ConfigNode* n = node(key)) {
    if (auto v = to_numbers(*n, sink_, range)) {
      if (size != 0 && v->size() != size) {
        sink_.error(n->place(), fmt::format("expected {} numbers, got {}", size, v->size()));
      } else {
        out = *v;
      }
    }
  } else if (ok_) {
    ConfigNode seq = ConfigNode::sequence(node_.place());
    for (double v : out) seq.items().push_back(ConfigNode::scalar(format_number(v), node_.place()));
    node_.at(key, node_.place()) = std::move(seq);
  }
}

void MapReader::names(std::string_view key, std::vector<std::string>& out) {
  if (ConfigNode* n = node(key)) {
    if (auto v = to_names(*n, sink_)) out = *v;
  }
}

void MapReader::number_map(std::string_view key, std::map<std::string, double>& out,
                           const Range& range) {
  if (ConfigNode* n = node(key)) {
    if (!n->is_map()) {
      sink_.error(n->place(), "expected a map of names to numbers, got " + n->describe());
      return;
    }
    out.clear();
    for (const auto& e : n->entries()) {
      if (auto v = to_number(e.value, sink_, range)) out[e.key] = *v;
    }
  } else if (ok_) {
    ConfigNode m = ConfigNode::map(node_.place());
    for (const auto& [k, v] : out) {
      m.entries().push_back(
          {k, node_.place(), ConfigNode::scalar(format_number(v), node_.place())});
    }
    node_.at(key, node_.place()) = std::move(m);
  }
}

void MapReader::optional_number(std::string_view key, std::optional<double>& out,
                                const Range& range) {
  if (ConfigNode* n = node(key)) {
    if (auto v = to_number(*n, sink_, range)) out = *v;
  }
}

void MapReader::optional_integer(std::string_view key, std::optional<int>& out,
                                 const Range& range) {
  if (ConfigNode* n = node(key)) {
    if (auto v = to_integer(*n, sink_, range)) out = static_cast<int>(*v);
  }
}

bool MapReader::required_text(std::string_view key, std::string& out) {
  if (ConfigNode* n = node(key)) {
    if (auto v = to_string(*n, sink_)) {
      out = *v;
      return true;
    }
    return false;
  }
  if (ok_) sink_.error(node_.place(), "missing key '" + std::string(key) + "' in " + what_);
  return false;
}

bool MapReader::required_number(std::string_view key, double& out, const Range& range) {
  if (ConfigNode* n = node(key)) {
    if (auto v = to_number(*n, sink_, range)) {
      out = *v;
      return true;
    }
    return false;
  }
  if (ok_) sink_.error(node_.place(), "missing key '" + std::string(key) + "' in " + what_);
  return false;
}

bool MapReader::required_integer(std::string_view key, int& out, const Range& range) {
  if (ConfigNode* n = node(key)) {
    if (auto v = to_integer(*n, sink_, range)) {
      out = static_cast<int>(*v);
      return true;
    }
    return false;
  }
  if (ok_) sink_.error(node_.place(), "missing key '" + std::string(key) + "' in " + what_);
  return false;
}

void MapReader::finish() {
  if (!ok_) return;
  for (const auto& e : node_.entries()) {
    if (std::find(known_.begin(), known_.end(), e.key) != known_.end()) continue;
    sink_.error(e.key_place,
                "unknown key '" + e.key + "' in " + what_ + did_you_mean(e.key, known_));
  }
}

}  // namespace relocsim::scenario
