#include "engine/condition.h"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace orchsim {

namespace {

constexpr std::array<std::pair<ConditionOp, const char*>, 6> kNames{{
    {ConditionOp::kEqualTo, "EQUAL_TO"},
    {ConditionOp::kNotEqual, "NOT_EQUAL"},
    {ConditionOp::kGreaterThan, "GREATER_THAN"},
    {ConditionOp::kGreaterThanOrEqual, "GREATER_THAN_OR_EQUAL"},
    {ConditionOp::kLessThan, "LESS_THAN"},
    {ConditionOp::kLessThanOrEqual, "LESS_THAN_OR_EQUAL"},
}};

std::optional<double> number(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

std::optional<ConditionOp> parse_condition_op(std::string_view text) {
  for (const auto& [o, name] : kNames) if (text == name) return o;
  return std::nullopt;
}

const char* to_string(ConditionOp op) {
  for (const auto& [o, name] : kNames) {
    if (o == op) return name;
  }
  return "EQUAL_TO";
}

std::optional<bool> evaluate(ConditionOp op, std::string_view left, std::string_view right) {
  if (op == ConditionOp::kEqualTo) return left == right;
  if (op == ConditionOp::kNotEqual) return left != right;
  const auto l = number(left);
  const auto r = number(right);
  if (!l || !r) return std::nullopt;
  switch (op) {
    case ConditionOp::kGreaterThan: return *l > *r;
    case ConditionOp::kGreaterThanOrEqual: return *l >= *r;
    case ConditionOp::kLessThan: return *l < *r;
    case ConditionOp::kLessThanOrEqual: return *l <= *r;
    default: return std::nullopt;
  }
}

bool is_reference(std::string_view operand) {
  return operand.size() >= 4 && operand.substr(0, 2) == "{{" && operand.substr(operand.size() - 2) == "}}";
}

}  // namespace orchsim
