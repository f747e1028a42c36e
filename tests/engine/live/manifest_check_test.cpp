// The row-count and column part of a quality gate, on manifests staged as a task would
// (engine/live/table_staging.h); each expectation is worked out from the gate and the manifest.
#include <doctest/doctest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/live/manifest_check.h"
#include "tests/engine/live/table_fixture.h"

using namespace orchsim;
using testing::stage;
using testing::TempDir;

namespace {
// The result of checking tables {orders, users} of attempt 1 against `gate`, "pass" when it passes.
std::string check(const std::filesystem::path& inv, const QualityGate& gate) {
  const std::vector<std::string> tables{"orders", "users"};
  const auto why = live::check_manifests(gate, live::staging_dir(inv, AttemptId(1)), tables);
  return why.value_or("pass");
}
}  // namespace

TEST_SUITE("engine.live.manifest_check") {
  TEST_CASE("row counts and columns against the gate") {
    TempDir dir("manifest");
    const auto inv = dir.path / "inv";
    stage(inv, 1, "orders", {{"_manifest.json", R"({"rows": 120, "columns": ["id", "amount"]})"}, {"part-0", "x"}});
    stage(inv, 1, "users", {{"_manifest.json", R"({"rows": 7, "columns": ["id"]})"}});
    QualityGate gate;
    CHECK(check(inv, gate) == "pass");  // no expectation
    gate.min_rows = 7;
    CHECK(check(inv, gate) == "pass");  // 120 >= 7 and 7 >= 7
    gate.min_rows = 8;
    CHECK(check(inv, gate) == "table 'users': 7 rows, fewer than the gate's minimum 8");
    gate.min_rows.reset();
    gate.max_rows = 120;
    CHECK(check(inv, gate) == "pass");
    gate.max_rows = 119;
    CHECK(check(inv, gate) == "table 'orders': 120 rows, more than the gate's maximum 119");
    gate.max_rows.reset();
    gate.columns = {"id"};
    CHECK(check(inv, gate) == "pass");
    gate.columns = {"id", "amount"};
    CHECK(check(inv, gate) == "table 'users': column 'amount' missing from the manifest");
  }

  TEST_CASE("a missing or malformed manifest fails a gate that has expectations") {
    TempDir dir("manifest-missing");
    const auto inv = dir.path / "inv";
    QualityGate gate;
    gate.min_rows = 1;
    CHECK(check(inv, gate) == "table 'orders': the quality gate needs orders/_manifest.json, which the task did not write");
    stage(inv, 1, "orders", {{"_manifest.json", R"({"columns": ["id"]})"}});
    CHECK(check(inv, gate) == "table 'orders': the manifest has no \"rows\", which the gate's row-count check needs");
    stage(inv, 1, "orders", {{"_manifest.json", R"({"rows": 3, "row": 3})"}});
    const auto manifest = live::staging_dir(inv, AttemptId(1)) / "orders" / "_manifest.json";
    CHECK(check(inv, gate) == manifest.string() + ": unknown key \"row\" (a manifest has \"rows\" and \"columns\")");
    stage(inv, 1, "orders", {{"_manifest.json", "{\"rows\": -3}"}});
    CHECK(check(inv, gate) == manifest.string() + ": \"rows\" must be a non-negative integer");
    stage(inv, 1, "orders", {{"_manifest.json", "{\"rows\": 3,}"}});
    CHECK(check(inv, gate) == manifest.string() + ":1:12: expected a string key");
    stage(inv, 1, "orders", {{"_manifest.json", "{\"rows\": 3}"}});
    gate.columns = {"id"};
    CHECK(check(inv, gate) == "table 'orders': the manifest has no \"columns\", which the gate's schema check needs");
  }
}
