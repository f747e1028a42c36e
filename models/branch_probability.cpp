#include "models/branch_probability.h"

#include <fmt/format.h>

#include "engine/parse_number.h"

namespace orchsim::models {

namespace {

constexpr std::string_view kPrefix = "{{orchsim.branch_probability=";
constexpr std::string_view kSuffix = "}}";

}  // namespace

std::string branch_reference(double p) { return fmt::format("{}{}{}", kPrefix, p, kSuffix); }

std::optional<double> parse_branch_reference(std::string_view reference) {
  if (!reference.starts_with(kPrefix) || !reference.ends_with(kSuffix)) return std::nullopt;
  reference.remove_prefix(kPrefix.size());
  reference.remove_suffix(kSuffix.size());
  const std::optional<double> p = parse_number(reference);
  if (!p || *p < 0 || *p > 1) return std::nullopt;
  return p;
}

}  // namespace orchsim::models
