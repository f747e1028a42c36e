// Test helpers for the file-backed table store: a fresh temporary directory per test, and the
// staging a task's process would do (engine/live/table_staging.h).
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "engine/ids.h"
#include "engine/live/table_staging.h"

namespace orchsim::testing {

// A directory removed (with its content) at the end of the scope.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag, const std::filesystem::path& base = std::filesystem::temp_directory_path()) {
    static std::atomic<int> counter{0};
    path = base / fmt::format("orchsim-{}-{}-{}", tag, ::getpid(), counter++);
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Stages `files` (path under the table -> content) as table `table` of `attempt`.
inline std::filesystem::path stage(const std::filesystem::path& invocation, std::uint32_t attempt, const std::string& table,
                                   const std::map<std::string, std::string>& files) {
  const std::filesystem::path dir = live::staging_dir(invocation, AttemptId(attempt)) / table;
  std::filesystem::create_directories(dir);
  for (const auto& [path, content] : files) write_text(dir / path, content);
  return dir;
}

}  // namespace orchsim::testing
