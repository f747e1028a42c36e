// file_stem and unique_file_stems: names a scenario chose, made safe single path components. The
// expected stems follow the rule by hand: every byte outside [A-Za-z0-9_-] becomes '_'.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "reports/file_stem.h"

using orchsim::reports::file_stem;
using orchsim::reports::kMaxFileStem;
using orchsim::reports::unique_file_stems;

TEST_SUITE("reports.file_stem") {
  TEST_CASE("a safe name is kept as is") {
    CHECK(file_stem("seed-tradeoff") == "seed-tradeoff");
    CHECK(file_stem("multi_job_2") == "multi_job_2");
  }

  TEST_CASE("separators, dots and absolute paths become one component that climbs nowhere") {
    CHECK(file_stem("../../x") == "______x");
    CHECK(file_stem("..") == "__");
    CHECK(file_stem(".") == "_");
    CHECK(file_stem("/etc/passwd") == "_etc_passwd");
    CHECK(file_stem("a/b") == "a_b");
    CHECK(file_stem("a\\b c") == "a_b_c");
    CHECK(file_stem("caf\xc3\xa9") == "caf__");  // each byte of a UTF-8 'é'
  }

  TEST_CASE("an empty name gets the fallback; a long one is cut") {
    CHECK(file_stem("") == "_");
    CHECK(file_stem("", "scenario") == "scenario");
    CHECK(file_stem("x", "scenario") == "x");
    CHECK(file_stem(std::string(300, 'a')) == std::string(kMaxFileStem, 'a'));
  }

  TEST_CASE("names that sanitise alike get distinct stems, in order, the same every time") {
    CHECK(unique_file_stems({"a/b", "a_b"}) == std::vector<std::string>{"a_b", "a_b-2"});
    CHECK(unique_file_stems({"a_b", "a/b", "a.b"}) == std::vector<std::string>{"a_b", "a_b-2", "a_b-3"});
    // A name that is itself a suffixed stem takes the next free one.
    CHECK(unique_file_stems({"a/b", "a_b", "a_b-2"}) == std::vector<std::string>{"a_b", "a_b-2", "a_b-2-2"});
    CHECK(unique_file_stems({"x", "y"}) == std::vector<std::string>{"x", "y"});
  }
}
