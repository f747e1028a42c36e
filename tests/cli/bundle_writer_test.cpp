// write_bundle, directly and through run_cli: a report folder lands inside --out under one safe
// name, replaces an earlier run's folder only when complete, never a symlink, and on any failure
// leaves nothing behind and exits 2 with the OS's reason.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include "cli/bundle_writer.h"
#include "cli/cli.h"
#include "cli/output_error.h"
#include "tests/cli/cli_invoke.h"

using namespace orchsim;
using orchsim::testing::invoke;
namespace fs = std::filesystem;

namespace {

// A fresh, empty folder for one test case.
fs::path fresh(const char* name) {
  const fs::path dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::vector<reports::ReportFile> kFiles{{"report.md", "# new\n"}, {"summary.csv", "a,b\n"}};

// A two-task scenario named `name` with two strategies whose names sanitise alike.
fs::path scenario(const fs::path& dir, const std::string& name) {
  const fs::path file = dir / "scenario.yaml";
  std::ofstream(file) << "name: \"" << name << "\"\n"
                      << "workload: {tasks: [{task_key: a, duration: 1m}, {task_key: b, duration: 2m, depends_on: [a]}]}\n"
                         "strategies: [{kind: single_job_shared_cluster, name: a/b}, {kind: multi_job, name: a_b}]\n";
  return file;
}

}  // namespace

TEST_SUITE("cli.bundle_writer") {
  TEST_CASE("hostile names give one folder inside DIR, never DIR itself or a path outside it") {
    const fs::path dir = fresh("orchsim_bundle_test_names");
    const fs::path out = dir / "a" / "b" / "out";
    // name → the folder, by file_stem's rule (reports/file_stem.h): bytes outside [A-Za-z0-9_-] → '_'.
    const std::vector<std::pair<std::string, std::string>> cases{
        {"../../x", "______x"}, {"..", "__"}, {".", "_"}, {"", "scenario"}, {"a/b", "a_b"}, {"/tmp/abs", "_tmp_abs"}};
    for (const auto& name_and_folder : cases) {
      const auto& [name, folder] = name_and_folder;
      CAPTURE(name_and_folder.first);  // clang 14 cannot capture a structured binding
      CHECK(cli::write_bundle(out.string(), name, kFiles) == (out / folder).string());
      CHECK(read(out / folder / "report.md") == "# new\n");
    }
    CHECK(listing(out) == std::set<std::string>{"______x", "__", "_", "scenario", "a_b", "_tmp_abs"});
    CHECK(listing(dir) == std::set<std::string>{"a"});  // nothing climbed out
    CHECK(listing(dir / "a" / "b") == std::set<std::string>{"out"});
    fs::remove_all(dir);
  }

  TEST_CASE("an earlier run's folder is replaced whole: no file of the old run survives") {
    const fs::path dir = fresh("orchsim_bundle_test_replace");
    cli::write_bundle(dir.string(), "s", {{"report.md", "# old\n"}, {"gantt_gone.svg", "<svg/>"}});
    cli::write_bundle(dir.string(), "s", kFiles);
    CHECK(listing(dir) == std::set<std::string>{"s"});
    CHECK(listing(dir / "s") == std::set<std::string>{"report.md", "summary.csv"});
    CHECK(read(dir / "s" / "report.md") == "# new\n");
    fs::remove_all(dir);
  }

  TEST_CASE("a symlink or a file where the folder goes is refused, and what it points to is untouched") {
    const fs::path dir = fresh("orchsim_bundle_test_link");
    const fs::path elsewhere = dir / "elsewhere";
    fs::create_directories(elsewhere);
    std::ofstream(elsewhere / "report.md") << "precious";
    fs::create_directories(dir / "out");
    fs::create_directory_symlink(elsewhere, dir / "out" / "s");
    CHECK_THROWS_WITH_AS(cli::write_bundle((dir / "out").string(), "s", kFiles),
                         ((dir / "out" / "s").string() + ": is a symlink; refusing to replace it with the report folder").c_str(),
                         cli::OutputError);
    CHECK(fs::is_symlink(dir / "out" / "s"));
    CHECK(listing(elsewhere) == std::set<std::string>{"report.md"});
    CHECK(read(elsewhere / "report.md") == "precious");
    CHECK(listing(dir / "out") == std::set<std::string>{"s"});  // no temporary folder left
    std::ofstream(dir / "out" / "f") << "a file";
    CHECK_THROWS_AS(cli::write_bundle((dir / "out").string(), "f", kFiles), cli::OutputError);
    CHECK(read(dir / "out" / "f") == "a file");
    fs::remove_all(dir);
  }

  TEST_CASE("a failure half-way removes the temporary folder and keeps the earlier report") {
    const fs::path dir = fresh("orchsim_bundle_test_half");
    cli::write_bundle(dir.string(), "s", {{"report.md", "# old\n"}});
    // The second file's name is longer than any file system takes (NAME_MAX 255): the OS refuses
    // it after the first file was written.
    const std::vector<reports::ReportFile> files{{"report.md", "# new\n"}, {std::string(300, 'x'), "too long"}};
    std::string message;
    try {
      cli::write_bundle(dir.string(), "s", files);
    } catch (const cli::OutputError& e) {
      message = e.what();
    }
    CHECK(message.find(": cannot create: File name too long") != std::string::npos);  // ENAMETOOLONG, glibc
    CHECK(listing(dir) == std::set<std::string>{"s"});
    CHECK(listing(dir / "s") == std::set<std::string>{"report.md"});
    CHECK(read(dir / "s" / "report.md") == "# old\n");
    fs::remove_all(dir);
  }

  TEST_CASE("a writer abandoned while rendering (an exception) leaves the earlier report and no temporary folder") {
    const fs::path dir = fresh("orchsim_bundle_test_abandoned");
    cli::write_bundle(dir.string(), "s", {{"report.md", "# old\n"}});
    try {
      cli::BundleWriter bundle(dir.string(), "s");
      bundle.write({"report.md", "# new\n"});
      CHECK(listing(dir).size() == 2);  // "s" and the temporary folder beside it
      throw std::runtime_error("rendering failed");
    } catch (const std::runtime_error&) {
    }
    CHECK(listing(dir) == std::set<std::string>{"s"});
    CHECK(read(dir / "s" / "report.md") == "# old\n");
    fs::remove_all(dir);
  }

  TEST_CASE("run_cli: name ../../x stays inside --out (compare and sweep), and strategies a/b and a_b get two Gantt charts") {
    const fs::path dir = fresh("orchsim_bundle_test_cli");
    const fs::path file = scenario(dir, "../../x");
    const fs::path out = dir / "deep" / "er" / "out";
    const auto r = invoke({"compare", file.string(), "-n", "2", "-j", "1", "--out", out.string()});
    REQUIRE(r.code == cli::kExitOk);
    CHECK(listing(dir) == std::set<std::string>{"deep", "scenario.yaml"});
    CHECK(listing(out) == std::set<std::string>{"______x"});
    const std::set<std::string> files = listing(out / "______x");
    CHECK(files.count("gantt_a_b.svg") == 1);
    CHECK(files.count("gantt_a_b-2.svg") == 1);
    CHECK(read(out / "______x" / "gantt_a_b.svg") != read(out / "______x" / "gantt_a_b-2.svg"));
    CHECK(r.out.find("Full report: " + (out / "______x").string() + "/report.html") != std::string::npos);
    const auto again = invoke({"compare", file.string(), "-n", "2", "-j", "1", "--out", out.string()});
    CHECK(again.code == cli::kExitOk);  // a second run replaces the first
    CHECK(listing(out) == std::set<std::string>{"______x"});
    // sweep writes <name>-sweep, the name made safe first.
    std::ofstream(file, std::ios::app) << "sweep: [{parameter: workload.tasks.a.duration, values: [1m, 2m]}]\n";
    REQUIRE(invoke({"sweep", file.string(), "-n", "2", "-j", "1", "--out", out.string()}).code == cli::kExitOk);
    CHECK(listing(out) == std::set<std::string>{"______x", "______x-sweep"});
    CHECK(listing(dir) == std::set<std::string>{"deep", "scenario.yaml"});
    fs::remove_all(dir);
  }

  TEST_CASE("run_cli: an output location that cannot be written is exit 2 with the OS's reason, nothing left") {
    // As root a chmod 0500 folder stays writable, so force the failure with a regular file where
    // the --out folder must be.
    const fs::path dir = fresh("orchsim_bundle_test_cli_fail");
    const fs::path file = scenario(dir, "s");
    std::ofstream(dir / "plain") << "a file";
    const auto r = invoke({"compare", file.string(), "-n", "2", "-j", "1", "--out", (dir / "plain" / "out").string()});
    CHECK(r.code == cli::kExitBadInput);
    CHECK(r.err.find("error: " + (dir / "plain" / "out").string() + ": cannot create folder: Not a directory") != std::string::npos);
    CHECK(listing(dir) == std::set<std::string>{"plain", "scenario.yaml"});
    CHECK(read(dir / "plain") == "a file");
    // A symlink where the report folder goes: refused, exit 2, the link and its target untouched.
    fs::create_directories(dir / "out");
    fs::create_directories(dir / "target");
    fs::create_directory_symlink(dir / "target", dir / "out" / "s");
    const auto link = invoke({"compare", file.string(), "-n", "2", "-j", "1", "--out", (dir / "out").string()});
    CHECK(link.code == cli::kExitBadInput);
    CHECK(link.err.find("is a symlink; refusing to replace it") != std::string::npos);
    CHECK(listing(dir / "out") == std::set<std::string>{"s"});
    CHECK(fs::is_empty(dir / "target"));
    // --csv onto a symlink: refused, the link kept.
    const auto csv = invoke({"compare", file.string(), "-n", "2", "-j", "1", "--csv", (dir / "out" / "s").string()});
    CHECK(csv.code == cli::kExitBadInput);
    CHECK(fs::is_symlink(dir / "out" / "s"));
    fs::remove_all(dir);
  }
}
