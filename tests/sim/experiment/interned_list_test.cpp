// InternedList: each distinct value once, in the order first seen, and every item reads its own.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/experiment/interned_list.h"

using orchsim::sim::InternedList;

TEST_SUITE("sim.interned_list") {
  TEST_CASE("items x y x z y x: three values, x y z") {
    const std::vector<std::string> items{"x", "y", "x", "z", "y", "x"};
    const auto list = InternedList<std::string>::of(items.size(), [&](std::size_t i) { return items[i]; });
    REQUIRE(list.size() == 6);
    for (std::size_t i = 0; i < items.size(); ++i) CHECK(list[i] == items[i]);
    REQUIRE(list.values().size() == 3);
    CHECK(list.values()[0] == "x");
    CHECK(list.values()[1] == "y");
    CHECK(list.values()[2] == "z");
    const std::vector<std::uint32_t> which{0, 1, 0, 2, 1, 0};
    for (std::size_t i = 0; i < which.size(); ++i) CHECK(list.value_index(i) == which[i]);
  }

  TEST_CASE("no items, no values") {
    const auto list = InternedList<int>::of(0, [](std::size_t) { return 1; });
    CHECK(list.empty());
    CHECK(list.values().empty());
  }
}
