// The table manifest a task may stage beside a table's files (engine/live/table_staging.h):
// `_manifest.json` = {"rows": N, "columns": ["a", ...]}, both keys optional, no other key. Read by
// the file-backed table store (recorded in each commit) and by check_manifests, the row-count and
// schema part of a task's quality gate (engine/task_command.h), which `orchsim exec` runs after an
// attempt succeeds and before its tables are committed. Loop thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/live/dir_handle.h"
#include "engine/task_command.h"

namespace orchsim::live {

struct Manifest {
  std::optional<std::uint64_t> rows;
  std::optional<std::vector<std::string>> columns;
};

// The manifest of one staged table directory: nullopt when there is none; throws
// TableStoreError (naming the file, with line:col for a JSON syntax error) when it is malformed.
std::optional<Manifest> read_manifest(const DirHandle& staged_table);

// Why the staged tables of one attempt fail `gate`'s row-count and column expectations, or
// nullopt when they pass (or the gate has none). `staged_dir` is the attempt's staging directory
// (staging_dir(invocation_dir, attempt)); each of `tables` must have been staged there with a
// manifest saying what the gate asks. The gate's command is run by the process runner, not here.
std::optional<std::string> check_manifests(const QualityGate& gate, const std::filesystem::path& staged_dir,
                                           std::span<const std::string> tables);

}  // namespace orchsim::live
