// Condition: the `condition_task {op, left, right}` of a Databricks job, evaluated by the Engine
// when the task runs (no compute, no retries). Its outcome "true"/"false" gates the edges that
// carry an `outcome` (engine/dag.h EdgeGate). Pure functions; no thread affinity.
//
// Comparison follows the Databricks docs: EQUAL_TO and NOT_EQUAL compare the operands as strings
// ("12.0" == "12" is false); the ordering operators compare them as numbers ("12.0" >= "12" is
// true). An ordering operator with an operand that is not entirely a decimal number (no
// surrounding spaces, no trailing text) has no outcome: the condition task FAILS, it does not
// guess. An operand written as a reference "{{…}}" is resolved at run time through a
// ValueResolver; an unresolvable reference also fails the task.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/ids.h"

namespace orchsim {

enum class ConditionOp : std::uint8_t {
  kEqualTo,
  kNotEqual,
  kGreaterThan,
  kGreaterThanOrEqual,
  kLessThan,
  kLessThanOrEqual,
};

struct Condition {
  ConditionOp op = ConditionOp::kEqualTo;
  std::string left;
  std::string right;

  bool operator==(const Condition&) const = default;
};

// Jobs API names: "EQUAL_TO", "NOT_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN",
// "LESS_THAN_OR_EQUAL".
std::optional<ConditionOp> parse_condition_op(std::string_view text);
// The Jobs API name of `op` (the inverse of parse_condition_op).
const char* to_string(ConditionOp op);

// The outcome for resolved operands, or nullopt when a numeric comparison has a non-number.
std::optional<bool> evaluate(ConditionOp op, std::string_view left, std::string_view right);

// True for an operand of the form "{{…}}" (a run-time reference such as {{tasks.t.values.k}}).
bool is_reference(std::string_view operand);

// Resolves run-time references of condition operands: job parameters and task values live, a
// modelled draw in simulation. Called on the loop thread.
class ValueResolver {
 public:
  virtual ~ValueResolver() = default;
  // The value of `reference` (the full "{{…}}" text) for `run`, or nullopt if it has none.
  virtual std::optional<std::string> resolve(RunId run, std::string_view reference) = 0;
};

}  // namespace orchsim
