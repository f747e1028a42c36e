// Table: a header and rows of text cells, rendered as Markdown or as an HTML table, so the
// Markdown report and the HTML page show the same tables from one description. Cells may use
// **bold**, which both renderers honour. The rendering is reports/table_writer.h's, which the
// tables too long to hold as cells use directly. A writer's helper; pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reports/table_writer.h"
#include "reports/text_writer.h"

namespace orchsim::reports {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // per column: right-aligned; missing entries are left-aligned
};

std::string to_markdown(const Table& table);
std::string to_html(const Table& table);
// The same, written into `out`.
void write_table(TextWriter& out, TableFormat format, const Table& table);

// Escapes &, <, > and " (html_escape, reports/xml_escape.h), then turns **x** into <strong>x</strong>.
std::string html_inline(std::string_view text);
void write_html_inline(TextWriter& out, std::string_view text);

}  // namespace orchsim::reports
