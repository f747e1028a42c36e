// Table: a header and rows of text cells, rendered as Markdown or as an HTML table, so the
// Markdown report and the HTML page show the same tables from one description. Cells may use
// **bold**, which both renderers honour. A writer's helper; pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace orchsim::reports {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // per column: right-aligned; missing entries are left-aligned
};

std::string to_markdown(const Table& table);
std::string to_html(const Table& table);

// Escapes &, <, > and " (html_escape, reports/xml_escape.h), then turns **x** into <strong>x</strong>.
std::string html_inline(std::string_view text);

}  // namespace orchsim::reports
