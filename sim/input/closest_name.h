// closest_name: the candidate nearest to a misspelt name (Levenshtein distance), for the "did you
// mean" of the readers' messages: the bundle loader, the variable resolver and YamlReader.
// Pure; any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace orchsim::sim {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The nearest candidate within `max_distance` edits (by default a third of the name, at least 2),
// or empty when none is that near.
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates,
                         std::size_t max_distance = 0);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace orchsim::sim
