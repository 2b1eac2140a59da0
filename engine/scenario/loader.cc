#include "engine/scenario/loader.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "engine/core/csv.h"
#include "engine/scenario/reader.h"

namespace relocsim::scenario {

namespace fs = std::filesystem;

namespace {

const ConfigNode* item_name(const ConfigNode& item) {
  if (!item.is_map()) return nullptr;
  for (const char* key : {"name", "id"}) {
    const ConfigNode* n = item.find(key);
    if (n != nullptr && n->is_scalar()) return n;
  }
  return nullptr;
}

bool is_named_list(const ConfigNode& n) {
  return n.is_sequence() && !n.items().empty() &&
         std::all_of(n.items().begin(), n.items().end(),
                     [](const ConfigNode& i) { return item_name(i) != nullptr; });
}

// `remove: true` on an item of a named list drops the parent's item of that name.
bool removes(const ConfigNode& item) {
  const ConfigNode* remove = item.find("remove");
  if (remove == nullptr) return false;
  if (!remove->is_scalar() || remove->quoted() || remove->text() != "true") {
    throw InputError(remove->place(), "'remove' can only be true, got " + remove->describe());
  }
  return true;
}

// Two items of one named list in one file with the same name would silently merge into one.
void check_unique_names(const ConfigNode& list) {
  DiagnosticSink sink;
  std::unordered_map<std::string, int> lines;
  for (const auto& item : list.items()) {
    const ConfigNode* name = item_name(item);
    const auto [first, fresh] = lines.try_emplace(name->text(), item.place().line);
    if (!fresh) {
      sink.error(name->place(), "'" + name->text() +
                                    "' is given twice in this list (first at line " +
                                    std::to_string(first->second) + ")");
    }
  }
  sink.throw_if_any();
}

void merge_into(ConfigNode& base, const ConfigNode& over);

// Items of `over` merge into base's item of the same name, are appended when base has none, or
// drop base's item with `remove: true`.
void merge_named_lists(ConfigNode& base, const ConfigNode& over) {
  check_unique_names(over);
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < base.items().size(); ++k) {
    if (const ConfigNode* n = item_name(base.items()[k])) index.emplace(n->text(), k);
  }
  std::vector<bool> removed(base.items().size(), false);
  std::vector<ConfigNode> added;
  for (const auto& item : over.items()) {
    const std::string& name = item_name(item)->text();
    const auto it = index.find(name);
    if (removes(item)) {
      if (it == index.end()) {
        throw InputError(item.place(), "cannot remove '" + name + "': the parent has no such item");
      }
      removed[it->second] = true;
    } else if (it == index.end()) {
      added.push_back(item);
    } else {
      merge_into(base.items()[it->second], item);
    }
  }
  std::vector<ConfigNode> items;
  items.reserve(base.items().size() + added.size());
  for (std::size_t k = 0; k < base.items().size(); ++k) {
    if (!removed[k]) items.push_back(std::move(base.items()[k]));
  }
  for (auto& item : added) items.push_back(std::move(item));
  base.items() = std::move(items);
}

// A child's list that replaces the parent's (or has no parent list) cannot remove anything.
void refuse_removals(const ConfigNode& over) {
  if (!over.is_sequence()) return;
  for (const auto& item : over.items()) {
    const ConfigNode* name = item_name(item);
    if (name != nullptr && removes(item)) {
      throw InputError(item.place(),
                       "cannot remove '" + name->text() + "': the parent has no such item");
    }
  }
}

// A map keyed by years (a lever's schedule) is replaced whole: merging two schedules year by year
// would mix the parent's plan into the child's.
bool is_schedule(const ConfigNode& n) {
  return n.is_map() && !n.entries().empty() &&
         std::all_of(n.entries().begin(), n.entries().end(), [](const ConfigNode::Entry& e) {
           return !e.key.empty() && std::all_of(e.key.begin(), e.key.end(), [](unsigned char c) {
             return std::isdigit(c) != 0;
           });
         });
}

void merge_into(ConfigNode& base, const ConfigNode& over) {
  if (base.is_map() && over.is_map() && !is_schedule(over)) {
    std::unordered_map<std::string, std::size_t> index;  // base's keys to their positions
    for (std::size_t k = 0; k < base.entries().size(); ++k) index.emplace(base.entries()[k].key, k);
    for (const auto& e : over.entries()) {
      const auto it = index.find(e.key);
      if (it == index.end()) {
        refuse_removals(e.value);
        base.entries().push_back(e);
      } else {
        merge_into(base.entries()[it->second].value, e.value);
      }
    }
    return;
  }
  if (is_named_list(over) &&
      (is_named_list(base) || (base.is_sequence() && base.items().empty()))) {
    merge_named_lists(base, over);
    return;
  }
  refuse_removals(over);
  base = over;
}

ConfigNode load_chain(const fs::path& path, std::vector<fs::path>& chain, const Place& from) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  if (ec || !fs::is_regular_file(canonical)) {
    // The top file has no place to point at but itself.
    if (from.line == 0) throw InputError(from, "cannot read the scenario file");
    throw InputError(from, "cannot read scenario file '" + path.string() + "'");
  }
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    std::string cycle;
    for (const auto& p : chain) cycle += p.filename().string() + " -> ";
    throw InputError(from, "'extends' makes a cycle: " + cycle + canonical.filename().string());
  }
  chain.push_back(canonical);
  ConfigNode root = parse_yaml_file(path.string());
  if (root.is_null()) root = ConfigNode::map(Place{path.string(), 1, 1});
  if (!root.is_map()) throw InputError(root.place(), "a scenario must be a map of sections");
  const ConfigNode* extends = root.find("extends");
  if (extends == nullptr) {
    if (const ConfigNode* replace = root.find("replace")) {
      throw InputError(replace->place(),
                       "'replace' needs 'extends': there is no parent to replace");
    }
    chain.pop_back();
    return root;
  }
  if (!extends->is_scalar()) {
    throw InputError(extends->place(), "'extends' names one scenario file");
  }
  const fs::path parent_path = (path.parent_path() / extends->text()).lexically_normal();
  ConfigNode parent = load_chain(parent_path, chain, extends->place());
  chain.pop_back();
  // Keys listed in `replace` take the child's value whole.
  if (const ConfigNode* replace = root.find("replace")) {
    std::vector<const ConfigNode*> keys;
    if (replace->is_scalar()) keys.push_back(replace);
    if (replace->is_sequence()) {
      for (const auto& k : replace->items()) keys.push_back(&k);
    }
    if (keys.empty() && !replace->is_sequence()) {
      throw InputError(replace->place(),
                       "'replace' lists top-level keys, e.g. [levers], got " + replace->describe());
    }
    DiagnosticSink sink;
    for (const ConfigNode* k : keys) {
      if (!k->is_scalar()) {
        sink.error(k->place(), "'replace' lists top-level keys, got " + k->describe());
      } else if (root.find(k->text()) == nullptr || k->text() == "extends" ||
                 k->text() == "replace") {
        sink.error(k->place(), "'replace' lists '" + k->text() + "', which this file does not set");
      }
    }
    sink.throw_if_any();
    for (const ConfigNode* k : keys) parent.erase(k->text());
  }
  ConfigNode child = root;
  child.erase("extends");
  child.erase("replace");
  merge_into(parent, child);
  return parent;
}

