// SlotPool hands out new slots in order, reuses the latest released one first, keeps what a slot
// owns across its reuse, and frees everything on clear().
#include <doctest/doctest.h>

#include <vector>

#include "sim/world/slot_pool.h"

using namespace orchsim;

TEST_CASE("SlotPool: new slots in order, released ones reused last in first out") {
  sim::SlotPool<int> pool;
  CHECK(pool.in_use() == 0);
  CHECK(pool.acquire() == 0);
  CHECK(pool.acquire() == 1);
  CHECK(pool.acquire() == 2);
  pool[1] = 7;
  pool.release(0);
  pool.release(1);
  CHECK(pool.in_use() == 1);
  CHECK(pool.acquire() == 1);  // released last
  CHECK(pool[1] == 7);         // the caller resets a reused slot
  CHECK(pool.acquire() == 0);
  CHECK(pool.acquire() == 3);  // none free: a new one
  CHECK(pool.in_use() == 4);
}

TEST_CASE("SlotPool: a reused slot keeps its memory; clear() frees it all") {
  sim::SlotPool<std::vector<int>> pool;
  const std::uint32_t s = pool.acquire();
  pool[s].assign(100, 1);
  pool[s].clear();
  pool.release(s);
  const std::uint32_t again = pool.acquire();
  CHECK(again == s);
  CHECK(pool[again].capacity() >= 100);
  pool.clear();
  CHECK(pool.in_use() == 0);
  CHECK(pool.capacity() == 0);
  CHECK(pool.acquire() == 0);
  CHECK(pool[0].capacity() == 0);
}
