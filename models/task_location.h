// TaskLocation: where a workload task is written (file, line, column), held by every
// models::WorkloadTask. The file's name is a 4-byte id into a table of the names the process has
// read, not a copy per task (a 100,000-task scenario kept 3 MB of copies of its path) nor a shared
// pointer to one (16 bytes a task); it converts to and from the SourceLocation that diagnostics
// take. Plain value type; the table is locked, so it may be read and made from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/error.h"

namespace orchsim::models {

// A file name, interned: equal names have equal ids, and every name is kept for the life of the
// process (a run reads a handful of files). Reads as a const std::string&.
class SharedFileName {
 public:
  SharedFileName() = default;
  SharedFileName(const char* name) : SharedFileName(std::string_view(name)) {}  // NOLINT: like a std::string
  // Explicit, so that `cond ? std::string() : where.file` has one meaning.
  explicit SharedFileName(std::string_view name);

  const std::string& str() const;
  operator const std::string&() const { return str(); }  // NOLINT: read where a string is
  bool empty() const { return id_ == 0; }

  friend bool operator==(const SharedFileName& a, const SharedFileName& b) { return a.id_ == b.id_; }
  friend bool operator==(const SharedFileName& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const SharedFileName& a, const char* b) { return a.str() == b; }

 private:
  std::uint32_t id_ = 0;  // 0: no file
};

// 12 bytes (tests/models/task_location_test.cpp).
struct TaskLocation {
  TaskLocation() = default;
  TaskLocation(SharedFileName file_name, int line_number, int column_number)
      : file(file_name), line(line_number), column(column_number) {}
  TaskLocation(const SourceLocation& where)  // NOLINT: a SourceLocation is a task's location
      : file(where.file), line(where.line), column(where.column) {}
  operator SourceLocation() const { return {file.str(), line, column}; }  // NOLINT: what diagnostics take

  SharedFileName file;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
};

}  // namespace orchsim::models
