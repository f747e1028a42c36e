#include "sim/input/json_reader.h"

#include <cstdint>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "sim/input/config_yaml.h"

namespace orchsim::sim {

namespace {

// Thrown at the first syntax error: after it nothing can be located reliably.
struct Stop {};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_word(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_'; }
// The values may hold no control character but tab, LF and CR (as the YAML reader requires).
bool is_control(std::uint32_t c) { return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f; }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The length of the well-formed UTF-8 sequence at the start of `s` (RFC 3629 §4), or 0.
std::size_t utf8_length(std::string_view s) {
  const auto b = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  const unsigned lead = b(0);
  const auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) { return b(i) >= lo && b(i) <= hi; };
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return cont(1) ? 2 : 0;
  if (lead == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if (lead == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (lead >= 0xE1 && lead <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (lead == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (lead >= 0xF1 && lead <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (lead == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

class JsonReader {
 public:
  JsonReader(std::string_view text, const std::string& file, Diagnostics& diagnostics)
      : text_(text), file_(file), diagnostics_(diagnostics) {}

  ConfigNode document() {
    ConfigNode root;
    root.where = here();
    try {
      if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // RFC 8259 §8.1: a parser may ignore a BOM
      skip_space();
      if (pos_ >= text_.size()) return root;  // an empty file: the caller says what it expected
      root = value(0);
      skip_space();
      if (pos_ < text_.size()) fail("the end of the file after the value");
    } catch (const Stop&) {
    }
    return root;
  }

 private:
  SourceLocation here() const { return {file_, line_, col_}; }

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool at_end() const { return pos_ >= text_.size(); }

  void advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      col_ = 1;
    } else if ((static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80) {
      ++col_;  // columns count characters, not the continuation bytes of one
    }
    ++pos_;
  }

  void skip_space() {
    while (!at_end() && is_space(text_[pos_])) advance();
  }

  // What stands at the current position, for "found …".
  std::string found() const {
    if (at_end()) return "the end of the file";
    const char c = text_[pos_];
    if (is_word(c)) {
      std::size_t end = pos_;
      while (end < text_.size() && end - pos_ < 24 && is_word(text_[end])) ++end;
      return fmt::format("'{}'", text_.substr(pos_, end - pos_));
    }
    if (c == '\'') return "''' (JSON strings take double quotes)";
    if (c == '/') return "'/' (JSON has no comments)";
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) return fmt::format("'{}'", c);
    return fmt::format("the character U+{:04X}", static_cast<unsigned char>(c));
  }

  [[noreturn]] void fail(std::string_view expected) {
    diagnostics_.error(here(), fmt::format("malformed JSON: expected {}, found {}", expected, found()));
    throw Stop{};
  }

  [[noreturn]] void fail_here(std::string message) {
    diagnostics_.error(here(), "malformed JSON: " + std::move(message));
    throw Stop{};
  }

  ConfigNode value(int depth) {
    ConfigNode out;
    out.where = here();
    const char c = peek();
    if (c == '{' || c == '[') {
      if (depth >= kMaxConfigDepth) fail_here(fmt::format("nested more than {} levels deep", kMaxConfigDepth));
      if (c == '{') object(out, depth + 1);
      else array(out, depth + 1);
    } else if (c == '"') {
      out.kind = ConfigNode::Kind::kScalar;
      out.quoted = true;
      out.scalar = string();
    } else if (c == '-' || is_digit(c)) {
      out.kind = ConfigNode::Kind::kScalar;
      out.scalar = number();
    } else if (literal("true") || literal("false")) {
      out.kind = ConfigNode::Kind::kScalar;
      out.scalar = c == 't' ? "true" : "false";
    } else if (!literal("null")) {
      fail("a value (a string, number, object, array, true, false or null)");
    }
    return out;
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    if (pos_ + word.size() < text_.size() && is_word(text_[pos_ + word.size()])) return false;
    for (std::size_t i = 0; i < word.size(); ++i) advance();
    return true;
  }

  void object(ConfigNode& out, int depth) {
    out.kind = ConfigNode::Kind::kMap;
    std::unordered_map<std::string, SourceLocation> seen;
    advance();  // '{'
    skip_space();
    if (peek() == '}') return advance();
    for (;;) {
      if (peek() != '"') fail(out.entries.empty() ? "a string key or '}'" : "a string key");
      const SourceLocation key_where = here();
      std::string key = string();
      skip_space();
      if (peek() != ':') fail("':' after the key");
      advance();
      skip_space();
      ConfigNode item = value(depth);
      const auto [first, inserted] = seen.emplace(key, key_where);
      if (inserted) {
        out.entries.push_back({std::move(key), key_where, std::move(item)});
      } else {
        diagnostics_.error(key_where, fmt::format("duplicate key '{}' (first at {}:{})", key, first->second.line,
                                                  first->second.column));
      }
      skip_space();
      if (peek() == '}') return advance();
      if (peek() != ',') fail("',' or '}' after an object member");
      advance();
      skip_space();
    }
  }

  void array(ConfigNode& out, int depth) {
    out.kind = ConfigNode::Kind::kSequence;
    advance();  // '['
    skip_space();
    if (peek() == ']') return advance();
    for (;;) {
      out.items.push_back(value(depth));
      skip_space();
      if (peek() == ']') return advance();
      if (peek() != ',') fail("',' or ']' after an array element");
      advance();
      skip_space();
      if (peek() == ']') fail("a value after ',' (JSON allows no trailing comma)");
    }
  }

  std::string number() {
    const std::size_t start = pos_;
    const SourceLocation where = here();
    if (peek() == '-') advance();
    if (!is_digit(peek())) fail("a digit after '-'");
    if (peek() == '0') {
      advance();
      if (is_digit(peek())) {
        diagnostics_.error(where, "malformed JSON: a number may not start with a leading zero");
        throw Stop{};
      }
    }
    while (is_digit(peek())) advance();
    if (peek() == '.') {
      advance();
      if (!is_digit(peek())) fail("a digit after the decimal point");
      while (is_digit(peek())) advance();
    }
    if (peek() == 'e' || peek() == 'E') {
      advance();
      if (peek() == '+' || peek() == '-') advance();
      if (!is_digit(peek())) fail("a digit in the exponent");
      while (is_digit(peek())) advance();
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string string() {
    const SourceLocation start = here();
    advance();  // '"'
    std::string out;
    bool reported_control = false;
    for (;;) {
      if (at_end()) {
        diagnostics_.error(start, "malformed JSON: unclosed string: the string opened here never ends");
        throw Stop{};
      }
      const char c = text_[pos_];
      if (c == '"') {
        advance();
        return out;
      }
      std::uint32_t decoded = static_cast<unsigned char>(c);
      if (c == '\\') {
        decoded = escape(out);
      } else if (static_cast<unsigned char>(c) < 0x20) {
        fail_here(fmt::format("the control character U+{:04X} inside a string (write it as an escape such as \\n)",
                              static_cast<unsigned char>(c)));
      } else {
        copy_utf8(out);
      }
      if (is_control(decoded) && !reported_control) {
        reported_control = true;
        diagnostics_.error(start, fmt::format("invalid character U+{:04X} in this value: names and values may hold "
                                              "no control characters", decoded));
      }
    }
  }

  void copy_utf8(std::string& out) {
    const std::size_t n = utf8_length(text_.substr(pos_));
    if (n == 0) fail_here(fmt::format("invalid UTF-8 byte 0x{:02X} in a string", static_cast<unsigned char>(peek())));
    out.append(text_.substr(pos_, n));
    for (std::size_t i = 0; i < n; ++i) advance();
  }

  // After a backslash: appends the escaped character, returns its code point.
  std::uint32_t escape(std::string& out) {
    advance();  // '\'
    const char c = peek();
    static constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
    if (const std::size_t i = kFrom.find(c); c != '\0' && i != std::string_view::npos) {
      advance();
      out += kTo[i];
      return static_cast<unsigned char>(kTo[i]);
    }
    if (c != 'u') fail("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX) after '\\'");
    advance();
    std::uint32_t cp = hex4();
    if (cp >= 0xDC00 && cp <= 0xDFFF) fail_here("a low surrogate \\u escape without the high surrogate before it");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (text_.substr(pos_, 2) != "\\u") fail("a low surrogate \\uDC00-\\uDFFF after a high surrogate");
      advance();
      advance();
      const std::uint32_t low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail_here("a high surrogate \\u escape not followed by a low surrogate");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, cp);
    return cp;
  }

  std::uint32_t hex4() {
    std::uint32_t cp = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = peek();
      int digit = -1;
      if (is_digit(c)) digit = c - '0';
      else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0) fail("four hexadecimal digits after \\u");
      cp = cp * 16 + static_cast<std::uint32_t>(digit);
      advance();
    }
    return cp;
  }

  std::string_view text_;
  const std::string& file_;
  Diagnostics& diagnostics_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int col_ = 1;
};

}  // namespace

ConfigNode config_from_json(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
  return JsonReader(text, file, diagnostics).document();
}

}  // namespace orchsim::sim
