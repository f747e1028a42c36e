#include <doctest/doctest.h>

#include <map>
#include <vector>

#include "engine/rng.h"
#include "sim/kernel/event_queue.h"
#include "sim/kernel/simulated_runtime.h"

using namespace orchsim;

namespace {

struct Recorder final : TimerTarget {
  explicit Recorder(Runtime& r) : runtime(r) {}
  void on_timer(std::uint64_t payload) override { fired.push_back({payload, runtime.now()}); }
  Runtime& runtime;
  std::vector<std::pair<std::uint64_t, SimTime>> fired;
};

SimTime at(std::int64_t s) { return SimTime::zero() + Duration::seconds(s); }

}  // namespace

TEST_SUITE("sim.kernel") {
  TEST_CASE("events run in time order; equal times run FIFO by sequence") {
    sim::SimulatedRuntime rt;
    Recorder r(rt);
    rt.schedule_at(at(5), r, 1);
    rt.schedule_at(at(2), r, 2);
    rt.schedule_at(at(5), r, 3);
    rt.schedule_at(at(2), r, 4);
    rt.schedule_at(at(5), r, 5);
    CHECK(rt.run() == 5);
    std::vector<std::uint64_t> order;
    for (auto& [p, t] : r.fired) order.push_back(p);
    CHECK(order == std::vector<std::uint64_t>{2, 4, 1, 3, 5});
    CHECK(r.fired.back().second == at(5));
    CHECK(rt.now() == at(5));
  }

  TEST_CASE("FIFO holds for many equal-time events interleaved with others") {
    sim::SimulatedRuntime rt;
    Recorder r(rt);
    for (std::uint64_t i = 0; i < 1000; ++i) rt.schedule_at(at(static_cast<std::int64_t>(i % 3)), r, i);
    rt.run();
    REQUIRE(r.fired.size() == 1000);
    for (std::size_t i = 1; i < r.fired.size(); ++i) {
      const bool same_time = r.fired[i].second == r.fired[i - 1].second;
      if (same_time) CHECK(r.fired[i].first > r.fired[i - 1].first);
      else CHECK(r.fired[i].second > r.fired[i - 1].second);
    }
  }

  TEST_CASE("a cancelled event never fires; cancelling twice or after firing is refused") {
    sim::SimulatedRuntime rt;
    Recorder r(rt);
    const TimerId a = rt.schedule_at(at(1), r, 1);
    const TimerId b = rt.schedule_at(at(2), r, 2);
    CHECK(rt.pending() == 2);
    CHECK(rt.cancel(b));
    CHECK(!rt.cancel(b));
    CHECK(rt.pending() == 1);
    rt.run();
    CHECK(r.fired.size() == 1);
    CHECK(r.fired[0].first == 1);
    CHECK(!rt.cancel(a));
    CHECK(!rt.cancel(TimerId{}));
  }

  TEST_CASE("a reused slot does not resurrect a cancelled id") {
    sim::SimulatedRuntime rt;
    Recorder r(rt);
    const TimerId old_id = rt.schedule_at(at(1), r, 1);
    rt.cancel(old_id);
    const TimerId fresh = rt.schedule_at(at(1), r, 2);  // takes the freed slot
    CHECK(!(fresh == old_id));
    CHECK(!rt.cancel(old_id));
    rt.run();
    REQUIRE(r.fired.size() == 1);
    CHECK(r.fired[0].first == 2);
  }

  TEST_CASE("run_until stops at the horizon and advances the clock") {
    sim::SimulatedRuntime rt;
    Recorder r(rt);
    rt.schedule_at(at(1), r, 1);
    rt.schedule_at(at(3), r, 3);
    rt.schedule_at(at(4), r, 4);
    CHECK(rt.run_until(at(3)) == 2);
    CHECK(rt.now() == at(3));
    CHECK(rt.pending() == 1);
    rt.run_until(at(10));
    CHECK(rt.now() == at(10));
    CHECK(r.fired.size() == 3);
  }

  TEST_CASE("callbacks may schedule more events, including at the current time") {
    sim::SimulatedRuntime rt;
    struct Chain final : TimerTarget {
      explicit Chain(Runtime& r) : rt(r) {}
      void on_timer(std::uint64_t n) override {
        seen.push_back(n);
        if (n < 5) rt.post(*this, n + 1);
      }
      Runtime& rt;
      std::vector<std::uint64_t> seen;
    } chain(rt);
    rt.schedule_at(at(7), chain, 0);
    rt.run();
    CHECK(chain.seen == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5});
    CHECK(rt.now() == at(7));
  }

  TEST_CASE("in-order pushes (the FIFO fast path) and out-of-order pushes interleave by (time, sequence)") {
    sim::SimulatedRuntime rt;
    Recorder r(rt);
    // 1, 2, 2, 3 arrive in time order; 0 and the second 1 arrive late and must still go first.
    rt.schedule_at(at(1), r, 10);
    rt.schedule_at(at(2), r, 20);
    rt.schedule_at(at(2), r, 21);
    rt.schedule_at(at(3), r, 30);
    rt.schedule_at(at(0), r, 0);
    rt.schedule_at(at(1), r, 11);
    rt.run();
    std::vector<std::uint64_t> order;
    for (auto& [p, t] : r.fired) order.push_back(p);
    CHECK(order == std::vector<std::uint64_t>{0, 10, 11, 20, 21, 30});
  }

  TEST_CASE("events posted for now from a callback run after the other events already due now") {
    sim::SimulatedRuntime rt;
    struct Poster final : TimerTarget {
      explicit Poster(Runtime& r) : rt(r) {}
      void on_timer(std::uint64_t n) override {
        seen.push_back(n);
        if (n == 1) rt.post(*this, 100);
      }
      Runtime& rt;
      std::vector<std::uint64_t> seen;
    } poster(rt);
    rt.schedule_at(at(4), poster, 1);
    rt.schedule_at(at(4), poster, 2);
    rt.schedule_at(at(5), poster, 3);
    rt.run();
    CHECK(poster.seen == std::vector<std::uint64_t>{1, 2, 100, 3});
  }

  TEST_CASE("cancelled events at the front are skipped by next_time and pop") {
    sim::EventQueue q;
    struct Nop final : TimerTarget {
      void on_timer(std::uint64_t) override {}
    } nop;
    const TimerId a = q.push(at(1), nop, 1);  // FIFO
    const TimerId b = q.push(at(0), nop, 2);  // heap
    q.push(at(2), nop, 3);
    CHECK(q.cancel(a));
    CHECK(q.cancel(b));
    CHECK(q.size() == 1);
    REQUIRE(q.next_time().has_value());
    CHECK(*q.next_time() == at(2));
    const auto e = q.pop();
    REQUIRE(e.has_value());
    CHECK(e->payload == 3);
    CHECK(q.empty());
    CHECK(!q.pop().has_value());
  }

  TEST_CASE("random pushes, cancels and pops match a reference ordered map") {
    // The reference orders by (time, push number): exactly the kernel's contract.
    sim::EventQueue q;
    struct Nop final : TimerTarget {
      void on_timer(std::uint64_t) override {}
    };
    Nop targets[3];  // event number i goes to targets[i % 3]: the target travels with the payload
    std::map<std::pair<std::int64_t, std::uint64_t>, TimerId> reference;
    std::vector<std::pair<std::pair<std::int64_t, std::uint64_t>, TimerId>> issued;
    Rng rng(2024);
    std::int64_t now = 0;
    std::uint64_t pushes = 0;
    for (int step = 0; step < 200'000; ++step) {
      const auto op = rng.below(10);
      if (op < 5) {
        // Mostly near-future times with many ties, some exactly now (in order), some far.
        const auto delay = rng.below(4) == 0 ? 0 : static_cast<std::int64_t>(rng.below(rng.below(2) ? 50 : 5000));
        const std::pair<std::int64_t, std::uint64_t> k{now + delay, pushes};
        const TimerId id = q.push(SimTime::from_micros(k.first), targets[pushes % 3], pushes);
        ++pushes;
        reference.emplace(k, id);
        issued.emplace_back(k, id);
      } else if (op < 7 && !issued.empty()) {
        const auto& [k, id] = issued[rng.below(issued.size())];
        const bool live = reference.erase(k) == 1;
        CHECK(q.cancel(id) == live);
      } else if (op == 7) {
        const auto next = q.next_time();
        REQUIRE(next.has_value() == !reference.empty());
        if (next) CHECK(next->micros() == reference.begin()->first.first);
      } else {
        const auto e = q.pop();
        REQUIRE(e.has_value() == !reference.empty());
        if (!e) continue;
        const auto first = reference.begin();
        CHECK(e->time.micros() == first->first.first);
        CHECK(e->payload == first->first.second);
        CHECK(e->target == &targets[e->payload % 3]);
        now = e->time.micros();
        reference.erase(first);
      }
      REQUIRE(q.size() == reference.size());
    }
    while (auto e = q.pop()) {
      REQUIRE(!reference.empty());
      CHECK(e->payload == reference.begin()->first.second);
      CHECK(e->target == &targets[e->payload % 3]);
      reference.erase(reference.begin());
    }
    CHECK(reference.empty());
  }

  TEST_CASE("a cancelled entry still queued far ahead is skipped after its neighbours have come and gone") {
    // The cancelled entry stays queued until it reaches the front; events pushed and popped in
    // the meantime get other ids (one of them reuses its slot), and the stale entry never surfaces.
    sim::EventQueue q;
    struct Nop final : TimerTarget {
      void on_timer(std::uint64_t) override {}
    } nop;
    const TimerId far = q.push(at(100), nop, 100);
    q.push(at(0), nop, 0);  // due first: the cancelled `far` waits behind it
    CHECK(q.cancel(far));
    std::vector<TimerId> ids;
    for (std::uint64_t i = 1; i <= 50; ++i) {
      ids.push_back(q.push(at(static_cast<std::int64_t>(i % 7)), nop, i));
      CHECK(!(ids.back() == far));
    }
    CHECK(q.size() == 51);
    CHECK(!q.cancel(far));
    // Pop everything: (time, push order), i.e. 0 first, then by i % 7, ties by i.
    std::vector<std::uint64_t> popped;
    while (auto e = q.pop()) popped.push_back(e->payload);
    std::vector<std::uint64_t> expected{0};
    for (std::uint64_t r = 0; r < 7; ++r)
      for (std::uint64_t i = 1; i <= 50; ++i)
        if (i % 7 == r) expected.push_back(i);
    CHECK(popped == expected);
    CHECK(q.empty());
    // Every old id stays dead once its slot is reused.
    const TimerId fresh = q.push(at(200), nop, 7);
    for (const TimerId old : ids) CHECK(!q.cancel(old));
    CHECK(!q.cancel(far));
    CHECK(q.cancel(fresh));
    CHECK(!q.pop().has_value());
  }

  TEST_CASE("a cancelled entry whose slot now holds a later event is dropped, not delivered as that event") {
    // cancel frees the slot at once and the next push takes it, while the cancelled entry is still
    // queued ahead of the new event: when it reaches the front it must be dropped, and the new
    // event must come at its own time, once.
    sim::EventQueue q;
    struct Nop final : TimerTarget {
      void on_timer(std::uint64_t) override {}
    } a, b;
    q.push(at(0), a, 0);                             // FIFO
    const TimerId stale = q.push(at(50), a, 50);     // FIFO, behind it
    const TimerId stale_heap = q.push(at(10), a, 10);  // out of order: heap
    q.push(at(5), a, 5);                             // heap, stays live
    CHECK(q.cancel(stale));
    CHECK(q.cancel(stale_heap));
    const TimerId late = q.push(at(100), b, 100);    // reuses a freed slot
    const TimerId later = q.push(at(90), b, 90);     // reuses the other
    CHECK(q.size() == 4);
    std::vector<std::pair<std::int64_t, std::uint64_t>> popped;
    std::vector<TimerTarget*> targets;
    while (auto e = q.pop()) {
      popped.emplace_back(e->time.micros() / 1'000'000, e->payload);
      targets.push_back(e->target);
    }
    CHECK(popped == std::vector<std::pair<std::int64_t, std::uint64_t>>{{0, 0}, {5, 5}, {90, 90}, {100, 100}});
    CHECK(targets == std::vector<TimerTarget*>{&a, &a, &b, &b});
    CHECK(!q.cancel(late));
    CHECK(!q.cancel(later));
    CHECK(!q.cancel(stale));
  }

  TEST_CASE("after a pop from the heap, pushes, pops, cancels and next_time see the delivered event gone") {
    // pop leaves the heap's root in place for the next push into the heap to overwrite; every
    // other operation must behave as if it had been removed. (Which events go to the FIFO and which
    // to the heap is noted for the reader; only the order is observable.)
    sim::EventQueue q;
    struct Nop final : TimerTarget {
      void on_timer(std::uint64_t) override {}
    } nop;
    const auto push = [&](std::int64_t t, std::uint64_t payload) { return q.push(at(t), nop, payload); };
    push(0, 0);                        // FIFO
    push(5, 5);                        // FIFO: nothing in the heap yet
    const TimerId four = push(4, 4);  // heap: before the FIFO's back
    std::vector<TimerId> later;       // 6 .. 20: heap, later than its top
    for (std::int64_t t = 6; t <= 20; ++t) later.push_back(push(t, static_cast<std::uint64_t>(t)));
    CHECK(q.pop()->payload == 0);
    CHECK(q.pop()->payload == 4);  // from the heap: its root stays in place
    CHECK(!q.cancel(four));        // delivered, so no longer pending
    CHECK(q.size() == 16);
    REQUIRE(q.next_time().has_value());
    CHECK(*q.next_time() == at(5));
    CHECK(q.pop()->payload == 5);  // the FIFO is now empty
    CHECK(q.pop()->payload == 6);  // root taken, FIFO empty
    push(6, 600);                  // due now: FIFO
    push(9, 900);                  // heap: overwrites the taken root
    CHECK(q.pop()->payload == 600);
    CHECK(q.pop()->payload == 7);
    CHECK(q.pop()->payload == 8);    // two pops in a row, no push in between
    CHECK(q.cancel(later[9 - 6]));   // cancel the next event while the root is taken
    push(8, 800);                    // due now, FIFO empty: FIFO
    push(8, 801);                    // FIFO, after it
    CHECK(q.size() == 14);  // 10 .. 20, 900, 800, 801
    std::vector<std::uint64_t> rest;
    while (auto r = q.pop()) rest.push_back(r->payload);
    CHECK(rest == std::vector<std::uint64_t>{800, 801, 900, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
    CHECK(q.empty());
  }

  TEST_CASE("the hold model on a heap larger than the cache matches a reference priority queue") {
    // Enough pending events (2^15) that the sift-down takes its prefetching path. Each hold pops
    // the earliest event and pushes it again a random delay later; some delays are 0 (FIFO), and
    // times are coarse so that ties are frequent.
    sim::EventQueue q;
    struct Nop final : TimerTarget {
      void on_timer(std::uint64_t) override {}
    } nop;
    std::map<std::pair<std::int64_t, std::uint64_t>, std::uint64_t> reference;  // (time, push number) -> payload
    Rng rng(7);
    std::uint64_t pushes = 0;
    const auto push = [&](std::int64_t t, std::uint64_t payload) {
      q.push(SimTime::from_micros(t), nop, payload);
      reference.emplace(std::pair{t, pushes++}, payload);
    };
    constexpr std::uint64_t kPending = std::uint64_t{1} << 15;
    for (std::uint64_t i = 0; i < kPending; ++i) push(static_cast<std::int64_t>(rng.below(1000)), i);
    for (int hold = 0; hold < 100'000; ++hold) {
      const auto e = q.pop();
      REQUIRE(e.has_value());
      const auto first = reference.begin();
      REQUIRE(e->time.micros() == first->first.first);
      REQUIRE(e->payload == first->second);
      reference.erase(first);
      push(e->time.micros() + static_cast<std::int64_t>(rng.below(8) == 0 ? 0 : rng.below(1000)), e->payload);
    }
    CHECK(q.size() == kPending);
    std::int64_t last = -1;
    while (auto e = q.pop()) {
      REQUIRE(e->payload == reference.begin()->second);
      CHECK(e->time.micros() >= last);
      last = e->time.micros();
      reference.erase(reference.begin());
    }
    CHECK(reference.empty());
  }

  TEST_CASE("cancelling every other event of a large heap leaves the rest in order") {
    // Enough events for a several-level 4-ary heap; half cancelled, the stale entries spread over
    // every level.
    sim::EventQueue q;
    struct Nop final : TimerTarget {
      void on_timer(std::uint64_t) override {}
    } nop;
    constexpr std::uint64_t kCount = 5000;
    std::vector<TimerId> ids;
    for (std::uint64_t i = 0; i < kCount; ++i) {
      // A permutation of 0 .. kCount-1 (7919 is prime, coprime to kCount): times arrive out of order.
      const auto t = static_cast<std::int64_t>((i * 7919) % kCount);
      ids.push_back(q.push(SimTime::from_micros(t), nop, i));
    }
    for (std::uint64_t i = 0; i < kCount; i += 2) CHECK(q.cancel(ids[i]));
    CHECK(q.size() == kCount / 2);
    std::int64_t last = -1;
    std::uint64_t count = 0;
    while (auto e = q.pop()) {
      CHECK(e->payload % 2 == 1);
      CHECK(e->time.micros() == static_cast<std::int64_t>((e->payload * 7919) % kCount));
      CHECK(e->time.micros() > last);
      last = e->time.micros();
      ++count;
    }
    CHECK(count == kCount / 2);
  }
}
