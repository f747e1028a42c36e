// `orchsim tables DIR [--table NAME] [--json] [--verify]`: the versions of the file-backed table
// store at DIR (engine/live/file_table_store.h) that `orchsim exec` writes: per table its current
// version and every version's kind, time, run/task/attempt, files, rows and restore source. Reads
// only (a pending multi-table commit is shown as the store's recovery rule decides, without
// writing); --verify re-hashes every data file. A missing, corrupt or damaged store is exit 2.
// Called on the CLI's thread.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace orchsim::cli {

int tables_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
