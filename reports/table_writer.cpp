#include "reports/table_writer.h"

#include "reports/markdown_escape.h"
#include "reports/table.h"

namespace orchsim::reports {

TableWriter::TableWriter(TextWriter& out, TableFormat format, std::span<const std::string> header,
                         std::vector<bool> numeric)
    : out_(out), format_(format), numeric_(std::move(numeric)) {
  if (format_ == TableFormat::kMarkdown) {
    out_ << '|';
    for (const auto& h : header) {
      out_ << ' ';
      write_md_cell(out_, h);
      out_ << " |";
    }
    out_ << "\n|";
    for (std::size_t c = 0; c < header.size(); ++c) out_ << (right_aligned(c) ? "---:|" : "---|");
    out_ << '\n';
  } else {
    out_ << "<table>\n<thead><tr>";
    for (std::size_t c = 0; c < header.size(); ++c) {
      out_ << (right_aligned(c) ? "<th class=\"num\">" : "<th>");
      write_html_inline(out_, header[c]);
      out_ << "</th>";
    }
    out_ << "</tr></thead>\n<tbody>\n";
  }
}

void TableWriter::begin_row() {
  out_ << (format_ == TableFormat::kMarkdown ? "|" : "<tr>");
  in_row_ = true;
  column_ = 0;
}

void TableWriter::cell(std::string_view text) {
  if (!in_row_) begin_row();
  if (format_ == TableFormat::kMarkdown) {
    out_ << ' ';
    write_md_cell(out_, text);
    out_ << " |";
  } else {
    out_ << (right_aligned(column_) ? "<td class=\"num\">" : "<td>");
    write_html_inline(out_, text);
    out_ << "</td>";
  }
  ++column_;
}

void TableWriter::end_row() {
  if (!in_row_) begin_row();
  out_ << (format_ == TableFormat::kMarkdown ? "\n" : "</tr>\n");
  in_row_ = false;
}

void TableWriter::end() {
  if (format_ == TableFormat::kHtml) out_ << "</tbody>\n</table>\n";
}

}  // namespace orchsim::reports
