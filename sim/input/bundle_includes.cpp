#include "sim/input/bundle_includes.h"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

namespace orchsim::sim {

namespace fs = std::filesystem;

namespace {

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = s.find('/', start);
    const std::string_view part = s.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!part.empty() && part != ".") parts.push_back(part);
    if (slash == std::string_view::npos) return parts;
    start = slash + 1;
  }
}

// At p[i] == '[': the index just past its closing ']', or npos when it never closes (then the '['
// is a literal character). A ']' right after '[' (or after '[!') belongs to the class.
std::size_t class_end(std::string_view p, std::size_t i) {
  std::size_t j = i + 1;
  if (j < p.size() && (p[j] == '!' || p[j] == '^')) ++j;
  if (j < p.size() && p[j] == ']') ++j;
  const std::size_t close = p.find(']', j);
  return close == std::string_view::npos ? close : close + 1;
}

// `body` is what stands between '[' and ']': characters and ranges, negated by a leading '!' or '^'.
bool class_holds(std::string_view body, char c) {
  const bool negate = !body.empty() && (body[0] == '!' || body[0] == '^');
  if (negate) body.remove_prefix(1);
  bool hit = false;
  for (std::size_t j = 0; j < body.size();) {
    if (j + 2 < body.size() && body[j + 1] == '-') {
      hit = hit || (body[j] <= c && c <= body[j + 2]);
      j += 3;
    } else {
      hit = hit || body[j] == c;
      ++j;
    }
  }
  return hit != negate;
}

// One path segment against one pattern segment: '*' any run, '?' one character, '[...]' a class.
// Greedy with one backtracking point (the last '*'), so linear in practice and never exponential.
bool segment_match(std::string_view p, std::string_view s) {
  std::size_t pi = 0, si = 0, star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      const char pc = p[pi];
      if (pc == '*') {
        star_p = ++pi;
        star_s = si;
        continue;
      }
      std::size_t next = pi + 1;
      bool ok = pc == '?' || pc == s[si];
      if (const std::size_t end = pc == '[' ? class_end(p, pi) : std::string_view::npos; end != std::string_view::npos) {
        ok = class_holds(p.substr(pi + 1, end - pi - 2), s[si]);
        next = end;
      }
      if (ok) {
        pi = next;
        ++si;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p;
    si = ++star_s;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

bool match_parts(const std::vector<std::string_view>& p, std::size_t i, const std::vector<std::string_view>& s,
                 std::size_t j) {
  if (i == p.size()) return j == s.size();
  if (p[i] == "**") {
    for (std::size_t k = j; k <= s.size(); ++k) {
      if (match_parts(p, i + 1, s, k)) return true;
    }
    return false;
  }
  return j < s.size() && segment_match(p[i], s[j]) && match_parts(p, i + 1, s, j + 1);
}

bool has_wildcard(std::string_view pattern) { return pattern.find_first_of("*?[") != std::string_view::npos; }

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  std::vector<std::string_view> p = split(pattern);
  // Consecutive '**' match what one does; collapsing them keeps hostile patterns polynomial.
  p.erase(std::unique(p.begin(), p.end(), [](std::string_view a, std::string_view b) { return a == "**" && b == "**"; }),
          p.end());
  return match_parts(p, 0, split(path), 0);
}

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
  for (std::string_view part : split(pattern)) {
    if (part != "..") continue;
    diagnostics_.error(entry.where, fmt::format("include '{}' leaves the bundle root ('..')", pattern));
    return;
  }
  std::vector<std::string> matches;
  if (has_wildcard(pattern)) {
    for (const std::string& file : walk(entry.where)) {
      if (glob_match(pattern, file)) matches.push_back(file);
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
