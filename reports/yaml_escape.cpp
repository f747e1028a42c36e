#include "reports/yaml_escape.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

namespace orchsim::reports {

namespace {

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// YAML 1.1's booleans and nulls (PyYAML resolves these), compared case-insensitively.
bool reserved_word(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kWords = {"y", "n", "yes", "no", "on", "off", "true", "false",
                                                              "null", "nan", "inf", "~"};
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

// Digits then letters, repeated, ending in letters ("4m30s", "250ms"): a duration, never a number
// (numbers end in a digit, or are hexadecimal/octal/binary "0x…", which this excludes).
bool duration_shaped(std::string_view text) {
  if (text.size() > 1 && text[0] == '0' && is_alpha(text[1])) return false;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t digits = i;
    while (i < text.size() && (is_digit(text[i]) || text[i] == '.')) ++i;
    if (i == digits) return false;
    const std::size_t letters = i;
    while (i < text.size() && is_alpha(text[i])) ++i;
    if (i == letters) return false;
  }
  return !text.empty();
}

bool plain(std::string_view text) {
  if (text.empty() || reserved_word(text)) return false;
  const bool safe_chars = std::all_of(text.begin(), text.end(), [](char c) {
    return is_alpha(c) || is_digit(c) || c == '_' || c == '.' || c == '/' || c == '-';
  });
  if (!safe_chars) return false;
  return is_alpha(text[0]) || text[0] == '_' || text[0] == '/' || duration_shaped(text);
}

}  // namespace

std::string yaml_scalar(std::string_view text) {
  if (plain(text)) return std::string(text);
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", c);
        else out += ch;
    }
  }
  out += '"';
  return out;
}

}  // namespace orchsim::reports
