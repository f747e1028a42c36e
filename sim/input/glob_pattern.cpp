#include "sim/input/glob_pattern.h"

#include <algorithm>

namespace orchsim::sim {

std::vector<std::string_view> glob_segments(std::string_view s) {
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

namespace {

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

}  // namespace

GlobPattern::GlobPattern(std::string_view pattern) : parts_(glob_segments(pattern)) {
  // Consecutive '**' match what one does; collapsing them keeps hostile patterns polynomial.
  parts_.erase(std::unique(parts_.begin(), parts_.end(),
                           [](std::string_view a, std::string_view b) { return a == "**" && b == "**"; }),
               parts_.end());
}

bool GlobPattern::matches(std::string_view path) const { return match_parts(parts_, 0, glob_segments(path), 0); }

bool glob_match(std::string_view pattern, std::string_view path) { return GlobPattern(pattern).matches(path); }

}  // namespace orchsim::sim
