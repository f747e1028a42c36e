// GlobPattern: a bundle `include:` glob ('*' and '?' within a path segment, '[a-z]'/'[!x]' classes,
// '**' for any number of folders) split into its segments once, to be matched against many paths.
// Matching is polynomial in the pattern and path lengths, whatever the pattern. Pure; any thread.
#pragma once

#include <string_view>
#include <vector>

namespace orchsim::sim {

// Views into the pattern text, which must outlive it.
class GlobPattern {
 public:
  explicit GlobPattern(std::string_view pattern);
  // Does `path` ('/'-separated, relative) match?
  bool matches(std::string_view path) const;

 private:
  std::vector<std::string_view> parts_;
};

// Does `path` ('/'-separated, relative) match the glob `pattern`?
bool glob_match(std::string_view pattern, std::string_view path);

// The non-empty segments of a '/'-separated path, '.' segments left out.
std::vector<std::string_view> glob_segments(std::string_view path);

}  // namespace orchsim::sim
