// csv_field against RFC 4180 §2: rule 6, fields containing line breaks (CR, LF), double quotes or
// commas are enclosed in double quotes; rule 7, a double quote inside such a field is preceded by
// another double quote (the RFC's example: "b""bb").
#include <doctest/doctest.h>

#include "reports/csv_escape.h"

using orchsim::reports::csv_field;

TEST_SUITE("reports.csv_escape") {
  TEST_CASE("a field that needs nothing is written as is") {
    CHECK(csv_field("") == "");
    CHECK(csv_field("aaa") == "aaa");
    CHECK(csv_field("p50 [1.0; 2.0]") == "p50 [1.0; 2.0]");
  }

  TEST_CASE("commas, quotes and line breaks are enclosed, quotes doubled") {
    CHECK(csv_field("b\"bb") == "\"b\"\"bb\"");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("line\r\nbreak") == "\"line\r\nbreak\"");
    CHECK(csv_field("cr\rnot lf") == "\"cr\rnot lf\"");
    CHECK(csv_field("\"") == "\"\"\"\"");
  }
}
