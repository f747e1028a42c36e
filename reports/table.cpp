#include "reports/table.h"

#include <fmt/format.h>

#include "reports/markdown_escape.h"
#include "reports/xml_escape.h"

namespace orchsim::reports {

namespace {

bool numeric(const Table& t, std::size_t column) { return column < t.numeric.size() && t.numeric[column]; }

}  // namespace

std::string to_markdown(const Table& t) {
  std::string out = "|";
  for (const auto& h : t.header) {
    out += ' ';
    out += md_cell(h);
    out += " |";
  }
  out += "\n|";
  for (std::size_t c = 0; c < t.header.size(); ++c) out += numeric(t, c) ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (const auto& cell : row) {
      out += ' ';
      out += md_cell(cell);
      out += " |";
    }
    out += "\n";
  }
  return out;
}

std::string html_inline(std::string_view text) {
  const std::string escaped = html_escape(text);
  std::string out;
  bool open = false;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    if (escaped.compare(i, 2, "**") == 0 && (open || escaped.find("**", i + 2) != std::string::npos)) {
      out += open ? "</strong>" : "<strong>";
      open = !open;
      ++i;
    } else {
      out += escaped[i];
    }
  }
  return out;
}

std::string to_html(const Table& t) {
  std::string out = "<table>\n<thead><tr>";
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    out += fmt::format("<th{}>{}</th>", numeric(t, c) ? " class=\"num\"" : "", html_inline(t.header[c]));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += fmt::format("<td{}>{}</td>", numeric(t, c) ? " class=\"num\"" : "", html_inline(row[c]));
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace orchsim::reports
