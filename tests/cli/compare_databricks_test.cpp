// `compare` on a Databricks job: the bundle options, the profile, the import summary on stderr.
#include <doctest/doctest.h>

#include <string>

#include "cli/cli.h"
#include "tests/cli/cli_invoke.h"

using namespace orchsim;
using orchsim::testing::invoke;

namespace {

const std::string kMap = ORCHSIM_SOURCE_DIR "/tests/fixtures/databricks/map/";

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("compare a Databricks job: as_defined beside the alternatives, the import summary on stderr") {
    const auto r = invoke({"compare", kMap + "run_job_bundle.yml", "--job", "parent", "--profile", kMap + "profile.yml",
                           "-n", "3", "--format", "csv", "--threads", "1"});
    REQUIRE(r.code == cli::kExitOk);
    CHECK(r.out.find("as_defined") != std::string::npos);
    CHECK(r.out.find("single_job_shared_cluster") != std::string::npos);
    CHECK(r.err.find("import summary:") != std::string::npos);
    CHECK(r.err.find("run_child.a: notebook default for mem_gib, failure rates") != std::string::npos);
  }

  TEST_CASE("compare a bundle folder; bad Databricks options and files are exit 2") {
    CHECK(invoke({"compare", kMap + "bundle_dir", "-n", "2", "--format", "csv", "--threads", "1"}).code == cli::kExitOk);
    const auto var = invoke({"compare", kMap + "bundle_dir", "--var", "novalue"});
    CHECK(var.code == cli::kExitBadInput);
    CHECK(var.err.find("--var takes k=v, got 'novalue'") != std::string::npos);
    // Without --job both independent jobs are compared, and parent's outside job needs the profile.
    const auto together = invoke({"compare", kMap + "run_job_bundle.yml"});
    CHECK(together.code == cli::kExitBadInput);
    CHECK(together.err.find("run_job task 'run_outside' runs job '987', which is not in this file") != std::string::npos);
    const auto bad = invoke({"compare", kMap + "bad_job.yml"});
    CHECK(bad.code == cli::kExitBadInput);
    CHECK(bad.err.find("bad_job.yml:13:28: 'timeout_seconds' must be an integer, got \"3600,\"") != std::string::npos);
  }
}
