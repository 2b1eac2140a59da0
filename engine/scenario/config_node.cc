#include "engine/scenario/config_node.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace relocsim::scenario {

ConfigNode ConfigNode::null(Place place) {
  ConfigNode n;
  n.place_ = std::move(place);
  return n;
}

ConfigNode ConfigNode::scalar(std::string text, Place place, bool quoted) {
  ConfigNode n;
  n.kind_ = Kind::kScalar;
  n.text_ = std::move(text);
  n.place_ = std::move(place);
  n.quoted_ = quoted;
  return n;
}

ConfigNode ConfigNode::sequence(Place place) {
  ConfigNode n;
  n.kind_ = Kind::kSequence;
  n.place_ = std::move(place);
  return n;
}

ConfigNode ConfigNode::map(Place place) {
  ConfigNode n;
  n.kind_ = Kind::kMap;
  n.place_ = std::move(place);
  return n;
}

std::string ConfigNode::describe() const {
  switch (kind_) {
    case Kind::kNull:
      return "nothing";
    case Kind::kScalar:
      return "'" + text_ + "'";
    case Kind::kSequence:
      return "a list";
    case Kind::kMap:
      return "a map";
  }
  return "?";
}

ConfigNode* ConfigNode::find(std::string_view key) {
  for (auto& e : entries_) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

const ConfigNode* ConfigNode::find(std::string_view key) const {
  for (const auto& e : entries_) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

ConfigNode& ConfigNode::at(std::string_view key, const Place& place) {
  if (ConfigNode* n = find(key)) return *n;
  entries_.push_back(Entry{std::string(key), place, ConfigNode::null(place)});
  return entries_.back().value;
}

void ConfigNode::erase(std::string_view key) {
  std::erase_if(entries_, [&](const Entry& e) { return e.key == key; });
}

namespace {

Place place_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null()) return Place{file, 0, 0};
  return Place{file, mark.line + 1, mark.column + 1};
}

class Converter {
 public:
  Converter(const std::string& file, const ParseLimits& limits) : file_(file), limits_(limits) {}

  ConfigNode convert(const YAML::Node& node, int depth) {
    const Place place = place_of(node.Mark(), file_);
    if (++nodes_ > limits_.max_nodes) {
      throw InputError(place, "document expands to more than " + std::to_string(limits_.max_nodes) +
                                  " nodes (runaway aliases?)");
    }
    if (depth > limits_.max_depth) {
      throw InputError(place,
                       "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return ConfigNode::null(place);
      case YAML::NodeType::Scalar:
        return ConfigNode::scalar(node.Scalar(), place, node.Tag() == "!");
      case YAML::NodeType::Sequence: {
        ConfigNode seq = ConfigNode::sequence(place);
        seq.items().reserve(node.size());
        for (const auto& item : node) seq.items().push_back(convert(item, depth + 1));
        return seq;
      }
      case YAML::NodeType::Map: {
        ConfigNode map = ConfigNode::map(place);
        for (auto it = node.begin(); it != node.end(); ++it) {
          const Place key_place = place_of(it->first.Mark(), file_);
          if (!it->first.IsScalar()) throw InputError(key_place, "a map key must be a plain name");
          const std::string key = it->first.Scalar();
          if (map.find(key) != nullptr) {
            const auto& first = std::find_if(map.entries().begin(), map.entries().end(),
                                             [&](const auto& e) { return e.key == key; });
            throw InputError(key_place, "duplicated key '" + key + "' (first given at line " +
                                            std::to_string(first->key_place.line) + ")");
          }
          map.entries().push_back(
              ConfigNode::Entry{key, key_place, convert(it->second, depth + 1)});
        }
        return map;
      }
    }
    return ConfigNode::null(place);
  }

 private:
  const std::string& file_;
  const ParseLimits& limits_;
  std::size_t nodes_ = 0;
};

void emit(YAML::Emitter& out, const ConfigNode& node) {
  switch (node.kind()) {
    case ConfigNode::Kind::kNull:
      out << YAML::Null;
      break;
    case ConfigNode::Kind::kScalar:
      if (node.quoted()) out << YAML::DoubleQuoted;
      out << node.text();
      break;
    case ConfigNode::Kind::kSequence: {
      const bool flat = std::all_of(node.items().begin(), node.items().end(),
                                    [](const ConfigNode& n) { return n.is_scalar(); });
      if (flat && !node.items().empty()) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : node.items()) emit(out, item);
      out << YAML::EndSeq;
      break;
    }
    case ConfigNode::Kind::kMap:
      out << YAML::BeginMap;
      for (const auto& e : node.entries()) {
        out << YAML::Key << e.key << YAML::Value;
        emit(out, e.value);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

ConfigNode parse_yaml(std::string_view text, const std::string& file, const ParseLimits& limits) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    throw InputError(place_of(e.mark, file), "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    throw InputError(place_of(e.mark, file), e.msg);
  }
  try {
    Converter converter(file, limits);
    return converter.convert(root, 0);
  } catch (const YAML::Exception& e) {
    throw InputError(place_of(e.mark, file), e.msg);
  }
}

ConfigNode parse_yaml_file(const std::string& path, const ParseLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(Place{path, 0, 0}, "cannot read file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_yaml(buffer.str(), path, limits);
}

std::string emit_yaml(const ConfigNode& node) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetSeqFormat(YAML::Block);
  emit(out, node);
  std::string text = out.c_str();
  text += '\n';
  return text;
}

}  // namespace relocsim::scenario
