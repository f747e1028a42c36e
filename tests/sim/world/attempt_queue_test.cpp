// AttemptQueue keeps FIFO order through pops, removals and its compaction (which happens once half
// of its vector is consumed), and allocates nothing until an attempt is queued.
#include <doctest/doctest.h>

#include <vector>

#include "sim/world/attempt_queue.h"

using namespace orchsim;

namespace {

std::vector<std::uint32_t> contents(const sim::AttemptQueue& q) {
  std::vector<std::uint32_t> v;
  for (const AttemptId a : q) v.push_back(static_cast<std::uint32_t>(a.index()));
  return v;
}

}  // namespace

TEST_CASE("AttemptQueue: first in, first out, across compaction and removal") {
  sim::AttemptQueue q;
  CHECK(q.empty());
  for (std::uint32_t i = 0; i < 6; ++i) q.push_back(AttemptId(i));
  q.pop_front();  // 1 of 6 consumed: no compaction
  CHECK(q.front() == AttemptId(1));
  q.pop_front();
  q.pop_front();  // 3 of 6 consumed: compacted to 3, 4, 5
  CHECK(contents(q) == std::vector<std::uint32_t>{3, 4, 5});
  q.push_back(AttemptId(6));
  q.remove(AttemptId(4));
  CHECK(contents(q) == std::vector<std::uint32_t>{3, 5, 6});
  CHECK(q.size() == 3);
  q.pop_front();
  CHECK(q.front() == AttemptId(5));
  q.pop_front();
  q.pop_front();
  CHECK(q.empty());
  q.push_back(AttemptId(7));  // reused after emptying
  CHECK(contents(q) == std::vector<std::uint32_t>{7});
}
