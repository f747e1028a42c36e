#include "cli/interrupt_watcher.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <stdexcept>

namespace orchsim::cli {

namespace {

// The write end the handler uses: a handler cannot find an object, so this one value is global.
std::atomic<int> g_signal_fd{-1};

constexpr char kSignalByte = 's';
constexpr char kStopByte = 'q';

extern "C" void on_signal(int) {
  const int saved = errno;
  const int fd = g_signal_fd.load();
  if (fd >= 0) {
    const char byte = kSignalByte;
    [[maybe_unused]] const auto n = ::write(fd, &byte, 1);
  }
  errno = saved;
}

}  // namespace

InterruptWatcher::InterruptWatcher(std::function<void(int count)> on_interrupt) {
  if (::pipe2(pipe_, O_CLOEXEC) != 0) throw std::runtime_error("cannot create the interrupt pipe");
  g_signal_fd.store(pipe_[1]);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
  thread_ = std::thread([fd = pipe_[0], on_interrupt = std::move(on_interrupt)] {
    int count = 0;
    for (;;) {
      char byte = 0;
      const auto n = ::read(fd, &byte, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || byte == kStopByte) return;
      on_interrupt(++count);
    }
  });
}

InterruptWatcher::~InterruptWatcher() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
  g_signal_fd.store(-1);
  const char byte = kStopByte;
  [[maybe_unused]] const auto n = ::write(pipe_[1], &byte, 1);
  thread_.join();
  ::close(pipe_[0]);
  ::close(pipe_[1]);
}

}  // namespace orchsim::cli
