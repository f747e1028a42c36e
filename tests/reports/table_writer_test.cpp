// TableWriter, the one renderer of the reports' tables: GitHub Flavored Markdown tables (0.29-gfm
// §4.10: a header row, a delimiter row whose "---:" right-aligns a column, `\|` for a pipe in a cell)
// and HTML tables; and html_inline's **bold**. Expected texts written by hand from those rules.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "reports/table.h"
#include "reports/table_writer.h"
#include "reports/text_writer.h"

using namespace orchsim::reports;

namespace {

std::string rendered(TableFormat format) {
  std::string out;
  TextWriter writer(out);
  const std::vector<std::string> header{"task", "cost"};
  TableWriter table(writer, format, header, {false, true});
  table.cell("a|b");
  table.format_cell("${:.2f}", 1.5);
  table.end_row();
  table.cell("**c** & d");
  table.format_cell("{}", 2);
  table.end_row();
  table.end();
  return out;
}

}  // namespace

TEST_SUITE("reports.table_writer") {
  TEST_CASE("Markdown: header, delimiter row with right-aligned numbers, escaped cells") {
    CHECK(rendered(TableFormat::kMarkdown) ==
          "| task | cost |\n|---|---:|\n| a\\|b | $1.50 |\n| **c** & d | 2 |\n");
  }

  TEST_CASE("HTML: numeric columns get class num, text is escaped, **x** is bold") {
    CHECK(rendered(TableFormat::kHtml) ==
          "<table>\n<thead><tr><th>task</th><th class=\"num\">cost</th></tr></thead>\n<tbody>\n"
          "<tr><td>a|b</td><td class=\"num\">$1.50</td></tr>\n"
          "<tr><td><strong>c</strong> &amp; d</td><td class=\"num\">2</td></tr>\n</tbody>\n</table>\n");
  }

  TEST_CASE("a Table renders as the same rows written one at a time") {
    const Table t{.header = {"task", "cost"}, .rows = {{"a|b", "$1.50"}, {"**c** & d", "2"}}, .numeric = {false, true}};
    CHECK(to_markdown(t) == rendered(TableFormat::kMarkdown));
    CHECK(to_html(t) == rendered(TableFormat::kHtml));
  }

  TEST_CASE("html_inline: ** pairs become <strong>, a lone ** stays text") {
    CHECK(html_inline("**a** <b>") == "<strong>a</strong> &lt;b&gt;");
    CHECK(html_inline("2 ** 3") == "2 ** 3");
    CHECK(html_inline("**a** and **") == "<strong>a</strong> and **");
    // "***x**": the first two stars open (a pair follows), the third is text, the last two close.
    CHECK(html_inline("***x**") == "<strong>*x</strong>");
  }
}
