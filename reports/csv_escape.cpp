#include "reports/csv_escape.h"

#include <cctype>

namespace orchsim::reports {

namespace {

// Skips a run of decimal digits from `i`; returns how many there were.
std::size_t skip_digits(std::string_view text, std::size_t& i) {
  const std::size_t start = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  return i - start;
}

// [+-] digits [. digits] [e [+-] digits], at least one digit in the mantissa: a value a spreadsheet
// reads as a number, not as a formula.
bool plain_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = skip_digits(text, i);
  if (i < text.size() && text[i] == '.') digits += skip_digits(text, ++i);
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (skip_digits(text, i) == 0) return false;
  }
  return i == text.size();
}

// The first characters OWASP's "CSV Injection" page lists as starting a formula.
bool formula_like(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos && !plain_number(text);
}

}  // namespace

std::string csv_field(std::string_view text) {
  std::string field;
  if (formula_like(text)) field += '\'';
  field.append(text);
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace orchsim::reports