struct ColumnMap {
  const char* column;
  const char* key;
  bool required;
  enum Type { kText, kNumber, kInteger } type = kText;
};

// Cells are checked here, where the column's name is known, rather than in typed parsing, whose
// CSV places have no column: "zones.csv:7: column 'lat': expected a number, got 'north'".
void check_cell(const CsvTable& table, const CsvRow& row, const ColumnMap& c, std::size_t col,
                DiagnosticSink& sink) {
  const std::string& v = row.fields[col];
  if (v.empty()) {
    if (c.required) {
      sink.error(table.place(row), "column '" + std::string(c.column) + "' is empty");
    }
    return;
  }
  if (c.type == ColumnMap::kNumber && !parse_double(v)) {
    sink.error(table.place(row),
               "column '" + std::string(c.column) + "': expected a number, got '" + v + "'");
  }
  if (c.type == ColumnMap::kInteger && !parse_integer(v)) {
    sink.error(table.place(row),
               "column '" + std::string(c.column) + "': expected an integer, got '" + v + "'");
  }
}

// Replaces holder[key] = {file: x.csv[, <extra_column_key>: column]} by the CSV's rows as a list
// of maps, one key per column of `columns` (plus the extra column, read as a number).
void inline_table(ConfigNode& holder, const std::string& key, const std::vector<ColumnMap>& columns,
                  const char* extra_column_key) {
  ConfigNode* spec = holder.find(key);
  if (spec == nullptr || !spec->is_map()) return;
  const ConfigNode* file = spec->find("file");
  if (file == nullptr) return;
  DiagnosticSink sink;
  std::vector<std::string> valid{"file"};
  if (extra_column_key != nullptr) valid.emplace_back(extra_column_key);
  for (const auto& e : spec->entries()) {
    if (std::find(valid.begin(), valid.end(), e.key) == valid.end()) {
      sink.error(e.key_place, "unknown key '" + e.key + "' in a data file reference" +
                                  did_you_mean(e.key, valid));
    }
  }
  const ConfigNode* extra = extra_column_key != nullptr ? spec->find(extra_column_key) : nullptr;
  if (extra_column_key != nullptr && extra == nullptr) {
    sink.error(spec->place(), "missing key '" + std::string(extra_column_key) +
                                  "' (the column to read it from) in a data file reference");
  } else if (extra != nullptr && !extra->is_scalar()) {
    sink.error(extra->place(), "expected a column name, got " + extra->describe());
  }
  if (!file->is_scalar()) {
    sink.error(file->place(), "'file' names a CSV file, got " + file->describe());
  }
  sink.throw_if_any();
  // Relative to the file that names it; values given with --set are relative to the working
  // folder.
  const std::string& named_in = file->place().file;
  const fs::path base =
      named_in.starts_with("--set ") ? fs::path() : fs::path(named_in).parent_path();
  const fs::path csv_path = (base / file->text()).lexically_normal();
  if (file->text().empty() || !fs::is_regular_file(csv_path)) {
    throw InputError(file->place(), "cannot read data file '" + csv_path.string() + "'");
  }
  const CsvTable table = read_csv_file(csv_path);
  // Every missing column at once, each with the nearest column of the header that is not read
  // as another.
  std::vector<std::string> unused = table.header;
  std::erase_if(unused, [&](const std::string& h) {
    return std::any_of(columns.begin(), columns.end(),
                       [&](const ColumnMap& c) { return h == c.column; });
  });
  std::vector<std::optional<std::size_t>> index;
  for (const auto& c : columns) {
    index.push_back(table.find(c.column));
    if (c.required && !index.back()) {
      sink.error(Place{table.file, 1, 0},
                 "missing column '" + std::string(c.column) + "'" + did_you_mean(c.column, unused));
    }
  }
  std::optional<std::size_t> extra_index;
  if (extra != nullptr) {
    extra_index = table.find(extra->text());
    if (!extra_index) {
      sink.error(extra->place(), "data file '" + csv_path.string() + "' has no column '" +
                                     extra->text() + "'" +
                                     did_you_mean(extra->text(), table.header));
    }
  }
  sink.throw_if_any();
  const ColumnMap extra_map{extra != nullptr ? extra->text().c_str() : "", extra_column_key, true,
                            ColumnMap::kNumber};
  ConfigNode list = ConfigNode::sequence(spec->place());
  for (const auto& row : table.rows) {
    ConfigNode item = ConfigNode::map(table.place(row));
    auto add = [&](const ColumnMap& c, std::size_t col) {
      check_cell(table, row, c, col, sink);
      const std::string& v = row.fields[col];
      if (v.empty()) return;
      const std::string_view k = c.key;
      const bool textual = k == "name" || k == "note" || k == "source_ids";
      item.entries().push_back(
          {c.key, table.place(row), ConfigNode::scalar(v, table.place(row), textual)});
    };
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (index[c]) add(columns[c], *index[c]);
    }
    if (extra_index) add(extra_map, *extra_index);
    list.items().push_back(std::move(item));
  }
  sink.throw_if_any();
  *spec = std::move(list);
}

