// TaskLocation: where a workload task is written (file, line, column), held by every
// models::WorkloadTask. The file's name is one string shared by the tasks of that file, not a copy
// per task (a 100,000-task scenario kept 3 MB of copies of its path); it converts to and from the
// SourceLocation that diagnostics take. Plain value type: copies share the immutable name, so it may
// be read from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "engine/error.h"

namespace orchsim::models {

// An immutable file name that copies share; reads as a const std::string&.
class SharedFileName {
 public:
  SharedFileName() = default;
  SharedFileName(const char* name) : SharedFileName(std::string(name)) {}  // NOLINT: like a std::string
  // Explicit, so that `cond ? std::string() : where.file` has one meaning.
  explicit SharedFileName(std::string name)
      : name_(name.empty() ? nullptr : std::make_shared<const std::string>(std::move(name))) {}

  const std::string& str() const {
    static const std::string kNone;
    return name_ ? *name_ : kNone;
  }
  operator const std::string&() const { return str(); }  // NOLINT: read where a string is
  bool empty() const { return name_ == nullptr; }

  friend bool operator==(const SharedFileName& a, const SharedFileName& b) { return a.str() == b.str(); }
  friend bool operator==(const SharedFileName& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const SharedFileName& a, const char* b) { return a.str() == b; }

 private:
  std::shared_ptr<const std::string> name_;  // null for no file
};

struct TaskLocation {
  TaskLocation() = default;
  TaskLocation(SharedFileName file_name, int line_number, int column_number)
      : file(std::move(file_name)), line(line_number), column(column_number) {}
  // Its own copy of the name: a reader with many tasks in one file shares one SharedFileName instead.
  TaskLocation(const SourceLocation& where)  // NOLINT: a SourceLocation is a task's location
      : file(where.file), line(where.line), column(where.column) {}
  operator SourceLocation() const { return {file.str(), line, column}; }  // NOLINT: what diagnostics take

  SharedFileName file;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
};

}  // namespace orchsim::models
