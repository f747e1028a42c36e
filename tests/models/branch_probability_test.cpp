#include "models/branch_probability.h"

#include <doctest/doctest.h>

namespace orchsim::models {
namespace {

TEST_CASE("a branch probability reads back exactly from its reference") {
  for (double p : {0.0, 0.3, 0.1 + 0.2, 1.0}) {
    CHECK(parse_branch_reference(branch_reference(p)) == std::optional(p));
  }
  CHECK(branch_reference(0.25) == "{{orchsim.branch_probability=0.25}}");
  CHECK_FALSE(parse_branch_reference("{{job.parameters.x}}").has_value());
  CHECK_FALSE(parse_branch_reference("{{orchsim.branch_probability=1.5}}").has_value());
  CHECK_FALSE(parse_branch_reference("{{orchsim.branch_probability=x}}").has_value());
}

}  // namespace
}  // namespace orchsim::models