void set_places(ConfigNode& n, const Place& place) {
  n.set_place(place);
  for (auto& item : n.items()) set_places(item, place);
  for (auto& e : n.entries()) {
    e.key_place = place;
    set_places(e.value, place);
  }
}

}  // namespace

ConfigNode load_merged(const std::string& path) {
  std::vector<fs::path> chain;
  return load_chain(path, chain, Place{path, 0, 0});
}

void inline_data_files(ConfigNode& root) {
  ConfigNode* geography = root.find("geography");
  if (geography == nullptr || !geography->is_map()) return;
  inline_table(*geography, "zones",
               {{"id", "id", true},
                {"name", "name", true},
                {"province", "province", true},
                {"functional_area", "functional_area", true},
                {"lat", "lat", true, ColumnMap::kNumber},
                {"lon", "lon", true, ColumnMap::kNumber},
                {"area_km2", "area_km2", false, ColumnMap::kNumber},
                {"note", "note", false},
                {"source_ids", "source_ids", false}},
               "residents");
  inline_table(*geography, "links",
               {{"from_id", "from", true},
                {"to_id", "to", true},
                {"mode", "mode", true},
                {"minutes", "minutes", true, ColumnMap::kNumber},
                {"opened", "opened", false, ColumnMap::kInteger},
                {"status", "status", false},
                {"name", "name", false},
                {"source_ids", "source_ids", false},
                {"note", "note", false}},
               nullptr);
}

