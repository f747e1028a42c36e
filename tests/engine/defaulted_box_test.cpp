// DefaultedBox: reads as T's defaults until set, deep copies, == by the values read; and the
// RetryPolicy that boxes its delay shaping with it (issue #15).
#include <doctest/doctest.h>

#include <vector>
#include <utility>

#include "engine/defaulted_box.h"
#include "engine/retry.h"

using namespace orchsim;

namespace {

struct Pair {
  int count = 7;
  std::vector<int> list = {1, 2};

  bool operator==(const Pair&) const = default;
};

}  // namespace

TEST_SUITE("engine.defaulted_box") {
  TEST_CASE("an empty box reads as the defaults; edit() sets from them") {
    DefaultedBox<Pair> b;
    CHECK(b->count == 7);
    CHECK(b->list == std::vector<int>{1, 2});
    b.edit().count = 3;
    CHECK(b->count == 3);
    CHECK(b->list == std::vector<int>{1, 2});  // the other field keeps its default
  }

  TEST_CASE("copies are deep") {
    DefaultedBox<Pair> a = Pair{.count = 1, .list = {5}};
    DefaultedBox<Pair> b = a;
    b.edit().list.push_back(6);
    CHECK(a->list == std::vector<int>{5});
    CHECK(b->list == std::vector<int>{5, 6});
    DefaultedBox<Pair> c;
    c = b;
    b.edit().count = 2;
    CHECK(c->count == 1);
    DefaultedBox<Pair> moved = std::move(c);
    CHECK(moved->list == std::vector<int>{5, 6});
  }

  TEST_CASE("== compares the values read: an empty box equals one holding the defaults") {
    const DefaultedBox<Pair> empty;
    const DefaultedBox<Pair> defaults = Pair{};
    const DefaultedBox<Pair> other = Pair{.count = 8};
    CHECK(empty == defaults);
    CHECK(empty != other);
    CHECK(other == DefaultedBox<Pair>(Pair{.count = 8}));
  }

  TEST_CASE("RetryPolicy: one word for the small fields, one pointer for the shape") {
    // optional<uint32_t> 8 + Duration 8 + 6 one-byte fields padded to 8 + a pointer 8 (LP64).
    static_assert(sizeof(void*) != 8 || sizeof(RetryPolicy) == 32);
    RetryPolicy p{.max_retries = 1};
    CHECK(p.shape->multiplier == 2.0);
    CHECK(p.shape->jitter_fraction == 0.1);
    CHECK_FALSE(p.shape->max_delay);
    CHECK(p.shape->delays.empty());
    CHECK(p == RetryPolicy{.max_retries = 1, .shape = RetryShape{}});
    p.shape.edit().multiplier = 3.0;
    CHECK(p != RetryPolicy{.max_retries = 1});
  }
}
