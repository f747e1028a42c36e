// The hostile-input catalogue (tests/bad_inputs/EXPECTED): every bad file or option, run through the
// CLI in-process, gives its exit code and message (file:line:col when located), never a crash,
// exit 3 or a hang.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/cli_invoke.h"

using namespace orchsim;
namespace fs = std::filesystem;

namespace {

const std::string kDir = ORCHSIM_SOURCE_DIR "/tests/bad_inputs/";

struct Case {
  std::string file, command;
  int exit_code = 0;
  std::string fragment;
  std::vector<std::string> args;
};

std::string trim(const std::string& s) {
  const auto begin = s.find_first_not_of(' ');
  if (begin == std::string::npos) return {};
  return s.substr(begin, s.find_last_not_of(' ') - begin + 1);
}

std::vector<Case> read_manifest() {
  std::ifstream in(kDir + "EXPECTED");
  REQUIRE(in);
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, '|');) fields.push_back(trim(f));
    REQUIRE_MESSAGE(fields.size() >= 4, line);
    Case c{fields[0], fields[1], std::stoi(fields[2]), fields[3], {}};
    std::stringstream extra(fields.size() > 4 ? fields[4] : "");
    for (std::string a; extra >> a;) c.args.push_back(a);
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace

TEST_SUITE("cli.bad_inputs") {
  TEST_CASE("every catalogued input gives its exit code and message") {
    const std::vector<Case> cases = read_manifest();
    CHECK(cases.size() >= 100);
    for (const Case& c : cases) {
      const std::string path = c.file[0] == '/' ? c.file : kDir + c.file;
      std::vector<std::string> args{c.command, path};
      args.insert(args.end(), c.args.begin(), c.args.end());
      const testing::Outcome got = testing::invoke(args);
      const bool located = std::isdigit(static_cast<unsigned char>(c.fragment[0])) != 0;
      const std::string wanted = located ? path + ":" + c.fragment : c.fragment;
      INFO(c.command, " ", c.file, ": ", got.err);
      CHECK(got.code == c.exit_code);
      CHECK(got.err.find(wanted) != std::string::npos);
      CHECK(got.err.find("internal error") == std::string::npos);
      CHECK(got.out.empty());
    }
  }

  TEST_CASE("every file of the catalogue has a line in EXPECTED") {
    std::set<std::string> listed;
    for (const Case& c : read_manifest()) listed.insert(c.file);
    for (const auto& entry : fs::directory_iterator(kDir)) {
      const std::string name = entry.path().filename().string();
      if (name == "EXPECTED") continue;
      CHECK_MESSAGE(listed.count(name) == 1, name);
    }
  }
}
