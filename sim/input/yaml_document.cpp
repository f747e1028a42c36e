#include "sim/input/yaml_document.h"

#include <algorithm>
#include <map>
#include <optional>
#include <new>
#include <vector>

#include <fmt/format.h>
#include <yaml.h>

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

// YAML (and JSON) allow no C0 control character but tab, LF and CR, and no DEL; a NUL read into a
// value would cut every message that quotes it.
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

// Also rejects text that is not UTF-8 (a Latin-1 file, say), here rather than in libyaml's reader so
// that the message says what to do: a name carrying such bytes would make the JSON and HTML outputs
// invalid.
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

// Where a quoted scalar starting at `pos` ends, or npos.
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

// What the parser lets pass: a key given twice (YAML forbids it, parsers keep the first or the
// last), and a control character written as an escape ("\0", "\u0000"). Each map and list is visited
// once, so that aliases cannot make the walk exponential.
class DocumentCheck {
 public:
  DocumentCheck(const YamlTree& tree, const std::string& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics), visited_(tree.node_count()) {}

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
    for (const char c : node.text()) {
      if (!is_control(static_cast<unsigned char>(c))) continue;
      diagnostics_.error(at(node), fmt::format("invalid character U+{:04X} in this value: names and values "
                                               "may hold no control characters",
                                               static_cast<unsigned char>(c)));
      return;
    }
  }

  const std::string& file_;
  Diagnostics& diagnostics_;
  std::vector<bool> visited_;
};

// The first quote that opens a quoted scalar (after a line start, ':', ',', '[', '{', '-' or '?') and
// never closes, or npos: the likely cause when the parser gives up further down.
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

// A place in the text: 1-based line and column as the diagnostics give them (columns in bytes, as
// locate() counts; a leading BOM is not counted) and the byte offset.
struct Place {
  int line = 1;
  int column = 1;
  std::size_t pos = 0;
};

// Turns libyaml's marks (0-based line and column in characters; a line ends at LF, CR LF, CR, NEL,
// LS or PS) into Places. Marks come nearly in order, so a cursor makes each lookup cost the bytes
// since the previous one (a file on one line stays linear).
class Places {
 public:
  explicit Places(std::string_view text) : text_(text), bom_(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0) {
    rewind();
  }

  Place at(const yaml_mark_t& mark) {
    if (mark.line < yaml_line_ || (mark.line == yaml_line_ && mark.column < yaml_column_)) rewind();
    while (yaml_line_ < mark.line && pos_ < text_.size()) step();
    while (yaml_column_ < mark.column && pos_ < text_.size() && line_break() == 0) step();
    return here();
  }

