// json_string: a string as a JSON string literal (RFC 8259 §7), the one JSON escaper of the
// project: the engine's event log writes with it, and so do the reports (which may include the
// engine; the engine may include only std and fmt). Pure, no thread affinity.
#pragma once

#include <string>
#include <string_view>

namespace orchsim {

// `s` between double quotes, with `"` and `\` escaped, the control characters that have one as
// their short escape (\b \f \n \r \t) and the others below U+0020 as \u00XX (lower-case hex).
// Other bytes, UTF-8 included, pass through unchanged.
std::string json_string(std::string_view s);

}  // namespace orchsim
