// Dependencies: a task's upstream keys, locations and gates in one block; read back in the order
// written, whatever the growth and copies in between.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "models/dependencies.h"

using namespace orchsim;
using models::Dependencies;
using models::Dependency;

TEST_SUITE("models.dependencies") {
  TEST_CASE("empty until pushed; entries read back with their key, location and gate") {
    Dependencies d;
    CHECK(d.empty());
    CHECK(d.begin() == d.end());
    d.push_back({"ingest", {4, 17}});
    d.push_back({"check", {5, 17}, EdgeGate::kFalse});
    d.push_back({"x"});
    REQUIRE(d.size() == 3);
    CHECK(d[0] == Dependency{"ingest", {4, 17}, EdgeGate::kNone});
    CHECK(d[1].task == "check");
    CHECK(d[1].where.line == 5);
    CHECK(d[1].gate == EdgeGate::kFalse);
    CHECK(d[2] == Dependency{"x", {0, 0}, EdgeGate::kNone});
    CHECK(d.names() == std::vector<std::string>{"ingest", "check", "x"});
    std::vector<std::string> seen;
    for (const Dependency& e : d) seen.emplace_back(e.task);
    CHECK(seen == d.names());
  }

  TEST_CASE("growth past the reserved room keeps every key: 100 keys t0..t99") {
    Dependencies d;
    d.reserve(2, 4);
    for (int i = 0; i < 100; ++i) d.push_back({fmt::format("t{}", i), {i + 1, 3}});
    REQUIRE(d.size() == 100);
    for (int i = 0; i < 100; ++i) {
      CAPTURE(i);
      CHECK(d[static_cast<std::size_t>(i)].task == fmt::format("t{}", i));
      CHECK(d[static_cast<std::size_t>(i)].where.line == i + 1);
    }
  }

  TEST_CASE("pushing one of its own entries, also when that grows the block") {
    Dependencies d{{"first_key", {2, 5}}};
    for (int i = 0; i < 5; ++i) d.push_back(d[0]);  // capacities 1 → 2 → 4 → 8: three moves
    REQUIRE(d.size() == 6);
    for (const Dependency& e : d) CHECK(e == Dependency{"first_key", {2, 5}, EdgeGate::kNone});
  }

  TEST_CASE("every gate kept beside its key's end, through growth") {
    Dependencies d;
    const EdgeGate gates[] = {EdgeGate::kTrue, EdgeGate::kNone, EdgeGate::kFalse};
    for (int i = 0; i < 30; ++i) d.push_back({fmt::format("key{}", i), {i, i}, gates[i % 3]});
    for (int i = 0; i < 30; ++i) {
      CAPTURE(i);
      CHECK(d[static_cast<std::size_t>(i)] == Dependency{fmt::format("key{}", i), {i, i}, gates[i % 3]});
    }
  }

  TEST_CASE("a task's keys total less than 16 MiB characters, the gate taking the top byte") {
    Dependencies d;
    const std::string most((std::size_t{1} << 24) - 2, 'k');
    d.push_back({most, {1, 1}, EdgeGate::kFalse});
    d.push_back({"x", {2, 1}, EdgeGate::kTrue});  // 2^24 - 1 characters in all
    CHECK(d[0].task.size() == most.size());
    CHECK(d[0].gate == EdgeGate::kFalse);
    CHECK(d[1] == Dependency{"x", {2, 1}, EdgeGate::kTrue});
    CHECK_THROWS_AS(d.push_back({"y"}), std::length_error);
    CHECK(d.size() == 2);
  }

  TEST_CASE("empty keys and a key longer than the small-string size") {
    const std::string long_key(40, 'k');
    const Dependencies d{{""}, {long_key}, {""}};
    REQUIRE(d.size() == 3);
    CHECK(d[0].task.empty());
    CHECK(d[1].task == long_key);
    CHECK(d[2].task.empty());
  }

  TEST_CASE("copies are deep; == compares keys, locations and gates") {
    Dependencies a{{"a", {1, 2}}, {"b"}};
    Dependencies b = a;
    CHECK(a == b);
    b.push_back({"c"});
    CHECK(a.size() == 2);
    CHECK(a != b);
    CHECK(a != Dependencies{{"a", {1, 2}}, {"b", {}, EdgeGate::kTrue}});
    CHECK(a != Dependencies{{"a", {1, 3}}, {"b"}});
    Dependencies c;
    c = a;
    a.clear();
    CHECK(a.empty());
    CHECK(c.names() == std::vector<std::string>{"a", "b"});
    const Dependencies moved = std::move(c);
    CHECK(moved.size() == 2);
    CHECK(Dependencies(Dependencies{}).empty());
  }
}