  // The first token at or after `from`: past blanks, line breaks and comments (where yaml-cpp put an
  // empty node: at the token after it; at the end of the file, column 1 of its last line).
  Place next_token(const Place& from) {
    if (from.pos != pos_) rewind_to(from);
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '#') {
        while (pos_ < text_.size() && line_break() == 0) step();
      } else if (c == ' ' || c == '\t' || line_break() != 0) {
        step();
      } else {
        break;
      }
    }
    Place place = here();
    if (pos_ == text_.size()) place.column = 1;
    return place;
  }

 private:
  // The length of the line break at pos_, or 0. Byte by byte: this runs for every byte of the file.
  std::size_t line_break() const {
    if (pos_ >= text_.size()) return 0;
    const auto byte = [this](std::size_t k) { return pos_ + k < text_.size() ? static_cast<unsigned char>(text_[pos_ + k]) : 0U; };
    switch (byte(0)) {
      case '\n': return 1;
      case '\r': return byte(1) == '\n' ? 2 : 1;
      case 0xC2: return byte(1) == 0x85 ? 2 : 0;                                   // NEL
      case 0xE2: return byte(1) == 0x80 && (byte(2) == 0xA8 || byte(2) == 0xA9) ? 3 : 0;  // LS, PS
      default: return 0;
    }
  }
  void step() {
    if (const std::size_t n = line_break(); n != 0) {
      for (std::size_t k = 0; k < n; ++k) advance_byte();
      ++yaml_line_;
      yaml_column_ = 0;
      return;
    }
    const auto c = static_cast<unsigned char>(text_[pos_]);
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;  // the text is valid UTF-8
    for (; n > 0 && pos_ < text_.size(); --n) advance_byte();
    ++yaml_column_;
  }
  void advance_byte() {
    if (text_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
  void rewind() {
    pos_ = line_start_ = bom_;
    line_ = 1;
    yaml_line_ = yaml_column_ = 0;
  }
  // Back to an earlier Place this class returned (its libyaml line is not known, so from the start).
  void rewind_to(const Place& place) {
    rewind();
    while (pos_ < place.pos) step();
  }
  Place here() const { return {line_, static_cast<int>(pos_ - line_start_) + 1, pos_}; }

  std::string_view text_;
  std::size_t bom_;
  std::size_t pos_ = 0, line_start_ = 0;
  int line_ = 1;
  std::size_t yaml_line_ = 0, yaml_column_ = 0;
};

// A syntax error as libyaml (or the tree builder) reports it.
struct SyntaxError {
  Place place;
  std::string message;
  bool unclosed_quote = false;  // libyaml reached the end inside a quoted scalar opened at `place`
};

// libyaml's parser over text that is not copied, and the event it last gave (freed on every path).
class EventReader {
 public:
  EventReader(std::string_view text, Places& places) : text_(text), places_(places) {
    if (yaml_parser_initialize(&parser_) == 0) throw std::bad_alloc();
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~EventReader() {
    if (held_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  EventReader(const EventReader&) = delete;
  EventReader& operator=(const EventReader&) = delete;

  // The next event; throws SyntaxError.
  const yaml_event_t& next() {
    if (held_) yaml_event_delete(&event_);
    held_ = false;
    if (yaml_parser_parse(&parser_, &event_) == 0) throw error();
    held_ = true;
    return event_;
  }

 private:
  SyntaxError error() {
    const char* problem = parser_.problem != nullptr ? parser_.problem : "unreadable";
    if (parser_.error == YAML_READER_ERROR) {  // a character libyaml's reader refuses (a C1 control, say)
      return {locate_byte(parser_.problem_offset), parser_.problem_value >= 0
                                                       ? fmt::format("{} (U+{:04X})", problem, parser_.problem_value)
                                                       : std::string(problem)};
    }
    if (parser_.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
    const Place where = places_.at(parser_.problem_mark);
    if (where.pos < text_.size() && text_[where.pos] == '\t' &&
        std::string_view(problem) == "found character that cannot start any token") {
      return {where, "a tab here: YAML indents with spaces only"};
    }
    if (parser_.context == nullptr) return {where, problem};
    const Place context = places_.at(parser_.context_mark);
    if (std::string_view(parser_.context) == "while scanning a quoted scalar" &&
        std::string_view(problem) == "found unexpected end of stream") {
      return {context, "", true};
    }
    if (std::string_view(problem) == "could not find expected ':'") {  // found on the line after the key
      return {context, "could not find expected ':' after this key"};
    }
    return {where, fmt::format("{} ({} at {}:{})", problem, parser_.context, context.line, context.column)};
  }
  Place locate_byte(std::size_t pos) const {
    const SourceLocation at = locate(text_, pos, "");
    return {at.line, at.column, pos};
  }

  std::string_view text_;
  Places& places_;
  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool held_ = false;
};

// Nodes nested deeper than this are refused, as yaml-cpp 0.7 did (its depth guard): the readers and
// DocumentCheck recurse through the tree.
constexpr std::size_t kMaxDepth = 500;

std::string_view text_of(const yaml_char_t* s) { return s == nullptr ? std::string_view() : reinterpret_cast<const char*>(s); }

// Builds a YamlTree from libyaml's events, with yaml-cpp's reading of them: each node at its first
// token (anchor or tag included), an alias the anchored node itself, a plain untagged "", "~" or
// "null" a null node, a quoted or block scalar tagged "!".
class TreeBuilder {
 public:
  TreeBuilder(YamlTree& tree, Places& places) : tree_(tree), places_(places) {}

  // One node event (scalar, alias, start or end of a map or sequence).
  void on(const yaml_event_t& event) {
    place_empty();
    switch (event.type) {
      case YAML_SCALAR_EVENT: return scalar(event);
      case YAML_ALIAS_EVENT: return alias(event);
      case YAML_SEQUENCE_START_EVENT:
        return open(YamlTree::Kind::kSequence, event, event.data.sequence_start.anchor,
                    event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
      case YAML_MAPPING_START_EVENT:
        return open(YamlTree::Kind::kMap, event, event.data.mapping_start.anchor,
                    event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: return close();
      default: return;
    }
  }
  // The end of the document: places an empty root.
  void end() { place_empty(); }

  bool any = false;  // a node was read

 private:
  struct Open {
    std::uint32_t id;
    std::size_t first;  // its children start at pending_[first]
    bool map;
  };

  // The next node is a map's key: its text is stored once however many maps have that key.
  bool at_key() const { return !open_.empty() && open_.back().map && (pending_.size() - open_.back().first) % 2 == 0; }

  void scalar(const yaml_event_t& event) {
    const auto& s = event.data.scalar;
    const std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    const Place place = places_.at(event.start_mark);
    check_depth(place);
    const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    if (s.tag == nullptr && plain && (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")) {
      if (value.empty() && s.anchor == nullptr) {
        empty_ = place;  // placed at the next token, once the next event has come
        return;
      }
      return add(anchored(tree_.add_null(place.line, place.column), s.anchor));
    }
    const std::string_view tag = s.tag != nullptr ? text_of(s.tag) : plain ? "?" : "!";
    add(anchored(tree_.add_scalar(value, place.line, place.column, tag, at_key()), s.anchor));
  }
  void alias(const yaml_event_t& event) {
    const Place place = places_.at(event.start_mark);
    check_depth(place);
    const std::string_view name = text_of(event.data.alias.anchor);
    const auto found = anchors_.find(name);
    if (found == anchors_.end()) {
      throw SyntaxError{place, fmt::format("alias *{} names no anchor &{} defined before it", name, name)};
    }
    add(found->second);
  }
  void place_empty() {
    if (!empty_) return;
    const Place place = places_.next_token(*empty_);
    empty_.reset();
    add(tree_.add_null(place.line, place.column));
  }
  void check_depth(const Place& place) const {
    if (open_.size() + 1 < kMaxDepth) return;
    throw SyntaxError{place, fmt::format("lists and maps nested more than {} levels deep", kMaxDepth - 1)};
  }
  std::uint32_t anchored(std::uint32_t id, const yaml_char_t* anchor) {
    if (anchor != nullptr) anchors_.insert_or_assign(std::string(text_of(anchor)), id);
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
  void open(YamlTree::Kind kind, const yaml_event_t& event, const yaml_char_t* anchor, bool flow) {
    const Place place = places_.at(event.start_mark);
    check_depth(place);
    const std::uint32_t id = anchored(tree_.open_container(kind, place.line, place.column, flow), anchor);
    open_.push_back({id, pending_.size(), kind == YamlTree::Kind::kMap});
  }
  void close() {
    const Open top = open_.back();
    open_.pop_back();
    tree_.close_container(top.id, pending_.data() + top.first, pending_.size() - top.first);
    pending_.resize(top.first);
    add(top.id);
  }

  YamlTree& tree_;
  Places& places_;
  std::map<std::string, std::uint32_t, std::less<>> anchors_;
  std::vector<Open> open_;
  std::vector<std::uint32_t> pending_;
  std::optional<Place> empty_;  // an empty plain scalar waiting for its place
};

// Builds the first document of `text` into `tree`; returns where a second one starts, if there is
// one. A syntax error throws SyntaxError; text that cannot start a document after the first one
// counts as a second document.
std::optional<Place> parse_first_document(std::string_view text, YamlTree& tree, bool& any) {
  Places places(text);
  EventReader reader(text, places);
  TreeBuilder builder(tree, places);
  bool ended = false;
  for (;;) {
    const yaml_event_t* event = nullptr;
    try {
      event = &reader.next();
    } catch (const SyntaxError& e) {
      if (ended) return e.place;  // a stray token after the document
      throw;
    }
    switch (event->type) {
      case YAML_STREAM_START_EVENT: continue;
      case YAML_STREAM_END_EVENT: any = builder.any; return std::nullopt;
      case YAML_DOCUMENT_START_EVENT:
        if (!ended) continue;
        try {
          return places.at(reader.next().start_mark);  // the second document's root
        } catch (const SyntaxError&) {
          return places.at(event->start_mark);
        }
      case YAML_DOCUMENT_END_EVENT:
        builder.end();
        any = builder.any;
        ended = true;
        continue;
      default: builder.on(*event);
    }
  }
}

// Where the second document begins: its `---` line, or the document itself (its root at `root`).
SourceLocation second_document(std::string_view text, const Place& root, const std::string& file) {
  const std::size_t marker = text.substr(0, std::min(text.size(), root.pos)).rfind("---");
  if (marker == std::string_view::npos) return {file, root.line, root.column};
  return locate(text, marker, file);
}

}  // namespace

YamlTree load_yaml(std::string_view text, const std::string& file, std::string_view syntax_error) {
  reject_control_characters(text, file);
  YamlTree tree;
  std::optional<Place> second;
  try {
    bool any = false;
    second = parse_first_document(text, tree, any);
    // An empty document is a null root without a place, as YAML::Load gives.
    if (!any) tree.set_root(tree.add_null(0, 0));
  } catch (const SyntaxError& e) {
    if (e.unclosed_quote) {
      throw InputError({Diagnostic{{file, e.place.line, e.place.column},
                                   fmt::format("unclosed quote: the string opened by {} here never ends",
                                               text[e.place.pos])}});
    }
    if (const std::size_t quote = unclosed_quote(text); quote != std::string_view::npos) {
      throw InputError({Diagnostic{locate(text, quote, file),
                                   fmt::format("unclosed quote: the string opened by {} here never ends ({}: {} at "
                                               "{}:{})", text[quote], syntax_error, e.message, e.place.line,
                                               e.place.column)}});
    }
    throw InputError({Diagnostic{{file, e.place.line, e.place.column}, fmt::format("{}: {}", syntax_error, e.message)}});
  }
  Diagnostics diagnostics;
  if (second) {
    diagnostics.error(second_document(text, *second, file),
                      "a second YAML document ('---', or text after the first one ends): a file holds one scenario, "
                      "sweep or trace");
  }
  DocumentCheck(tree, file, diagnostics).visit(tree.root());
  diagnostics.throw_if_any();
  tree.compact();
  return tree;
}

}  // namespace orchsim::sim
