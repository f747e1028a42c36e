// json_string against RFC 8259 §7: quotation mark, reverse solidus and U+0000..U+001F must be
// escaped; the two-character forms \" \\ \b \f \n \r \t stand for their characters; any other
// control character is \u followed by four hex digits; everything else may stay as is.
#include <doctest/doctest.h>

#include <string>

#include "engine/json_escape.h"

using orchsim::json_string;

TEST_SUITE("engine.json_escape") {
  TEST_CASE("plain text is quoted and otherwise unchanged") {
    CHECK(json_string("") == R"("")");
    CHECK(json_string("abc") == R"("abc")");
    CHECK(json_string("a/b") == R"("a/b")");  // the solidus may be escaped, need not be
    CHECK(json_string("é") == "\"é\"");        // UTF-8 bytes pass through
    CHECK(json_string("\x7f") == "\"\x7f\"");  // DEL is not a control character to JSON
  }

  TEST_CASE("quotation mark and reverse solidus") {
    CHECK(json_string("say \"hi\"") == R"("say \"hi\"")");
    CHECK(json_string("\\") == R"("\\")");  // the RFC's own example of the compact form
  }

  TEST_CASE("control characters: the short escapes, else \\u00XX") {
    CHECK(json_string("\b\f\n\r\t") == R"("\b\f\n\r\t")");
    CHECK(json_string(std::string("a\0z", 3)) == R"("a\u0000z")");
    CHECK(json_string("a\x01z") == R"("a\u0001z")");
    CHECK(json_string("\x1f") == R"("\u001f")");
  }
}