void apply_override(ConfigNode& root, const std::string& assignment) {
  const Place place{"--set " + assignment, 0, 0};
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw InputError(place, "expected path=value, e.g. scenario.seed=7");
  }
  const std::string path = assignment.substr(0, eq);
  ConfigNode value;
  try {
    value = parse_yaml(assignment.substr(eq + 1), place.file);
  } catch (const InputError& e) {
    // Lines and columns within a one-line value would read as part of the option.
    throw InputError(place, e.diagnostics().front().message);
  }
  set_places(value, place);
  if (value.is_null() && eq + 1 == assignment.size()) {
    throw InputError(place, "missing value after '='");
  }
  ConfigNode* current = &root;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '[') {
      const auto close = path.find(']', i);
      if (close == std::string::npos) throw InputError(place, "unclosed '[' in path");
      const std::string sel = path.substr(i + 1, close - i - 1);
      i = close + 1;
      if (i < path.size() && path[i] == '.') ++i;
      if (!current->is_sequence()) {
        throw InputError(place, "'[" + sel + "]' applies to a list, but the value there is " +
                                    current->describe());
      }
      auto& items = current->items();
      if (!sel.empty() && std::all_of(sel.begin(), sel.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; })) {
        const std::size_t k = sel.size() > 9 ? items.size() : std::stoul(sel);
        if (k >= items.size()) {
          throw InputError(place, "index " + sel + " is past the end of a list of " +
                                      std::to_string(items.size()));
        }
        current = &items[k];
      } else {
        auto it = std::find_if(items.begin(), items.end(), [&](const ConfigNode& item) {
          const ConfigNode* n = item_name(item);
          return n != nullptr && n->text() == sel;
        });
        if (it == items.end()) {
          std::vector<std::string> names;
          for (const auto& item : items) {
            if (const ConfigNode* n = item_name(item)) names.push_back(n->text());
          }
          throw InputError(place,
                           "no item named '" + sel + "' in the list" + did_you_mean(sel, names));
        }
        current = &*it;
      }
      continue;
    }
    auto end = path.find_first_of(".[", i);
    if (end == std::string::npos) end = path.size();
    const std::string key = path.substr(i, end - i);
    if (key.empty()) throw InputError(place, "empty name in path '" + path + "'");
    i = end;
    if (i < path.size() && path[i] == '.') ++i;
    if (current->is_null()) *current = ConfigNode::map(place);
    if (!current->is_map()) {
      throw InputError(
          place, "'" + key + "' is set inside " + current->describe() + ", which has no keys");
    }
    if (current->find(key) == nullptr) {
      current->entries().push_back({key, place, ConfigNode::null(place)});
    }
    current = current->find(key);
  }
  *current = std::move(value);
}

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int k = 0; k < length; ++k) {
    out += kHex[digest[k] >> 4];
    out += kHex[digest[k] & 15];
  }
  return out;
}

}  // namespace relocsim::scenario
