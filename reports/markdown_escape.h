// md_cell: the one escaper of text put in a Markdown (GitHub Flavored Markdown) table cell, for
// every Markdown table the product writes: reports/table.h's and `orchsim validate`'s. Pure.
#pragma once

#include <string>
#include <string_view>

#include "reports/text_writer.h"

namespace orchsim::reports {

// `text` with each `|` escaped as `\|` (GFM tables §4.10: a pipe inside a cell is escaped) and each
// newline made a space (a table row is one line).
std::string md_cell(std::string_view text);
// md_cell's text written into `out` (a report rendered in place, reports/text_writer.h).
void write_md_cell(TextWriter& out, std::string_view text);

}  // namespace orchsim::reports
