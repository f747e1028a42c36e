// The test runner. Every run gets a private temporary directory (TMPDIR, which
// std::filesystem::temp_directory_path and child processes honour), so tests that use fixed file
// names there cannot collide with a concurrent run from another checkout. It is removed at exit.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

int main(int argc, char** argv) {
  std::string private_tmp = (std::filesystem::temp_directory_path() / "orchsim-tests-XXXXXX").string();
  const bool made = ::mkdtemp(private_tmp.data()) != nullptr;
  if (made) ::setenv("TMPDIR", private_tmp.c_str(), 1);
  doctest::Context context(argc, argv);
  const int rc = context.run();
  if (made) {
    std::error_code ignored;
    std::filesystem::remove_all(private_tmp, ignored);
  }
  return rc;
}
