#include "engine/parse_number.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace orchsim {

std::optional<double> parse_number(std::string_view text) {
  // from_chars takes no leading '+'; std::stod, which the callers used before, did.
  if (text.size() > 1 && text[0] == '+' && text[1] != '+' && text[1] != '-') text.remove_prefix(1);
  double value = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value, std::chars_format::general);
  if (ec != std::errc() || stop != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace orchsim
