#include "sim/input/yaml_document.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <istream>
#include <streambuf>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "engine/error.h"

namespace orchsim::sim {

namespace {

// 1-based line:col of byte `pos` of `text`.
SourceLocation locate(std::string_view text, std::size_t pos, const std::string& file) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; col = 1; } else { ++col; }
  }
  return {file, line, col};
}

// YAML (and JSON) allow no C0 control character but tab, LF and CR, and no DEL; yaml-cpp reads a NUL
// into a value, which then cuts every message that quotes it.
bool is_control(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f; }

// The length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto at = [&](std::size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  const unsigned c = at(i);
  std::size_t n = 0;
  unsigned lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
  else return 0;
  if (at(i + 1) < lo || at(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (at(i + k) < 0x80 || at(i + k) > 0xBF) return 0;
  }
  return n;
}

// Also rejects text that is not UTF-8 (a Latin-1 file, say): yaml-cpp passes such bytes through,
// and a name carrying them would make the JSON and HTML outputs invalid.
void reject_control_characters(std::string_view text, const std::string& file) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_control(c)) {
      throw InputError({Diagnostic{locate(text, i, file),
                                   fmt::format("invalid character U+{:04X}: YAML and JSON allow no control "
                                               "characters", c)}});
    }
    if (c < 0x80) continue;
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      throw InputError({Diagnostic{locate(text, i, file),
                                   fmt::format("invalid UTF-8 (byte 0x{:02X}): YAML and JSON files must be UTF-8 "
                                               "(save the file as UTF-8)", c)}});
    }
    i += n - 1;
  }
}

// Where a quoted scalar starting at `pos` ends, or npos: yaml-cpp 0.7 silently ends an unclosed
// quoted scalar at the end of the file, swallowing every line after it.
std::size_t closing_quote(std::string_view text, std::size_t pos) {
  const char quote = text[pos];
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') { ++i; continue; }
    if (text[i] != quote) continue;
    if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') { ++i; continue; }  // '' escapes '
    return i;
  }
  return std::string_view::npos;
}

// What yaml-cpp's parser lets pass: a key given twice (the first silently wins), an unclosed quote,
// and a control character written as an escape ("\0", "\u0000"). Each map and list is visited once,
// so that aliases cannot make the walk exponential.
class DocumentCheck {
 public:
  // `unclosed`: the quote character of each scalar whose quote never closes.
  DocumentCheck(const YamlTree& tree, const std::map<std::uint32_t, char>& unclosed, const std::string& file,
                Diagnostics& diagnostics)
      : unclosed_(unclosed), file_(file), diagnostics_(diagnostics), visited_(tree.node_count()) {}

  void visit(const YamlNode& node) {
    if (!node) return;
    if (node.IsScalar()) {
      check_scalar(node);
      return;
    }
    if (!node.IsMap() && !node.IsSequence()) return;
    if (visited_[node.id()]) return;
    visited_[node.id()] = true;
    if (node.IsSequence()) {
      for (const auto& item : node) visit(item);
      return;
    }
    std::vector<YamlNode> seen;  // the scalar keys so far; a map has few, a large one is sorted below
    std::map<std::string_view, YamlNode> index;
    for (const auto& entry : node) {
      visit(entry.first);
      visit(entry.second);
      if (!entry.first.IsScalar()) continue;
      const YamlNode first = find_or_add(entry.first, seen, index);
      if (!first.same(entry.first)) {
        diagnostics_.error(at(entry.first), fmt::format("duplicate key '{}' (first at {}:{})", entry.first.text(),
                                                        first.line(), first.column()));
      }
    }
  }

 private:
  SourceLocation at(const YamlNode& node) const { return {file_, node.line(), node.column()}; }

  // The key written first with `key`'s text, after recording `key` if it is new.
  static YamlNode find_or_add(const YamlNode& key, std::vector<YamlNode>& seen, std::map<std::string_view, YamlNode>& index) {
    if (seen.size() < 32) {
      for (const YamlNode& k : seen) {
        if (k.text() == key.text()) return k;
      }
      seen.push_back(key);
      if (seen.size() == 32) {
        for (const YamlNode& k : seen) index.emplace(k.text(), k);
      }
      return key;
    }
    return index.emplace(key.text(), key).first->second;
  }

  void check_scalar(const YamlNode& node) {
    if (const auto quote = unclosed_.find(node.id()); quote != unclosed_.end()) {
      diagnostics_.error(at(node), fmt::format("unclosed quote: the string opened by {} here never ends",
                                               quote->second));
    }
    for (const char c : node.text()) {
      if (!is_control(static_cast<unsigned char>(c))) continue;
      diagnostics_.error(at(node), fmt::format("invalid character U+{:04X} in this value: names and values "
                                               "may hold no control characters",
                                               static_cast<unsigned char>(c)));
      return;
    }
  }

  const std::map<std::uint32_t, char>& unclosed_;
  const std::string& file_;
  Diagnostics& diagnostics_;
  std::vector<bool> visited_;
};

// The first quote that opens a quoted scalar (after a line start, ':', ',', '[', '{', '-' or '?') and
// never closes, or npos: the likely cause when yaml-cpp gives up further down.
std::size_t unclosed_quote(std::string_view text) {
  char before = '\n';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '"' || c == '\'') && std::string_view("\n:,[{-?").find(before) != std::string_view::npos) {
      const std::size_t end = closing_quote(text, i);
      if (end == std::string_view::npos) return i;
      i = end;
      before = c;
      continue;
    }
    if (c == '#' && (before == ' ' || before == '\n')) {  // a comment: skip to its line's end
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\r') before = c;
    if (c == '\n') before = '\n';
  }
  return std::string_view::npos;
}

