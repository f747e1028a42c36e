// ProgressBar: a one-line bar on stderr for long runs. It draws only when stderr is a terminal and
// the run has lasted more than about a second, so short runs and CI logs stay clean. Called from
// the thread that runs the experiment (ExperimentOptions::progress); reads the wall clock, which
// only the CLI may do.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>

namespace orchsim::cli {

class ProgressBar {
 public:
  // `enabled`: whether drawing is allowed at all (the CLI passes "stderr is a TTY").
  ProgressBar(std::ostream& err, bool enabled, std::string what);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::size_t done, std::size_t total);
  // Clears the line if anything was drawn.
  void finish();

  // True when the process's stderr is a terminal.
  static bool stderr_is_terminal();

 private:
  std::ostream& err_;
  bool enabled_;
  std::string what_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace orchsim::cli
