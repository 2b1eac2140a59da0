// A YAML document as a plain tree whose every node remembers its place (file, line, column).
// The loader builds ConfigNodes from yaml-cpp's parse events once, merges `extends` chains, inlines
// CSV data and applies --set overrides on this tree; typed parsing then reads it with errors that
// name the place of the offending value, whichever file (or command-line option) it came from.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "relocsim/errors.h"

namespace relocsim::scenario {

class ConfigNode {
 public:
  enum class Kind { kNull, kScalar, kSequence, kMap };
  struct Entry;

  ConfigNode() = default;
  static ConfigNode null(Place place);
  static ConfigNode scalar(std::string text, Place place, bool quoted = false);
  static ConfigNode sequence(Place place);
  static ConfigNode map(Place place);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_scalar() const { return kind_ == Kind::kScalar; }
  bool is_sequence() const { return kind_ == Kind::kSequence; }
  bool is_map() const { return kind_ == Kind::kMap; }
  const Place& place() const { return place_; }
  void set_place(Place place) { place_ = std::move(place); }
  // "a map", "a sequence", "a scalar 'x'" or "nothing", for messages.
  std::string describe() const;

  // Scalars.
  const std::string& text() const { return text_; }
  bool quoted() const { return quoted_; }

  // Sequences.
  std::vector<ConfigNode>& items() { return items_; }
  const std::vector<ConfigNode>& items() const { return items_; }

  // Maps, in file order.
  std::vector<Entry>& entries() { return entries_; }
  const std::vector<Entry>& entries() const { return entries_; }
  ConfigNode* find(std::string_view key);
  const ConfigNode* find(std::string_view key) const;
  // The value at key, inserted as null at `place` when absent.
  ConfigNode& at(std::string_view key, const Place& place);
  void erase(std::string_view key);

 private:
  Kind kind_ = Kind::kNull;
  Place place_;
  std::string text_;
  bool quoted_ = false;
  std::vector<ConfigNode> items_;
  std::vector<Entry> entries_;
};

struct ConfigNode::Entry {
  std::string key;
  Place key_place;
  ConfigNode value;
};

// Limits that keep hostile input (alias bombs, deep nesting) from exhausting memory or time.
// A scenario file has a few thousand nodes; the limits are far above that and far below what
// would take noticeable memory or time.
struct ParseLimits {
  std::size_t max_bytes = 1 << 20;
  std::size_t max_nodes = 250'000;       // aliases expanded
  std::size_t max_alias_nodes = 20'000;  // nodes copied for aliases, all together
  int max_depth = 64;
};

// Parses YAML text (one document); `file` names it in places. Throws InputError on syntax errors,
// duplicated keys, non-scalar keys, aliases inside their own anchor, a second document and inputs
// beyond the limits. Every bad key is reported (with the first other problem, which stops the
// parse). Aliases are expanded (as copies carrying the anchor's places).
ConfigNode parse_yaml(std::string_view text, const std::string& file,
                      const ParseLimits& limits = {});
// Reads and parses a file.
ConfigNode parse_yaml_file(const std::string& path, const ParseLimits& limits = {});

// Emits the tree as block-style YAML (quoted scalars stay quoted).
std::string emit_yaml(const ConfigNode& node);

}  // namespace relocsim::scenario
