#include "engine/scenario/loader.h"

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <set>

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

void merge_into(ConfigNode& base, const ConfigNode& over);

void merge_named_lists(ConfigNode& base, const ConfigNode& over) {
  for (const auto& item : over.items()) {
    const std::string& name = item_name(item)->text();
    const ConfigNode* remove = item.find("remove");
    auto it = std::find_if(base.items().begin(), base.items().end(), [&](const ConfigNode& b) {
      const ConfigNode* n = item_name(b);
      return n != nullptr && n->text() == name;
    });
    if (remove != nullptr && remove->is_scalar() && remove->text() == "true") {
      if (it == base.items().end()) {
        throw InputError(item.place(), "cannot remove '" + name + "': the parent has no such item");
      }
      base.items().erase(it);
      continue;
    }
    if (it == base.items().end()) {
      base.items().push_back(item);
    } else {
      merge_into(*it, item);
    }
  }
}

void merge_into(ConfigNode& base, const ConfigNode& over) {
  if (base.is_map() && over.is_map()) {
    for (const auto& e : over.entries()) {
      ConfigNode* existing = base.find(e.key);
      if (existing == nullptr) {
        base.entries().push_back(e);
      } else {
        merge_into(*existing, e.value);
      }
    }
    return;
  }
  if (is_named_list(base) && is_named_list(over)) {
    merge_named_lists(base, over);
    return;
  }
  base = over;
}

ConfigNode load_chain(const fs::path& path, std::vector<fs::path>& chain, const Place& from) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  if (ec || !fs::is_regular_file(canonical)) {
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
    chain.pop_back();
    return root;
  }
  if (!extends->is_scalar()) {
    throw InputError(extends->place(), "'extends' names one scenario file");
  }
  const fs::path parent_path = path.parent_path() / extends->text();
  ConfigNode parent = load_chain(parent_path, chain, extends->place());
  chain.pop_back();
  // Keys listed in `replace` take the child's value whole.
  if (const ConfigNode* replace = root.find("replace")) {
    std::vector<std::string> keys;
    if (replace->is_scalar()) keys.push_back(replace->text());
    if (replace->is_sequence()) {
      for (const auto& k : replace->items()) {
        if (k.is_scalar()) keys.push_back(k.text());
      }
    }
    for (const auto& k : keys) {
      if (root.find(k) == nullptr) {
        throw InputError(replace->place(),
                         "'replace' lists '" + k + "', which this file does not set");
      }
      parent.erase(k);
    }
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
};

void inline_table(ConfigNode& holder, const std::string& key, const std::vector<ColumnMap>& columns,
                  const char* extra_column_key) {
  ConfigNode* spec = holder.find(key);
  if (spec == nullptr || !spec->is_map()) return;
  const ConfigNode* file = spec->find("file");
  if (file == nullptr) return;
  if (!file->is_scalar()) throw InputError(file->place(), "'file' names a CSV file");
  for (const auto& e : spec->entries()) {
    if (e.key != "file" && (extra_column_key == nullptr || e.key != extra_column_key)) {
      std::vector<std::string> valid{"file"};
      if (extra_column_key != nullptr) valid.emplace_back(extra_column_key);
      throw InputError(e.key_place, "unknown key '" + e.key + "' in a data file reference" +
                                        did_you_mean(e.key, valid));
    }
  }
  const fs::path base = fs::path(file->place().file).parent_path();
  const fs::path csv_path = base / file->text();
  if (!fs::is_regular_file(csv_path)) {
    throw InputError(file->place(), "cannot read data file '" + csv_path.string() + "'");
  }
  CsvTable table = read_csv_file(csv_path);
  std::vector<ColumnMap> wanted = columns;
  std::string extra_column;
  if (extra_column_key != nullptr) {
    if (const ConfigNode* c = spec->find(extra_column_key)) {
      if (!c->is_scalar()) throw InputError(c->place(), "expected a column name");
      extra_column = c->text();
      if (!table.find(extra_column)) {
        throw InputError(c->place(), "data file '" + csv_path.string() + "' has no column '" +
                                         extra_column + "'");
      }
    }
  }
  DiagnosticSink sink;
  std::vector<std::optional<std::size_t>> index;
  for (const auto& c : wanted) {
    index.push_back(c.required ? table.column(c.column, sink) : table.find(c.column));
  }
  sink.throw_if_any();
  const std::optional<std::size_t> extra_index =
      extra_column.empty() ? std::nullopt : table.find(extra_column);
  ConfigNode list = ConfigNode::sequence(spec->place());
  for (const auto& row : table.rows) {
    ConfigNode item = ConfigNode::map(table.place(row));
    auto add = [&](const char* k, std::size_t col) {
      const std::string& v = row.fields[col];
      if (v.empty()) return;
      const bool textual = std::string_view(k) == "name" || std::string_view(k) == "note" ||
                           std::string_view(k) == "source_ids";
      item.entries().push_back(
          {k, table.place(row), ConfigNode::scalar(v, table.place(row), textual)});
    };
    for (std::size_t c = 0; c < wanted.size(); ++c) {
      if (index[c]) add(wanted[c].key, *index[c]);
    }
    if (extra_index) add(extra_column_key, *extra_index);
    list.items().push_back(std::move(item));
  }
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
                {"lat", "lat", true},
                {"lon", "lon", true},
                {"area_km2", "area_km2", false},
                {"note", "note", false},
                {"source_ids", "source_ids", false}},
               "residents");
  inline_table(*geography, "links",
               {{"from_id", "from", true},
                {"to_id", "to", true},
                {"mode", "mode", true},
                {"minutes", "minutes", true},
                {"opened", "opened", false},
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
  ConfigNode value = parse_yaml(assignment.substr(eq + 1), place.file);
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
      if (!sel.empty() && std::all_of(sel.begin(), sel.end(), ::isdigit)) {
        const std::size_t k = std::stoul(sel);
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