// Where the second document begins: its `---` line, or the document itself (its root at `mark`).
SourceLocation second_document(std::string_view text, const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null() || mark.pos < 0) return {file, 1, 1};
  const std::size_t end = std::min(text.size(), static_cast<std::size_t>(mark.pos));
  const std::size_t marker = text.substr(0, end).rfind("---");
  return locate(text, marker == std::string_view::npos ? end : marker, file);
}

// A read-only stream over text that is not copied (yaml-cpp's parser reads an std::istream).
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // only ever read
    setg(begin, begin, begin + text.size());
  }
};

// Builds a YamlTree from the parser's events, as yaml-cpp's NodeBuilder builds its node tree: each
// node at the event's mark, an alias the anchored node itself.
class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, YamlTree& tree, std::map<std::uint32_t, char>& unclosed)
      : text_(text), tree_(tree), unclosed_(unclosed) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(anchored(tree_.add_null(mark.line + 1, mark.column + 1), anchor));
  }
  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override { add(anchors_.at(anchor)); }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const std::uint32_t id = tree_.add_scalar(value, mark.line + 1, mark.column + 1, tag);
    if (mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < text_.size()) {
      const auto pos = static_cast<std::size_t>(mark.pos);
      if ((text_[pos] == '"' || text_[pos] == '\'') && closing_quote(text_, pos) == std::string_view::npos) {
        unclosed_[id] = text_[pos];
      }
    }
    add(anchored(id, anchor));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(YamlTree::Kind::kSequence, mark, anchor, style);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(YamlTree::Kind::kMap, mark, anchor, style);
  }
  void OnMapEnd() override { close(); }

  bool any = false;  // a node was read

 private:
  struct Open {
    std::uint32_t id;
    std::size_t first;  // its children start at pending_[first]
  };

  std::uint32_t anchored(std::uint32_t id, YAML::anchor_t anchor) {
    if (anchor == 0) return id;
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    anchors_[anchor] = id;
    return id;
  }
  void add(std::uint32_t id) {
    if (open_.empty()) {
      tree_.set_root(id);
      any = true;
    } else {
      pending_.push_back(id);
    }
  }
  void open(YamlTree::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor, YAML::EmitterStyle::value style) {
    const std::uint32_t id = anchored(tree_.open_container(kind, mark.line + 1, mark.column + 1,
                                                           style == YAML::EmitterStyle::Flow), anchor);
    open_.push_back({id, pending_.size()});
  }
  void close() {
    const Open top = open_.back();
    open_.pop_back();
    tree_.close_container(top.id, pending_.data() + top.first, pending_.size() - top.first);
    pending_.resize(top.first);
    add(top.id);
  }

  std::string_view text_;
  YamlTree& tree_;
  std::map<std::uint32_t, char>& unclosed_;
  std::vector<std::uint32_t> anchors_;
  std::vector<Open> open_;
  std::vector<std::uint32_t> pending_;
};

// Records where a document's root node starts; builds nothing.
class RootMark final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override { note(mark); }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnMapEnd() override {}

  std::optional<YAML::Mark> root;

 private:
  void note(const YAML::Mark& mark) {
    if (!root) root = mark;
  }
};

// The root of a second document, if `text` has one, after building the first into `builder`.
// Never reads past it: yaml-cpp 0.7's LoadAll loops forever, allocating, when a stray token follows
// a document (it yields an empty document without consuming the token, again and again; found by
// fuzz/fuzz_wfcommons, fixed upstream in jbeder/yaml-cpp#1319). Throws YAML::Exception on a syntax
// error.
std::optional<YAML::Mark> parse_first_document(std::string_view text, TreeBuilder& builder) {
  ViewBuffer buffer(text);
  std::istream in(&buffer);
  YAML::Parser parser(in);
  RootMark second;
  if (!parser.HandleNextDocument(builder) || !parser.HandleNextDocument(second)) return std::nullopt;
  return second.root.value_or(YAML::Mark::null_mark());
}

}  // namespace

YamlTree load_yaml(std::string_view text, const std::string& file, std::string_view syntax_error) {
  reject_control_characters(text, file);
  YamlTree tree;
  std::map<std::uint32_t, char> unclosed;
  std::optional<YAML::Mark> second;
  try {
    TreeBuilder builder(text, tree, unclosed);
    second = parse_first_document(text, builder);
    // An empty document is a null root without a place, as YAML::Load gives.
    if (!builder.any) tree.set_root(tree.add_null(0, 0));
  } catch (const YAML::Exception& e) {
    if (const std::size_t quote = unclosed_quote(text); quote != std::string_view::npos) {
      throw InputError({Diagnostic{locate(text, quote, file),
                                   fmt::format("unclosed quote: the string opened by {} here never ends ({}: {} at "
                                               "{}:{})", text[quote], syntax_error, e.msg, e.mark.line + 1,
                                               e.mark.column + 1)}});
    }
    throw InputError({Diagnostic{{file, e.mark.line + 1, e.mark.column + 1}, fmt::format("{}: {}", syntax_error, e.msg)}});
  }
  Diagnostics diagnostics;
  if (second) {
    diagnostics.error(second_document(text, *second, file),
                      "a second YAML document ('---', or text after the first one ends): a file holds one scenario, "
                      "sweep or trace");
  }
  DocumentCheck(tree, unclosed, file, diagnostics).visit(tree.root());
  diagnostics.throw_if_any();
  return tree;
}

}  // namespace orchsim::sim
