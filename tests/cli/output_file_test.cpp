// write_file_atomically and write_new_file: outputs replace regular files only, through a temporary
// file nobody can predict, and never write through a symlink planted at either name.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/output_error.h"
#include "cli/output_file.h"

using namespace orchsim;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh, empty folder for one test case.
fs::path fresh(const char* name) {
  const fs::path dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("cli.output_file") {
  TEST_CASE("writes a new file, creating its folder, and replaces a regular file; no temporary is left") {
    const fs::path dir = fresh("orchsim_output_file_test_plain");
    const fs::path file = dir / "sub" / "rows.csv";
    cli::write_file_atomically(file.string(), "one\n");
    CHECK(read(file) == "one\n");
    cli::write_file_atomically(file.string(), "two\n");
    CHECK(read(file) == "two\n");
    CHECK(entries(dir / "sub") == 1);
    CHECK((fs::status(file).permissions() & fs::perms::others_write) == fs::perms::none);
    fs::remove_all(dir);
  }

  TEST_CASE("a symlink planted at the old temporary name <file>.tmp is not followed") {
    const fs::path dir = fresh("orchsim_output_file_test_tmp_link");
    const fs::path victim = dir / "victim.txt";
    std::ofstream(victim) << "precious";
    fs::create_symlink(victim, dir / "rows.csv.tmp");
    cli::write_file_atomically((dir / "rows.csv").string(), "rows\n");
    CHECK(read(victim) == "precious");
    CHECK(read(dir / "rows.csv") == "rows\n");
    CHECK(fs::is_symlink(dir / "rows.csv.tmp"));
    fs::remove_all(dir);
  }

  TEST_CASE("a symlink at the target is refused (exit-2 error), and neither it nor its target changes") {
    const fs::path dir = fresh("orchsim_output_file_test_target_link");
    const fs::path victim = dir / "victim.txt";
    std::ofstream(victim) << "precious";
    const fs::path link = dir / "rows.csv";
    fs::create_symlink(victim, link);
    std::string message;
    try {
      cli::write_file_atomically(link.string(), "rows\n");
    } catch (const cli::OutputError& e) {
      message = e.what();
    }
    CHECK(message == link.string() + ": is a symlink; refusing to replace it (only a regular file is replaced)");
    CHECK(fs::is_symlink(link));
    CHECK(fs::read_symlink(link) == victim);
    CHECK(read(victim) == "precious");
    CHECK(entries(dir) == 2);  // no temporary file left
    // A dangling link too: writing must not create its target.
    fs::create_symlink(dir / "nowhere.txt", dir / "dangling.csv");
    CHECK_THROWS_AS(cli::write_file_atomically((dir / "dangling.csv").string(), "x"), cli::OutputError);
    CHECK(!fs::exists(dir / "nowhere.txt"));
    fs::remove_all(dir);
  }

  TEST_CASE("a folder or a device at the target is refused") {
    const fs::path dir = fresh("orchsim_output_file_test_not_file");
    fs::create_directories(dir / "rows.csv");
    CHECK_THROWS_WITH_AS(cli::write_file_atomically((dir / "rows.csv").string(), "x"),
                         ((dir / "rows.csv").string() + ": is a folder; refusing to replace it (only a regular file is replaced)").c_str(),
                         cli::OutputError);
    CHECK(fs::is_empty(dir / "rows.csv"));
    CHECK_THROWS_WITH_AS(cli::write_file_atomically("/dev/null", "x"),
                         "/dev/null: is something other than a file or folder; refusing to replace it (only a regular file is replaced)",
                         cli::OutputError);
    fs::remove_all(dir);
  }

  TEST_CASE("a folder that cannot be created is an OutputError with the OS's reason") {
    const fs::path dir = fresh("orchsim_output_file_test_no_folder");
    std::ofstream(dir / "plain") << "a file, not a folder";
    std::string message;
    try {
      cli::write_file_atomically((dir / "plain" / "rows.csv").string(), "x");
    } catch (const cli::OutputError& e) {
      message = e.what();
    }
    CHECK(message.rfind((dir / "plain").string() + ": cannot create folder: ", 0) == 0);
    CHECK(message.find("Not a directory") != std::string::npos);  // ENOTDIR's strerror on glibc
    fs::remove_all(dir);
  }

  TEST_CASE("write_new_file never opens an existing name, not even a symlink's") {
    const fs::path dir = fresh("orchsim_output_file_test_new");
    const fs::path victim = dir / "victim.txt";
    std::ofstream(victim) << "precious";
    fs::create_symlink(victim, dir / "link");
    CHECK_THROWS_WITH_AS(cli::write_new_file(dir / "link", "x"), ((dir / "link").string() + ": cannot create: File exists").c_str(),
                         cli::OutputError);
    CHECK(read(victim) == "precious");
    cli::write_new_file(dir / "new.txt", "fresh");
    CHECK(read(dir / "new.txt") == "fresh");
    fs::remove_all(dir);
  }

  TEST_CASE("temporary names are hidden, carry the stem and differ from call to call") {
    const std::string a = cli::unpredictable_name("report", "tmp");
    const std::string b = cli::unpredictable_name("report", "tmp");
    CHECK(a.rfind(".report.", 0) == 0);
    CHECK(a.size() == std::string(".report.").size() + 16 + std::string(".tmp").size());
    CHECK(a != b);
  }
}
