#include "engine/scenario/config_node.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <unordered_map>

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

// Builds ConfigNodes straight from yaml-cpp's parse events (what YAML::Load does with its own
// nodes). Going through events lets us expand aliases ourselves, under the node budget: an alias
// costs the size of the node it names, checked before anything is copied, so that an alias bomb
// ("billion laughs") is refused at its first oversized alias instead of after building millions of
// nodes, and an alias inside the node it names (a cycle, which YAML::Load accepts) is refused.
class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, const std::string& file, const ParseLimits& limits,
              DiagnosticSink& sink)
      : text_(text), file_(file), limits_(limits), sink_(sink) {
    // yaml-cpp's positions do not count a UTF-8 byte order mark.
    if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
  }

  bool done() const { return root_.has_value(); }
  ConfigNode take_root() { return std::move(*root_); }

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Place place = start(mark);
    finish(ConfigNode::null(place), anchor, 1, 0);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Place place = place_of(mark, file_);
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      // yaml-cpp checks that the anchor was defined; a node not finished yet contains the alias.
      throw InputError(place, "alias " + alias_name(anchor) + " refers to a node that contains it");
    }
    const Anchored& a = it->second;
    alias_nodes_ += a.size;
    if (alias_nodes_ > limits_.max_alias_nodes) {
      throw InputError(place, "aliases expand to more than " +
                                  std::to_string(limits_.max_alias_nodes) +
                                  " nodes (an alias bomb?)");
    }
    count(place, a.size);
    check_depth(place, stack_.size() + a.height);
    finish(a.node, 0, a.size, a.height);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const Place place = start(mark);
    check_closed(mark, place);
    // yaml-cpp tags quoted scalars "!" (non-specific): they are text, never numbers or booleans.
    finish(ConfigNode::scalar(value, place, tag == "!"), anchor, 1, 0);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    const Place place = start(mark);
    open(ConfigNode::sequence(place), anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    const Place place = start(mark);
    open(ConfigNode::map(place), anchor);
  }
  void OnMapEnd() override { close(); }

  void OnAnchor(const YAML::Mark& /*mark*/, const std::string& name) override {
    names_.push_back(name);
  }

 private:
  struct Frame {
    ConfigNode node;
    YAML::anchor_t anchor = 0;
    std::size_t size = 1;    // nodes in the subtree, itself included
    std::size_t height = 0;  // levels below it
    bool has_key = false;    // maps: a key waits for its value
    bool drop = false;       // maps: and the key was refused
    std::string key;
    Place key_place;
    std::unordered_map<std::string, int> key_lines;  // maps: keys so far, for duplicates
  };
  struct Anchored {
    ConfigNode node;
    std::size_t size = 0;
    std::size_t height = 0;
  };

  // yaml-cpp numbers anchors 1, 2, ... in the order OnAnchor reports their names.
  std::string alias_name(YAML::anchor_t anchor) const {
    if (anchor >= 1 && anchor <= names_.size()) return "'*" + names_[anchor - 1] + "'";
    return "";
  }

  void count(const Place& place, std::size_t n) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes) {
      throw InputError(
          place, "the document has more than " + std::to_string(limits_.max_nodes) + " nodes");
    }
  }

  // yaml-cpp 0.7 ends a quoted scalar that is never closed at the end of the input, so that a
  // missing quote would silently turn the rest of the file into text.
  void check_closed(const YAML::Mark& mark, const Place& place) const {
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return;
    const char quote = text_[mark.pos];
    // Plain scalars cannot start with a quote; block scalars and tags start with |, > or !.
    if (quote != '"' && quote != '\'') return;
    for (std::size_t i = mark.pos + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;  // '' is a quote within single quotes
        } else {
          return;
        }
      }
    }
    throw InputError(place, std::string("quoted text opened here is never closed (no ") +
                                (quote == '"' ? "\"" : "'") + " follows)");
  }

  void check_depth(const Place& place, std::size_t depth) const {
    if (depth > static_cast<std::size_t>(limits_.max_depth)) {
      throw InputError(place,
                       "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
  }

  Place start(const YAML::Mark& mark) {
    Place place = place_of(mark, file_);
    if (root_) throw InputError(place, "content after the end of the document");
    count(place, 1);
    check_depth(place, stack_.size());
    return place;
  }

  void open(ConfigNode node, YAML::anchor_t anchor) {
    Frame& frame = stack_.emplace_back();
    frame.node = std::move(node);
    frame.anchor = anchor;
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    finish(std::move(frame.node), frame.anchor, frame.size, frame.height);
  }

  // A node is complete: remember it under its anchor and hand it to its parent.
  void finish(ConfigNode node, YAML::anchor_t anchor, std::size_t size, std::size_t height) {
    if (anchor != 0) {
      // The kept copy counts against the budget too, so that nested anchors cannot multiply
      // memory.
      count(node.place(), size);
      anchors_[anchor] = Anchored{node, size, height};
    }
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& parent = stack_.back();
    parent.size += size;
    parent.height = std::max(parent.height, height + 1);
    if (parent.node.is_sequence()) {
      parent.node.items().push_back(std::move(node));
      return;
    }
    if (!parent.has_key) {
      parent.has_key = true;
      // A bad key is reported and its entry dropped; the rest of the file is still read.
      parent.drop = true;
      if (!node.is_scalar()) {
        sink_.error(node.place(), "a map key must be a plain name");
        return;
      }
      const auto [first, fresh] = parent.key_lines.try_emplace(node.text(), node.place().line);
      if (!fresh) {
        sink_.error(node.place(), "duplicated key '" + node.text() + "' (first given at line " +
                                      std::to_string(first->second) + ")");
        return;
      }
      parent.drop = false;
      parent.key = node.text();
      parent.key_place = node.place();
      return;
    }
    parent.has_key = false;
    if (parent.drop) return;
    parent.node.entries().push_back(
        ConfigNode::Entry{std::move(parent.key), std::move(parent.key_place), std::move(node)});
  }

  std::string_view text_;
  const std::string& file_;
  const ParseLimits& limits_;
  DiagnosticSink& sink_;
  std::vector<Frame> stack_;
  std::optional<ConfigNode> root_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  std::vector<std::string> names_;
  std::size_t nodes_ = 0;
  std::size_t alias_nodes_ = 0;
};

// YAML::Load silently ignores every document after the first; a scenario file is one document.
class SecondDocument final : public YAML::EventHandler {
 public:
  explicit SecondDocument(const std::string& file) : file_(file) {}
  void OnDocumentStart(const YAML::Mark& mark) override {
    throw InputError(place_of(mark, file_),
                     "a second YAML document: a scenario file holds one document");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  const std::string& file_;
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

// yaml-cpp scans a whole line of flow collections before it reports any of them, at about 250
// bytes per open bracket: a line of a million '[' would take a gigabyte before the builder's depth
// check sees the first. Counting brackets first (quotes and comments ignored, so a generous
// bound) refuses such input at once.
void check_flow_depth(std::string_view text, const std::string& file, const ParseLimits& limits) {
  const long bound = 4L * limits.max_depth + 64;
  long depth = 0;
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
    } else if (c == '[' || c == '{') {
      if (++depth > bound) {
        throw InputError(Place{file, line, static_cast<int>(i - line_start) + 1},
                         "nesting deeper than " + std::to_string(limits.max_depth) + " levels");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

}  // namespace

ConfigNode parse_yaml(std::string_view text, const std::string& file, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes) {
    throw InputError(Place{file, 0, 0}, "file of " + std::to_string(text.size()) +
                                            " bytes is larger than the limit of " +
                                            std::to_string(limits.max_bytes) + " bytes");
  }
  check_flow_depth(text, file, limits);
  std::istringstream in{std::string(text)};
  // Duplicated and non-scalar keys are collected (parsing goes on); everything else stops it.
  DiagnosticSink sink;
  TreeBuilder builder(text, file, limits, sink);
  bool empty = false;
  try {
    YAML::Parser parser(in);
    empty = !parser.HandleNextDocument(builder) || !builder.done();
    // YAML::Load silently ignores further documents; a scenario is one document.
    SecondDocument next(file);
    if (!empty) parser.HandleNextDocument(next);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) sink.error(d.place, d.message);
  } catch (const YAML::DeepRecursion& e) {
    sink.error(place_of(e.mark, file),
               "nesting deeper than " + std::to_string(limits.max_depth) + " levels");
  } catch (const YAML::ParserException& e) {
    sink.error(place_of(e.mark, file), "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    sink.error(place_of(e.mark, file), e.msg);
  }
  sink.throw_if_any();
  return empty ? ConfigNode::null(Place{file, 0, 0}) : builder.take_root();
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
