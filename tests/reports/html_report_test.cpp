// The HTML page's stylesheet keeps wide tables readable: each table scrolls sideways on its own
// and its first column stays in view (checked by hand in headless Chromium, issue #13 item 9).
#include <doctest/doctest.h>

#include <string>

#include "reports/html_report.h"

using namespace orchsim;

TEST_SUITE("reports/html_report") {
  TEST_CASE("tables scroll horizontally with a sticky first column") {
    const std::string page = reports::html_page("t", "<table><tr><td>a</td></tr></table>");
    CHECK(page.find("display:block;max-width:100%;overflow-x:auto") != std::string::npos);
    CHECK(page.find("th:first-child,td:first-child{position:sticky;left:0;") != std::string::npos);
  }
}
