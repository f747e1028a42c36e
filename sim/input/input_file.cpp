#include "sim/input/input_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "engine/error.h"

namespace orchsim::sim {

std::string read_input_file(const std::string& path, std::string_view what) {
  const auto fail = [&](std::string_view why) {
    Diagnostics diagnostics;
    diagnostics.error({path, 0, 0}, fmt::format("cannot open the {}: {}", what, why));
    diagnostics.throw_if_any();
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail("it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) fail("read error");
  return buffer.str();
}

}  // namespace orchsim::sim
