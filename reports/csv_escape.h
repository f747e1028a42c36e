// csv_field: the one CSV escaper, for every text field of every CSV the product writes: the reports'
// (reports/csv.h, reports/sweep_report.h) and `orchsim validate`'s. RFC 4180 §2 quoting, plus
// OWASP's defence against CSV (formula) injection: a name a spreadsheet would run as a formula is
// written as text. Numbers the writers format themselves do not pass through it. Pure.
#pragma once

#include <string>
#include <string_view>

namespace orchsim::reports {

// `text`, first prefixed with a single quote when it starts with '=', '+', '-', '@', a tab or a
// carriage return (OWASP, "CSV Injection") unless it is a plain decimal number such as "-2.5" or
// "+1e-3" (a sweep value as written); then as is when it holds no comma, double quote, CR or LF,
// otherwise between double quotes, each double quote doubled (RFC 4180 §2 rules 6 and 7).
std::string csv_field(std::string_view text);

}  // namespace orchsim::reports
