// TableWriter: renders a table (a header, then rows of text cells) as Markdown or as an HTML table
// straight into a TextWriter, a cell at a time, so that a table of 1e5 rows (cost per task, per
// cluster) is never held as cells. reports::Table (reports/table.h) renders through it. Markdown
// cells are escaped by md_cell; HTML cells by html_inline, which also turns **x** into <strong>x</strong>.
// A writer's helper.
#pragma once

#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "reports/text_writer.h"

namespace orchsim::reports {

enum class TableFormat : std::uint8_t { kMarkdown, kHtml };

class TableWriter {
 public:
  // Writes the header. `numeric`: per column, right-aligned; missing entries are left-aligned.
  TableWriter(TextWriter& out, TableFormat format, std::span<const std::string> header, std::vector<bool> numeric);

  // The next cell of the current row.
  void cell(std::string_view text);
  template <class... Args>
  void format_cell(fmt::format_string<Args...> f, Args&&... args) {
    scratch_.clear();
    fmt::format_to(std::back_inserter(scratch_), f, std::forward<Args>(args)...);
    cell(scratch_);
  }
  // Ends the current row (an empty one if no cell was given).
  void end_row();
  // Ends the table; once, after the last row.
  void end();

 private:
  bool right_aligned(std::size_t column) const { return column < numeric_.size() && numeric_[column]; }
  void begin_row();

  TextWriter& out_;
  TableFormat format_;
  std::vector<bool> numeric_;
  std::size_t column_ = 0;  // of the next cell
  bool in_row_ = false;
  std::string scratch_;  // format_cell's text, reused from cell to cell
};

}  // namespace orchsim::reports
