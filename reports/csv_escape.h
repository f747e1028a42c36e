// csv_field: the one CSV escaper (RFC 4180 §2), for every CSV the product writes: the reports'
// (reports/csv.h, reports/sweep_report.h) and `orchsim validate`'s. Pure.
#pragma once

#include <string>
#include <string_view>

namespace orchsim::reports {

// `text` as is when it holds no comma, double quote, CR or LF; otherwise between double quotes,
// each double quote doubled.
std::string csv_field(std::string_view text);

}  // namespace orchsim::reports
