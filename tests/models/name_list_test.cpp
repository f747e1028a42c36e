// NameList: names packed back to back read back whole, the empty name and the first included.
#include <doctest/doctest.h>

#include "models/name_list.h"

using orchsim::models::NameList;

TEST_SUITE("models.name_list") {
  TEST_CASE("each name reads back as pushed") {
    NameList names;
    CHECK(names.empty());
    names.reserve(3, 17);
    names.push_back("a");
    names.push_back("");
    names.push_back("t0000000_cluster");  // 16 characters: past std::string's inline 15
    REQUIRE(names.size() == 3);
    CHECK_FALSE(names.empty());
    CHECK(names[0] == "a");
    CHECK(names[1].empty());
    CHECK(names[2] == "t0000000_cluster");
  }
}
