// read_input_file: the whole text of a scenario, sweep or trace file, or an InputError naming the
// file and why it cannot be read (missing, a directory, unreadable). Used by every loader and
// importer; any thread.
#pragma once

#include <string>
#include <string_view>

namespace orchsim::sim {

// `what` names the file's role in the message: "cannot open the scenario file: …".
std::string read_input_file(const std::string& path, std::string_view what);

}  // namespace orchsim::sim
