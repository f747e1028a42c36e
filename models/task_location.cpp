#include "models/task_location.h"

#include <deque>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace orchsim::models {

namespace {

// Every name a SharedFileName was made from, once each; id 0 is the empty name.
class FileNameTable {
 public:
  std::uint32_t id(std::string_view name) {
    const std::lock_guard lock(mutex_);
    if (const auto it = ids_.find(name); it != ids_.end()) return it->second;
    if (names_.size() > UINT32_MAX) throw std::length_error("SharedFileName: too many file names");
    const auto id = static_cast<std::uint32_t>(names_.size());
    ids_.emplace(names_.emplace_back(name), id);
    return id;
  }

  // A deque's elements stay where they are as it grows, so the reference outlives the lock.
  const std::string& name(std::uint32_t id) {
    const std::lock_guard lock(mutex_);
    return names_[id];
  }

 private:
  std::mutex mutex_;
  std::deque<std::string> names_{std::string()};
  std::unordered_map<std::string_view, std::uint32_t> ids_{{std::string_view(), 0}};  // views of names_
};

FileNameTable& file_names() {
  static FileNameTable table;
  return table;
}

}  // namespace

SharedFileName::SharedFileName(std::string_view name) : id_(file_names().id(name)) {}

const std::string& SharedFileName::str() const { return file_names().name(id_); }

}  // namespace orchsim::models
