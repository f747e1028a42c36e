// BoxedOptional: the std::optional behaviour WorkloadTask's fields rely on, and deep copies (a copy
// owns its value, so changing one never changes the other).
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <utility>

#include "models/boxed_optional.h"

using orchsim::models::BoxedOptional;

TEST_SUITE("models.boxed_optional") {
  TEST_CASE("empty by default, like std::optional") {
    const BoxedOptional<std::string> b;
    CHECK_FALSE(b.has_value());
    CHECK_FALSE(static_cast<bool>(b));
    CHECK(b == std::nullopt);
    CHECK(b.value_or("none") == "none");
    CHECK_THROWS_AS((void)b.value(), std::bad_optional_access);
  }

  TEST_CASE("set from a value, a std::optional and std::nullopt") {
    BoxedOptional<std::string> b = "gpu";
    CHECK(b.has_value());
    CHECK(*b == "gpu");
    CHECK(b->size() == 3);
    CHECK(b == "gpu");
    CHECK(b != "cpu");
    b = std::optional<std::string>("cpu");
    CHECK(b.value() == "cpu");
    b = std::optional<std::string>();
    CHECK_FALSE(b.has_value());
    b = std::string("x");
    b = std::nullopt;
    CHECK_FALSE(b);
    b.emplace(3, 'a');
    CHECK(*b == "aaa");
    b.reset();
    CHECK(b == std::nullopt);
  }

  TEST_CASE("a copy is deep: changing the copy leaves the original") {
    BoxedOptional<std::string> a = "one";
    BoxedOptional<std::string> b = a;
    CHECK(a == b);
    *b = "two";
    CHECK(*a == "one");
    CHECK(a != b);
    a = b;  // copy assignment also copies
    b->push_back('!');
    CHECK(*a == "two");
    CHECK(*b == "two!");
    BoxedOptional<std::string> empty;
    a = empty;
    CHECK_FALSE(a.has_value());
    CHECK(b.has_value());
  }

  TEST_CASE("a move takes the value; equality compares values, then presence") {
    BoxedOptional<int> a = 7;
    BoxedOptional<int> b = std::move(a);
    CHECK(*b == 7);
    CHECK(BoxedOptional<int>(1) == BoxedOptional<int>(1));
    CHECK(BoxedOptional<int>(1) != BoxedOptional<int>(2));
    CHECK(BoxedOptional<int>() != BoxedOptional<int>(0));
    CHECK(BoxedOptional<int>() == BoxedOptional<int>());
  }

  TEST_CASE("two named boxes compare inside CHECK as values (clang once took the value-comparison template)") {
    // Two empty boxes are equal; two full ones by value; an empty and a full one differ.
    const BoxedOptional<std::string> none, also_none, v = std::string("v"), also_v = std::string("v"),
                                                       w = std::string("w");
    CHECK(none == also_none);
    CHECK(v == also_v);
    CHECK_FALSE(v == w);
    CHECK_FALSE(none == v);
    CHECK(v == "v");
    CHECK(v == std::string("v"));
  }
}
