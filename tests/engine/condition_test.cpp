#include <doctest/doctest.h>

#include "engine/condition.h"

using namespace orchsim;

TEST_SUITE("engine.condition") {
  TEST_CASE("EQUAL_TO and NOT_EQUAL compare strings; the ordering operators compare numbers") {
    struct Row {
      ConditionOp op;
      const char* left;
      const char* right;
      std::optional<bool> expected;
    };
    const Row rows[] = {
        // The Databricks docs' own examples: 12.0 == 12 is false, 12.0 >= 12 is true.
        {ConditionOp::kEqualTo, "12.0", "12", false},
        {ConditionOp::kGreaterThanOrEqual, "12.0", "12", true},
        {ConditionOp::kGreaterThanOrEqual, "10.0", "12", false},
        {ConditionOp::kEqualTo, "abc", "abc", true},
        {ConditionOp::kNotEqual, "abc", "abd", true},
        {ConditionOp::kNotEqual, "1", "1", false},
        {ConditionOp::kLessThan, "2", "10", true},  // numeric (as strings "2" > "10")
        {ConditionOp::kLessThan, "-1.5", "1e-3", true},
        {ConditionOp::kLessThanOrEqual, "3", "3", true},
        // Not numbers: no outcome (the task fails).
        {ConditionOp::kGreaterThan, "abc", "1", std::nullopt},
        {ConditionOp::kGreaterThan, "1 ", "0", std::nullopt},
        {ConditionOp::kLessThan, "", "1", std::nullopt},
        {ConditionOp::kLessThan, "nan", "1", std::nullopt},
    };
    for (const Row& r : rows) {
      CAPTURE(r.left);
      CAPTURE(r.right);
      CHECK(evaluate(r.op, r.left, r.right) == r.expected);
    }
  }

  TEST_CASE("references and operator names") {
    CHECK(is_reference("{{tasks.check.values.rows}}"));
    CHECK_FALSE(is_reference("{{x"));
    CHECK_FALSE(is_reference("12"));
    CHECK(parse_condition_op("GREATER_THAN_OR_EQUAL") == ConditionOp::kGreaterThanOrEqual);
    CHECK_FALSE(parse_condition_op(">="));
  }
}
