// The strict JSON reader of engine/live: values, exact integers, and errors at line:col.
#include <doctest/doctest.h>

#include <string>

#include "engine/live/json_value.h"

using namespace orchsim::live;

namespace {
// "line:col: message" of the error parsing `text` raises.
std::string error_of(const std::string& text) {
  try {
    parse_json(text);
  } catch (const JsonError& e) {
    return std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": " + e.what();
  }
  return "no error";
}
}  // namespace

TEST_SUITE("engine.live") {
  TEST_CASE("JSON values, with integers read exactly") {
    const JsonValue v = parse_json(R"( {"rows": 18446744073709551615, "columns": ["a", "b\u00e9\ud83d\ude00"], "ok": true, "x": null, "f": -1.5e3} )");
    REQUIRE(v.kind == JsonValue::Kind::kObject);
    CHECK(v.find("rows")->as_uint() == 18446744073709551615ULL);
    CHECK(v.find("columns")->items.size() == 2);
    CHECK(v.find("columns")->items[1].text == "b\xc3\xa9\xf0\x9f\x98\x80");  // é and U+1F600 in UTF-8
    CHECK(v.find("ok")->boolean);
    CHECK(v.find("x")->kind == JsonValue::Kind::kNull);
    CHECK(v.find("f")->as_uint() == std::nullopt);  // not a non-negative integer
    CHECK(v.find("missing") == nullptr);
    CHECK(parse_json("18446744073709551616").as_uint() == std::nullopt);  // 2^64 does not fit
  }

  TEST_CASE("JSON syntax errors name line and column") {
    CHECK(error_of("{\"a\": 1,\n \"a\": 2}") == "2:2: duplicate key \"a\"");
    CHECK(error_of("{\"a\" 1}") == "1:6: expected ':'");
    CHECK(error_of("[1, 2") == "1:6: expected ','");
    CHECK(error_of("01") == "1:2: expected the end of the text after the JSON value");
    CHECK(error_of("\"\\ud800\"") == "1:8: high surrogate not followed by a low surrogate");
    CHECK(error_of("{} x") == "1:4: expected the end of the text after the JSON value");
    CHECK(error_of("") == "1:1: expected a JSON value");
    CHECK(error_of(std::string(100, '[')) == "1:66: JSON nested deeper than 64 levels");
  }
}
