#include "reports/file_stem.h"

#include <cctype>
#include <set>

#include <fmt/format.h>

namespace orchsim::reports {

std::string file_stem(std::string_view name, std::string_view fallback) {
  std::string out;
  for (char c : name.substr(0, kMaxFileStem)) {
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_';
  }
  return out.empty() ? std::string(fallback) : out;
}

std::vector<std::string> unique_file_stems(const std::vector<std::string>& names) {
  std::vector<std::string> stems;
  std::set<std::string> taken;
  for (const auto& name : names) {
    const std::string stem = file_stem(name);
    std::string candidate = stem;
    for (int k = 2; taken.count(candidate); ++k) candidate = fmt::format("{}-{}", stem, k);
    taken.insert(candidate);
    stems.push_back(std::move(candidate));
  }
  return stems;
}

}  // namespace orchsim::reports
