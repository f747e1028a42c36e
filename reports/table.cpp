#include "reports/table.h"

#include "reports/xml_escape.h"

namespace orchsim::reports {

namespace {

std::string rendered(TableFormat format, const Table& t) {
  std::string out;
  TextWriter writer(out);
  write_table(writer, format, t);
  return out;
}

}  // namespace

std::string to_markdown(const Table& t) { return rendered(TableFormat::kMarkdown, t); }

std::string to_html(const Table& t) { return rendered(TableFormat::kHtml, t); }

void write_table(TextWriter& out, TableFormat format, const Table& t) {
  TableWriter writer(out, format, t.header, t.numeric);
  for (const auto& row : t.rows) {
    for (const auto& cell : row) writer.cell(cell);
    writer.end_row();
  }
  writer.end();
}

std::string html_inline(std::string_view text) {
  std::string out;
  TextWriter writer(out);
  write_html_inline(writer, text);
  return out;
}

// A "**" opens <strong> when another "**" follows it, and closes an open one; a lone "**" stays text.
// Escaping adds no '*', so the pairs are those of the escaped text.
void write_html_inline(TextWriter& out, std::string_view text) {
  bool open = false;
  std::size_t plain = 0;
  for (std::size_t i = text.find("**"); i != std::string_view::npos; i = text.find("**", plain)) {
    if (!open && text.find("**", i + 2) == std::string_view::npos) break;
    write_html_escaped(out, text.substr(plain, i - plain));
    out << (open ? "</strong>" : "<strong>");
    open = !open;
    plain = i + 2;
  }
  write_html_escaped(out, text.substr(plain));
}

}  // namespace orchsim::reports
