// The one thread pool: every index once, results in their own slots whatever the thread count,
// the lowest failing index's exception rethrown on the caller after every thread stopped, and
// progress on the calling thread. Thread counts are fixed; no sleeps.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/experiment/parallel_for.h"

using orchsim::sim::parallel_for;
using orchsim::sim::parallel_map;

TEST_SUITE("sim.experiment.parallel_for") {
  TEST_CASE("every index runs exactly once, at 1, 2, 4 and 0 (= all) threads") {
    for (const unsigned threads : {1u, 2u, 4u, 0u}) {
      CAPTURE(threads);
      std::vector<std::atomic<int>> runs(1000);
      parallel_for(runs.size(), threads, [&](std::size_t i) { ++runs[i]; });
      for (const auto& r : runs) CHECK(r.load() == 1);
    }
  }

  TEST_CASE("results land in their own slots: the same vector at any thread count") {
    const auto square = [](std::size_t i) { return static_cast<double>(i) * static_cast<double>(i); };
    const auto one = parallel_map<double>(257, 1, square);
    const auto many = parallel_map<double>(257, 7, square);
    CHECK(one == many);
    CHECK(one.at(16) == 256.0);
  }

  TEST_CASE("no tasks, and more threads than tasks") {
    int calls = 0;
    parallel_for(0, 4, [&](std::size_t) { ++calls; });
    CHECK(calls == 0);
    std::vector<std::atomic<int>> runs(3);
    parallel_for(runs.size(), 16, [&](std::size_t i) { ++runs[i]; });
    for (const auto& r : runs) CHECK(r.load() == 1);
  }

  TEST_CASE("the lowest failing index's exception reaches the caller; every index below it ran") {
    for (const unsigned threads : {1u, 2u, 8u}) {
      CAPTURE(threads);
      std::vector<std::atomic<int>> runs(500);
      std::string message;
      try {
        parallel_for(runs.size(), threads, [&](std::size_t i) {
          ++runs[i];
          if (i == 123 || i == 124 || i == 400) throw std::runtime_error("task " + std::to_string(i));
        });
      } catch (const std::runtime_error& e) {
        message = e.what();
      }
      CHECK(message == "task 123");
      for (std::size_t i = 0; i < 123; ++i) CHECK(runs[i].load() == 1);
      for (const auto& r : runs) CHECK(r.load() <= 1);
    }
  }

  TEST_CASE("a task that throws something other than std::exception is not lost") {
    CHECK_THROWS_AS(parallel_for(10, 3, [](std::size_t i) { if (i == 5) throw 42; }), int);
  }

  TEST_CASE("progress is reported on the calling thread, ending at (n, n)") {
    const std::thread::id caller = std::this_thread::get_id();
    for (const unsigned threads : {1u, 3u}) {
      std::vector<std::size_t> seen;
      bool on_caller = true;
      parallel_for(50, threads, [](std::size_t) {}, [&](std::size_t done, std::size_t total) {
        on_caller = on_caller && std::this_thread::get_id() == caller;
        CHECK(total == 50);
        seen.push_back(done);
      });
      CHECK(on_caller);
      REQUIRE(!seen.empty());
      CHECK(seen.back() == 50);
      CHECK(std::is_sorted(seen.begin(), seen.end()));
      if (threads == 1) {
        std::vector<std::size_t> every(50);
        std::iota(every.begin(), every.end(), 1);
        every.push_back(50);
        CHECK(seen == every);
      }
    }
  }

  TEST_CASE("no final progress call when a task failed") {
    std::size_t last = 0;
    CHECK_THROWS(parallel_for(5, 1, [](std::size_t i) { if (i == 2) throw std::runtime_error("x"); },
                              [&](std::size_t done, std::size_t) { last = done; }));
    CHECK(last == 2);
  }
}
