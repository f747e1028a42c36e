// parse_number: the one reader of a decimal number written as text, for every place that takes a
// number out of a string the user wrote: duration amounts (sim/input), sweep axis labels
// (sim/experiment/sweep.cpp) and --weights values (reports/recommendation.cpp). Pure; any thread.
#pragma once

#include <optional>
#include <string_view>

namespace orchsim {

// The value of `text` when all of it is one finite decimal number:
//   [+|-] (digits [. [digits]] | . digits) [(e|E) [+|-] digits]
// e.g. "42", "-1.5", "+.5", "1.", "2e-3". nullopt for anything else: empty text, surrounding
// whitespace, trailing characters ("1s", "1,5"), hexadecimal ("0x10"), "inf" and "nan", and a
// value beyond the range of double ("1e400", or "1e-400", which would round to 0). Subnormal
// values are accepted. Rounded to nearest; independent of the C and C++ locales.
std::optional<double> parse_number(std::string_view text);

}  // namespace orchsim
