// csv_field against RFC 4180 §2: rule 6, fields containing line breaks (CR, LF), double quotes or
// commas are enclosed in double quotes; rule 7, a double quote inside such a field is preceded by
// another double quote (the RFC's example: "b""bb").
// And against OWASP, "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection): a
// field starting with '=', '+', '-', '@', tab (0x09) or carriage return (0x0D) is prepended with a
// single quote, so that a spreadsheet shows it as text instead of running it as a formula; the
// field is then quoted by the RFC's rules as any other.
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

  TEST_CASE("OWASP: a field that a spreadsheet would run as a formula gets a leading single quote") {
    CHECK(csv_field("=1+2") == "'=1+2");
    CHECK(csv_field("+cmd") == "'+cmd");
    CHECK(csv_field("-2+3") == "'-2+3");
    CHECK(csv_field("@SUM(A1:A2)") == "'@SUM(A1:A2)");
    CHECK(csv_field("\t=1") == "'\t=1");
    CHECK(csv_field("-") == "'-");
    // The quote comes first, then RFC 4180 quoting of the whole field (a CR needs it).
    CHECK(csv_field("\r=1") == "\"'\r=1\"");
    CHECK(csv_field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    // Only the first character matters.
    CHECK(csv_field("a=b") == "a=b");
    CHECK(csv_field("multi-job") == "multi-job");
  }

  TEST_CASE("a plain number stays a number: a negative value is not a formula") {
    CHECK(csv_field("-2") == "-2");
    CHECK(csv_field("-0.25") == "-0.25");
    CHECK(csv_field("+1e-3") == "+1e-3");
    CHECK(csv_field("-.5") == "-.5");
    CHECK(csv_field("-5.") == "-5.");
    CHECK(csv_field("-1E6") == "-1E6");
    // Not plain numbers: something follows the digits, or no digit at all.
    CHECK(csv_field("-1e") == "'-1e");
    CHECK(csv_field("-.") == "'-.");
    CHECK(csv_field("-1 ") == "'-1 ");
    CHECK(csv_field("+1+1") == "'+1+1");
    CHECK(csv_field("-inf") == "'-inf");
  }
}
