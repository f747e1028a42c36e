#include "sim/input/json_reader.h"

#include <string>

#include <doctest/doctest.h>

namespace orchsim::sim {
namespace {

ConfigNode parse(std::string_view text, Diagnostics& diagnostics) { return config_from_json(text, "t.json", diagnostics); }

// The one diagnostic of `text`, as "line:col: message".
std::string only_error(std::string_view text) {
  Diagnostics d;
  parse(text, d);
  REQUIRE(d.items().size() == 1);
  const Diagnostic& e = d.items()[0];
  return std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + ": " + e.message;
}

TEST_CASE("config_from_json: kinds, quoting and locations") {
  Diagnostics d;
  const ConfigNode root = parse("{\"a\": 1, \"b\": \"x\",\n \"c\": [true, null], \"d\": {}}", d);
  REQUIRE(d.empty());
  REQUIRE(root.is_map());
  REQUIRE(root.entries.size() == 4);
  CHECK(root.find("a")->scalar == "1");
  CHECK_FALSE(root.find("a")->quoted);
  CHECK(root.find("a")->where.column == 7);  // {"a": 1 — the 1 is the 7th character
  CHECK(root.entries[0].key_where.column == 2);
  CHECK(root.find("b")->quoted);
  const ConfigNode& c = *root.find("c");
  REQUIRE(c.items.size() == 2);
  CHECK(c.items[0].scalar == "true");
  CHECK_FALSE(c.items[0].quoted);
  CHECK(c.items[1].is_null());
  CHECK(c.where.line == 2);
  CHECK(c.where.column == 7);  // ' "c": [' — the '[' is the 7th character of line 2
  CHECK(root.find("d")->is_map());
  CHECK(root.find("d")->entries.empty());
}

TEST_CASE("config_from_json: numbers are kept as written, per the RFC 8259 grammar") {
  Diagnostics d;
  const ConfigNode root = parse("[-0, 0.5, 1e10, -1.5E-3, 10, 3600]", d);
  REQUIRE(d.empty());
  REQUIRE(root.items.size() == 6);
  CHECK(root.items[0].scalar == "-0");
  CHECK(root.items[3].scalar == "-1.5E-3");
  CHECK(root.items[5].scalar == "3600");
}

TEST_CASE("config_from_json: escapes and surrogate pairs become UTF-8") {
  Diagnostics d;
  const ConfigNode root = parse(R"(["\u00e9\ud83d\ude00\n\"\\\/\t"])", d);
  REQUIRE(d.empty());
  // U+00E9 is C3 A9; U+1F600 (the pair D83D DE00) is F0 9F 98 80 (RFC 3629 §3).
  CHECK(root.items[0].scalar == "\xC3\xA9\xF0\x9F\x98\x80\n\"\\/\t");
  CHECK(root.items[0].quoted);
}

TEST_CASE("config_from_json: a BOM is skipped, an empty text is null") {
  Diagnostics d;
  CHECK(parse("\xEF\xBB\xBF{\"a\": 1}", d).find("a") != nullptr);
  CHECK(parse("  \n", d).is_null());
  CHECK(d.empty());
}

TEST_CASE("config_from_json: syntax errors name the token expected and what was found, at its place") {
  CHECK(only_error("{\"a\": 1,}") == "1:9: malformed JSON: expected a string key, found '}'");
  CHECK(only_error("{\"a\": 1 \"b\": 2}") ==
        "1:9: malformed JSON: expected ',' or '}' after an object member, found '\"'");
  CHECK(only_error("[1, 2,]") == "1:7: malformed JSON: expected a value after ',' (JSON allows no trailing comma), found ']'");
  CHECK(only_error("{\"a\": 1 // note\n}") ==
        "1:9: malformed JSON: expected ',' or '}' after an object member, found '/' (JSON has no comments)");
  CHECK(only_error("{'a': 1}") ==
        "1:2: malformed JSON: expected a string key or '}', found ''' (JSON strings take double quotes)");
  CHECK(only_error("[True]") ==
        "1:2: malformed JSON: expected a value (a string, number, object, array, true, false or null), found 'True'");
  CHECK(only_error("{\"a\" 1}") == "1:6: malformed JSON: expected ':' after the key, found '1'");
  CHECK(only_error("[1, 2") == "1:6: malformed JSON: expected ',' or ']' after an array element, found the end of the file");
  CHECK(only_error("{} x") == "1:4: malformed JSON: expected the end of the file after the value, found 'x'");
  // Line 3 is "  2,,]": the second ',' is its 5th character.
  CHECK(only_error("{\n  \"a\": [1,\n  2,,]\n}") ==
        "3:5: malformed JSON: expected a value (a string, number, object, array, true, false or null), found ','");
  // Columns count characters: 'é' is one although it is two bytes.
  CHECK(only_error("{\"\xC3\xA9\": x}") ==
        "1:7: malformed JSON: expected a value (a string, number, object, array, true, false or null), found 'x'");
}

TEST_CASE("config_from_json: numbers outside the grammar") {
  CHECK(only_error("[01]") == "1:2: malformed JSON: a number may not start with a leading zero");
  CHECK(only_error("[1.]") == "1:4: malformed JSON: expected a digit after the decimal point, found ']'");
  CHECK(only_error("[-]") == "1:3: malformed JSON: expected a digit after '-', found ']'");
  CHECK(only_error("[1e+]") == "1:5: malformed JSON: expected a digit in the exponent, found ']'");
  CHECK(only_error("[.5]").find("1:2: malformed JSON: expected a value") == 0);
  CHECK(only_error("[+1]").find("1:2: malformed JSON: expected a value") == 0);
}

TEST_CASE("config_from_json: strings outside the grammar") {
  CHECK(only_error("{\"a\": \"abc") == "1:7: malformed JSON: unclosed string: the string opened here never ends");
  CHECK(only_error("[\"a\tb\"]") ==
        "1:4: malformed JSON: the control character U+0009 inside a string (write it as an escape such as \\n)");
  CHECK(only_error(R"(["\x"])") ==
        "1:4: malformed JSON: expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX) after '\\', found 'x'");
  CHECK(only_error(R"(["\u12g4"])") == "1:7: malformed JSON: expected four hexadecimal digits after \\u, found 'g4'");
  CHECK(only_error(R"(["\ud800"])") ==
        "1:9: malformed JSON: expected a low surrogate \\uDC00-\\uDFFF after a high surrogate, found '\"'");
  CHECK(only_error(R"(["\udc00"])") == "1:9: malformed JSON: a low surrogate \\u escape without the high surrogate before it");
  CHECK(only_error("[\"\xFF\"]") == "1:3: malformed JSON: invalid UTF-8 byte 0xFF in a string");
  CHECK(only_error("[\"\xC0\xAF\"]") == "1:3: malformed JSON: invalid UTF-8 byte 0xC0 in a string");  // overlong '/'
  // An escaped control character is valid JSON but no valid orchsim value.
  CHECK(only_error(R"(["a\u0000"])") ==
        "1:2: invalid character U+0000 in this value: names and values may hold no control characters");
}

TEST_CASE("config_from_json: duplicate keys are errors, every one of them") {
  Diagnostics d;
  const ConfigNode root = parse("{\"a\": 1,\n \"a\": 2, \"b\": 3, \"b\": 4}", d);
  REQUIRE(d.items().size() == 2);
  CHECK(d.items()[0].to_string() == "t.json:2:2: duplicate key 'a' (first at 1:2)");
  CHECK(d.items()[1].where.column == 18);
  CHECK(root.find("a")->scalar == "1");  // the first stays
}

TEST_CASE("config_from_json: nesting deeper than the cap is refused, not recursed into") {
  const std::string deep(100'000, '[');
  // The 257th '[' would be the 257th level.
  CHECK(only_error(deep) == "1:257: malformed JSON: nested more than 256 levels deep");
}

}  // namespace
}  // namespace orchsim::sim
