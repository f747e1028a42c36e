// The table-write protocol of `orchsim exec` (docs/exec.md), shared by the process task runner
// (which tells the command where to write) and the file-backed table store (which commits it).
//
// An attempt's process gets ORCHSIM_TABLES_DIR = staging_dir(invocation_dir, attempt). To write
// table T it puts T's complete new content as files under <ORCHSIM_TABLES_DIR>/<T>/, optionally
// with <T>/_manifest.json = {"rows": N, "columns": ["a", ...]} for quality gates. Only when the
// attempt succeeded and its gate passed does the store commit each staged table as a new version;
// a failed attempt's staging never becomes visible. `invocation_dir` is unique per `orchsim exec`
// invocation (a repair gets its own), since attempt ids restart with each engine.
#pragma once

#include <filesystem>
#include <string>

#include "engine/ids.h"

namespace orchsim::live {

inline constexpr const char* kTablesDirVariable = "ORCHSIM_TABLES_DIR";
inline constexpr const char* kManifestFile = "_manifest.json";

inline std::filesystem::path staging_dir(const std::filesystem::path& invocation_dir, AttemptId attempt) {
  return invocation_dir / "staging" / ("attempt-" + std::to_string(attempt.value()));
}

}  // namespace orchsim::live
