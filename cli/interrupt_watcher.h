// InterruptWatcher: turns SIGINT and SIGTERM into calls on an ordinary thread for `orchsim exec`.
// The signal handler only writes a byte to a pipe (async-signal-safe, the self-pipe trick); a
// watcher thread reads it and calls on_interrupt(n) with n = 1 for the first signal, 2 for the
// second, … — the callback must hand the work to the loop thread itself (post_from_any_thread).
// Signal handlers are process-wide, so at most one watcher may exist at a time; the previous
// handlers are restored when it is destroyed.
#pragma once

#include <signal.h>

#include <functional>
#include <thread>

namespace orchsim::cli {

class InterruptWatcher {
 public:
  explicit InterruptWatcher(std::function<void(int count)> on_interrupt);
  ~InterruptWatcher();
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

 private:
  int pipe_[2] = {-1, -1};
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
  std::thread thread_;
};

}  // namespace orchsim::cli
