// Typed reading of a ConfigNode map with defaults, ranges and unknown-key detection.
//
//   MapReader r(node, sink, "scenario");
//   r.integer("seed", info.seed);             // keeps the default when absent (and records it)
//   r.number("scale", info.scale, {.min = 0, .min_open = true, .max = 1});
//   r.finish();                               // unknown keys -> "unknown key 'sed' (did you mean
//   'seed'?)"
//
// Every problem goes to the DiagnosticSink with the value's place; reading continues so that all
// independent errors of a file are reported together. Absent optional keys are written back into
// the node with their default, so that the resolved scenario shows every value a run used.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/nearest_name.h"
#include "engine/scenario/config_node.h"
#include "relocsim/errors.h"

namespace relocsim::scenario {

struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;  // exclude min itself
};

// Scalar conversions with messages; they report to sink and return nullopt on failure.
std::optional<double> to_number(const ConfigNode& n, DiagnosticSink& sink, const Range& range = {});
std::optional<long long> to_integer(const ConfigNode& n, DiagnosticSink& sink,
                                    const Range& range = {});
std::optional<bool> to_bool(const ConfigNode& n, DiagnosticSink& sink);
std::optional<std::string> to_string(const ConfigNode& n, DiagnosticSink& sink);
// A list of names; a single scalar counts as a list of one.
std::optional<std::vector<std::string>> to_names(const ConfigNode& n, DiagnosticSink& sink);
std::optional<std::vector<double>> to_numbers(const ConfigNode& n, DiagnosticSink& sink,
                                              const Range& range = {});

// Formats a double so that it reads back exactly (shortest round-trip form).
std::string format_number(double value);

class MapReader {
 public:
  // `node` must be a map; anything else is reported (and the reader then reads nothing).
  MapReader(ConfigNode& node, DiagnosticSink& sink, std::string what);

  bool ok() const { return ok_; }
  bool has(std::string_view key) const;
  ConfigNode* node(std::string_view key);  // marks the key as known
  const Place& place() const { return node_.place(); }
  Place place_of(std::string_view key) const;

  // Optional fields keep `out` as default when absent and write it back into the node.
  void number(std::string_view key, double& out, const Range& range = {});
  void integer(std::string_view key, int& out, const Range& range = {});
  void integer(std::string_view key, std::uint64_t& out);
  void boolean(std::string_view key, bool& out);
  void text(std::string_view key, std::string& out);
  void numbers(std::string_view key, std::vector<double>& out, std::size_t size = 0,
               const Range& range = {});
  void names(std::string_view key, std::vector<std::string>& out);
  void number_map(std::string_view key, std::map<std::string, double>& out,
                  const Range& range = {});
  void optional_number(std::string_view key, std::optional<double>& out, const Range& range = {});
  void optional_integer(std::string_view key, std::optional<int>& out, const Range& range = {});

  // Required fields: "missing key 'x'" when absent. Returns whether a valid value was read.
  bool required_text(std::string_view key, std::string& out);
  bool required_number(std::string_view key, double& out, const Range& range = {});
  bool required_integer(std::string_view key, int& out, const Range& range = {});

  // Declares keys read elsewhere (so finish() does not report them).
  void known(std::string_view key);
  // Reports keys nobody asked for, with the nearest known key.
  void finish();

 private:
  ConfigNode& node_;
  DiagnosticSink& sink_;
  std::string what_;
  bool ok_ = true;
  std::vector<std::string> known_;
};

}  // namespace relocsim::scenario
