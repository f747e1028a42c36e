#include "sim/input/bundle_includes.h"

#include "sim/input/glob_pattern.h"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

namespace orchsim::sim {

namespace fs = std::filesystem;

namespace {

bool has_wildcard(std::string_view pattern) { return pattern.find_first_of("*?[") != std::string_view::npos; }

}  // namespace

BundleIncludes::BundleIncludes(std::string root_dir, const std::string& root_file, Diagnostics& diagnostics)
    : root_dir_(std::move(root_dir)), diagnostics_(diagnostics) {
  std::error_code ec;
  canonical_root_ = fs::weakly_canonical(root_dir_.empty() ? fs::path(".") : fs::path(root_dir_), ec);
  const fs::path root_file_canonical = fs::weakly_canonical(root_file, ec);
  if (!ec) seen_.push_back(root_file_canonical);
}

std::string BundleIncludes::display(const std::string& relative) const {
  return root_dir_.empty() || root_dir_ == "." ? relative : (fs::path(root_dir_) / relative).generic_string();
}

bool BundleIncludes::inside_root(const fs::path& path) const {
  const auto [root_end, path_it] = std::mismatch(canonical_root_.begin(), canonical_root_.end(), path.begin(), path.end());
  return root_end == canonical_root_.end();
}

const std::vector<std::string>& BundleIncludes::walk(const SourceLocation& from) {
  if (walked_) return files_;
  walked_ = true;
  std::error_code ec;
  const fs::path root = root_dir_.empty() ? fs::path(".") : fs::path(root_dir_);
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  std::size_t entries = 0;
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (++entries > kMaxBundleWalkEntries) {
      diagnostics_.error(from, fmt::format("the bundle folder holds more than {} entries: include patterns are "
                                           "not matched beyond them", kMaxBundleWalkEntries));
      break;
    }
    const std::string name = it->path().filename().string();
    if (it->is_directory(ec) && !it->is_symlink(ec) && (name == ".git" || name == ".databricks")) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) files_.push_back(it->path().lexically_relative(root).generic_string());
  }
  std::sort(files_.begin(), files_.end());
  return files_;
}

std::vector<BundleIncludes::File> BundleIncludes::expand(const ConfigNode& include) {
  std::vector<File> out;
  if (include.is_null()) return out;
  if (!include.is_sequence()) {
    diagnostics_.error(include.where, fmt::format("'include' takes a list of paths or globs, got {}", include.kind_name()));
    return out;
  }
  for (const ConfigNode& entry : include.items) expand_entry(entry, out);
  return out;
}

void BundleIncludes::expand_entry(const ConfigNode& entry, std::vector<File>& out) {
  if (!entry.is_scalar() || entry.scalar.empty()) {
    diagnostics_.error(entry.where, "an 'include' entry is a path or a glob relative to the bundle root");
    return;
  }
  const std::string& pattern = entry.scalar;
  const fs::path as_path(pattern);
  if (pattern.front() == '/' || as_path.is_absolute() || as_path.has_root_name()) {
    diagnostics_.error(entry.where, fmt::format("include '{}' is absolute: includes are relative to the bundle root", pattern));
    return;
  }
  for (std::string_view part : glob_segments(pattern)) {
    if (part != "..") continue;
    diagnostics_.error(entry.where, fmt::format("include '{}' leaves the bundle root ('..')", pattern));
    return;
  }
  std::vector<std::string> matches;
  if (has_wildcard(pattern)) {
    const GlobPattern glob(pattern);
    for (const std::string& file : walk(entry.where)) {
      if (glob.matches(file)) matches.push_back(file);
    }
  } else if (std::error_code ec; fs::is_regular_file(fs::path(root_dir_.empty() ? "." : root_dir_) / pattern, ec)) {
    matches.push_back(fs::path(pattern).lexically_normal().generic_string());
  }
  if (matches.empty()) {
    diagnostics_.error(entry.where, fmt::format("include '{}' matches no file under the bundle root", pattern));
    return;
  }
  for (const std::string& relative : matches) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(fs::path(root_dir_.empty() ? "." : root_dir_) / relative, ec);
    if (ec || !inside_root(canonical)) {
      diagnostics_.error(entry.where, fmt::format("include '{}': '{}' is a link out of the bundle root", pattern, relative));
      continue;
    }
    if (std::find(seen_.begin(), seen_.end(), canonical) != seen_.end()) continue;
    if (seen_.size() > kMaxIncludedFiles) {
      diagnostics_.error(entry.where, fmt::format("include '{}': a bundle may include at most {} files", pattern,
                                                  kMaxIncludedFiles));
      return;
    }
    seen_.push_back(canonical);
    out.push_back({display(relative), entry.where});
  }
}

}  // namespace orchsim::sim
