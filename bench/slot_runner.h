// SlotRunner: a TaskRunner with S identical slots and no cluster model, for the engine benchmarks
// and the orchsim peer driver (bench/peers). Attempts take a free slot at once or wait in one FIFO
// queue in the order the engine started them; an attempt's length and outcome come from the
// W2Workload (attempt i fails at its drawn offset when i <= the task's failed attempts). When an
// attempt ends, its slot goes to the head of the queue before the engine hears of the end, so
// tasks that became ready earlier start first. Drives the real Engine through SimulatedRuntime.
// Given the engine (prefetch_for), it pulls the engine state a queued attempt will touch into the
// cache a few hand-overs before the attempt starts: W2's large DAGs miss it otherwise.
// Single-threaded: every call on the runtime's loop thread.
#pragma once

#include <cstdint>
#include <vector>

#include "bench/w2_workload.h"
#include "engine/engine.h"
#include "engine/runtime.h"
#include "engine/task_runner.h"

namespace orchsim::bench {

class SlotRunner final : public TaskRunner, public TimerTarget {
 public:
  // `workload` must outlive the runner; TaskId i of the job is workload task i.
  SlotRunner(Runtime& runtime, const W2Workload& workload);

  void start(const AttemptRequest& request, AttemptObserver& observer) override;
  // Frees the attempt's slot (or drops it from the queue); the queue head gets the slot.
  void kill(AttemptId attempt) override;
  void release(RunId, ComputeId) override {}
  void on_timer(std::uint64_t payload) override;
  // The engine whose state announce() prefetches (Engine::prefetch_attempt). Optional; `engine`
  // must outlive the runner.
  void prefetch_for(const Engine& engine) { engine_ = &engine; }

  std::uint64_t attempts_started() const { return attempts_started_; }

 private:
  enum class Notice : std::uint32_t { kEnd, kRunning };
  struct Waiting {
    AttemptId attempt;
    TaskId task;
    std::uint32_t number;
    AttemptObserver* observer;
  };
  struct Slot {
    AttemptId attempt;  // invalid while free
    bool fails = false;
    AttemptObserver* observer = nullptr;
    SimTime ends_at;  // when `end` fires (its callback needs no now())
    TimerId end;
    TimerId running;  // the posted attempt_running notice, while pending
  };

  void start_on_free_slot(const Waiting& w);
  // Puts `w` on slot `s` and schedules its end; the caller reports it running.
  void occupy(std::uint32_t s, const Waiting& w, SimTime now);
  // How many hand-overs ahead a queued attempt is announced (see announce()).
  static constexpr std::size_t kLookahead = 4;
  void announce(const Waiting& w) const;
  // Gives a freed slot to the queue head, if any (else clears it). `notify_now`: report running
  // directly (we are inside a runtime callback) rather than through a posted notice.
  void hand_over(std::uint32_t s, bool notify_now, SimTime now);
  void enqueue(const Waiting& w) {
    if (queued_ == queue_.size()) grow_queue();
    queued(queued_++) = w;
  }
  void grow_queue();
  Waiting& queued(std::size_t i) { return queue_[(queue_head_ + i) & (queue_.size() - 1)]; }
  static std::uint64_t encode(Notice n, std::uint32_t slot) {
    return (static_cast<std::uint64_t>(n) << 32) | slot;
  }

  Runtime& runtime_;
  const W2Workload& workload_;
  const Engine* engine_ = nullptr;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  // FIFO ring: queued_ entries from queue_head_, wrapping; the size is a power of two (a vector,
  // not a deque: one push and one pop per attempt, and no block bookkeeping).
  std::vector<Waiting> queue_ = std::vector<Waiting>(64);
  std::size_t queue_head_ = 0;
  std::size_t queued_ = 0;
  std::uint64_t attempts_started_ = 0;
};

}  // namespace orchsim::bench
