// md_cell against the GitHub Flavored Markdown spec (0.29-gfm, §4.10 Tables): "It is possible to
// include a pipe in a cell's content by escaping it" (example 200: `f\|oo`); and a row is one
// line, so a newline inside a cell would end the table.
#include <doctest/doctest.h>

#include "reports/markdown_escape.h"

using orchsim::reports::md_cell;

TEST_SUITE("reports.markdown_escape") {
  TEST_CASE("pipes are escaped, newlines become spaces, the rest is unchanged") {
    CHECK(md_cell("") == "");
    CHECK(md_cell("**bold** `code` 95% [1, 2]") == "**bold** `code` 95% [1, 2]");
    CHECK(md_cell("f|oo") == "f\\|oo");
    CHECK(md_cell("||") == "\\|\\|");
    CHECK(md_cell("two\nlines") == "two lines");
  }
}
