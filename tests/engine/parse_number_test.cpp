// Expected values: the grammar of std::from_chars (C++20 [charconv.from.chars], the strtod subject
// sequence without whitespace, '+', hexadecimal, inf or nan) plus the leading '+' that std::stod
// took, and the decimal values of the literals themselves.
#include <doctest/doctest.h>

#include <clocale>
#include <cmath>
#include <limits>
#include <optional>
#include <string_view>

#include "engine/parse_number.h"

using orchsim::parse_number;

namespace {

struct Row {
  std::string_view text;
  std::optional<double> expected;
};

}  // namespace

TEST_SUITE("engine.parse_number") {
  TEST_CASE("a table of accepted and rejected spellings") {
    const Row rows[] = {
        {"0", 0.0},          {"42", 42.0},       {"-1.5", -1.5},       {"+2", 2.0},       {"+.5", 0.5},
        {"1.", 1.0},         {".25", 0.25},      {"00012", 12.0},      {"2e-3", 0.002},   {"1E+5", 1e5},
        {"4.5e1", 45.0},     {"-0", -0.0},       {"1e308", 1e308},
        {"", std::nullopt},  {" 1", std::nullopt},  {"1 ", std::nullopt},  {"1s", std::nullopt},
        {"1,5", std::nullopt},  {"1e", std::nullopt},  {".", std::nullopt},   {"+", std::nullopt},
        {"-", std::nullopt},    {"+-1", std::nullopt}, {"++1", std::nullopt}, {"0x10", std::nullopt},
        {"inf", std::nullopt},  {"-inf", std::nullopt}, {"+inf", std::nullopt}, {"nan", std::nullopt},
        {"1e400", std::nullopt}, {"-1e400", std::nullopt}, {"1e-400", std::nullopt}, {"1..2", std::nullopt},
    };
    for (const Row& row : rows) {
      CAPTURE(row.text);
      CHECK(parse_number(row.text) == row.expected);
    }
  }

  TEST_CASE("the sign of zero and the extremes survive") {
    CHECK(std::signbit(*parse_number("-0")));
    CHECK(*parse_number("1.7976931348623157e308") == std::numeric_limits<double>::max());
    CHECK(*parse_number("4.9e-324") == std::numeric_limits<double>::denorm_min());
  }

  TEST_CASE("a locale with a decimal comma changes nothing") {
    // Only when the machine has such a locale; the C locale is restored either way.
    if (std::setlocale(LC_NUMERIC, "de_DE.UTF-8") != nullptr) {
      CHECK(parse_number("1.5") == 1.5);
      CHECK(parse_number("1,5") == std::nullopt);
    }
    std::setlocale(LC_NUMERIC, "C");
  }

  TEST_CASE("only the text given is read, not what follows it in memory") {
    const std::string_view whole = "12345";
    CHECK(parse_number(whole.substr(0, 2)) == 12.0);
  }
}
