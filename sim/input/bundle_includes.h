// BundleIncludes: the files a bundle's `include:` list names, found under the bundle root. Each
// entry is a path or a glob relative to the root (`*` and `?` within a path segment, `[a-z]`/`[!x]`
// classes, `**` for any number of folders); the matches of one entry are sorted, a file matched twice
// (or the root file itself) is read once, and nothing may leave the root: an absolute path, a `..`
// segment or a symbolic link out of the root is an error at the entry. A folder walk is capped, and
// so is the number of files included, so that a hostile bundle cannot stall the reader. Used by
// the bundle loader. Touches the file system (reads folders); any thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "sim/input/config_node.h"

namespace orchsim::sim {

inline constexpr std::size_t kMaxIncludedFiles = 1'000;
inline constexpr std::size_t kMaxBundleWalkEntries = 100'000;

class BundleIncludes {
 public:
  struct File {
    std::string path;        // as messages name it: the root folder joined with the relative path
    SourceLocation from;     // the include entry that matched it
  };

  // `root_dir` is the bundle root folder; `root_file` its configuration file (never included again).
  BundleIncludes(std::string root_dir, const std::string& root_file, Diagnostics& diagnostics);

  // The files of every entry of the `include` list, in order.
  std::vector<File> expand(const ConfigNode& include);

 private:
  void expand_entry(const ConfigNode& entry, std::vector<File>& out);
  const std::vector<std::string>& walk(const SourceLocation& from);
  bool inside_root(const std::filesystem::path& path) const;
  std::string display(const std::string& relative) const;

  std::string root_dir_;
  std::filesystem::path canonical_root_;
  std::vector<std::filesystem::path> seen_;  // canonical paths already included (and the root file)
  Diagnostics& diagnostics_;
  std::vector<std::string> files_;  // every file under the root, relative, sorted; walked on first use
  bool walked_ = false;
};

}  // namespace orchsim::sim
