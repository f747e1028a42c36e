// `orchsim runs [--db F] [--limit N]` lists the runs of a run history (newest first);
// `orchsim runs show ID [--db F]` prints one run: its timing, tasks, attempts (exit codes, log
// paths), alerts and table versions. The history is the SQLite file `orchsim exec` and
// `compare --db` write (engine/live/run_history.h; schema in docs/exec.md); the default is
// out/runs/runs.sqlite, exec's default run directory. A missing file, one that is not a run history or
// an unknown run is bad input (exit 2). Called on the CLI's thread.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace orchsim::cli {

// Where `orchsim exec` keeps its runs unless told (--run-dir), and the history file in it.
inline constexpr const char* kDefaultRunDir = "out/runs";
inline constexpr const char* kRunHistoryFile = "runs.sqlite";
inline std::filesystem::path default_run_history(const std::filesystem::path& run_dir = kDefaultRunDir) {
  return run_dir / kRunHistoryFile;
}

int runs(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
