// A condition task whose outcome is only known as a probability (a Databricks condition on a
// runtime value, with `conditions.<task>.probability` in the import profile): the importer writes
// the condition as EQUAL_TO(branch_reference(p), "true"), and the simulated world's ValueResolver
// (sim/world/sim_branch_values.h) resolves that reference to "true" with probability p, drawn per
// evaluation from its own random stream. Pure functions; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace orchsim::models {

// "{{orchsim.branch_probability=0.3}}" for p = 0.3 (shortest text that reads back as p).
std::string branch_reference(double p);
// p of such a reference; nullopt for any other text or a p outside [0, 1].
std::optional<double> parse_branch_reference(std::string_view reference);

}  // namespace orchsim::models
