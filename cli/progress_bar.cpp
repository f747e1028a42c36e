#include "cli/progress_bar.h"

#include <unistd.h>

#include <ostream>

#include <fmt/format.h>

namespace orchsim::cli {

namespace {
constexpr auto kQuiet = std::chrono::seconds(1);          // runs shorter than this draw nothing
constexpr auto kRedraw = std::chrono::milliseconds(100);  // at most ten redraws a second
constexpr int kWidth = 40;
}  // namespace

ProgressBar::ProgressBar(std::ostream& err, bool enabled, std::string what)
    : err_(err), enabled_(enabled), what_(std::move(what)), started_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { finish(); }

bool ProgressBar::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void ProgressBar::update(std::size_t done, std::size_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - started_ < kQuiet || (drawn_ && now - last_draw_ < kRedraw && done < total)) return;
  last_draw_ = now;
  drawn_ = true;
  const int filled = static_cast<int>(kWidth * done / total);
  std::string bar;
  for (int i = 0; i < kWidth; ++i) bar += i < filled ? "█" : "░";
  const double seconds = std::chrono::duration<double>(now - started_).count();
  err_ << fmt::format("\r[{}] {} {}/{}  {:.1f} s", bar, what_, done, total, seconds) << std::flush;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  err_ << "\r\033[2K" << std::flush;
  drawn_ = false;
}

}  // namespace orchsim::cli
