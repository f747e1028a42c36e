// The real Engine on the file-backed table store: commits of succeeded attempts take what they
// staged, a failed attempt's staging never shows, and a job rollback restores the tables' files.
// The same job as the in-memory rollback test
// (tests/engine/rollback_alerts_test.cpp, "job scope"), with files instead of fingerprints.
#include <doctest/doctest.h>

#include <string>

#include "engine/live/file_table_store.h"
#include "tests/engine/harness.h"
#include "tests/engine/live/table_fixture.h"

using namespace orchsim;
using namespace orchsim::testing;

TEST_SUITE("engine.live.file_table_store") {
  TEST_CASE("a job rollback on files: the failed attempt's rows never show, bronze returns to its start") {
    TempDir dir("fts-engine");
    const auto inv = dir.path / "inv";
    // Every attempt the run can have stages both tables, named after the attempt.
    for (std::uint32_t a = 0; a < 4; ++a) {
      stage(inv, a, "bronze", {{"part-0", "bronze by attempt " + std::to_string(a)}});
      stage(inv, a, "silver", {{"part-0", "silver by attempt " + std::to_string(a)}});
    }
    live::FileTableStore store(dir.path / "tables", {"bronze", "silver"}, inv);
    const TableId bronze(0), silver(1);
    auto writes = [](TableId t) { return TaskSpec{.writes = {t}}; };
    JobSpec job = job_of({{"ingest", {}, writes(bronze)}, {"ingest2", {"ingest"}, writes(bronze)},
                          {"refine", {"ingest2"}, writes(silver)}});
    job.rollback = RollbackScope::kJob;
    Harness h(std::move(job), EngineOptions{.tables = &store});
    h.runner.script("refine", {{Duration::seconds(1), kFail}});
    h.run_to_end();
    CHECK(h.engine.run(RunId(0)).result() == JobResult::kFailed);

    // bronze: v0 (empty), v1 and v2 by the ingests, v3 = restore of v0.
    REQUIRE(store.history(bronze).size() == 4);
    for (std::uint64_t v : {1, 2}) {
      const live::VersionRecord& r = store.record(bronze, v);
      REQUIRE(r.files.size() == 1);
      CHECK(read_text(store.data_path(bronze, r.files[0])) == "bronze by attempt " + std::to_string(r.version.info.attempt.value()));
    }
    CHECK(store.current(bronze).kind == VersionKind::kRestore);
    CHECK(store.current(bronze).restored_from == 0);
    CHECK(store.record(bronze, 3).files.empty());
    CHECK(store.history(silver).size() == 1);  // refine failed: its staging was never committed

    const auto committed = h.events<TableCommitted>();
    REQUIRE(committed.size() == 2);
    CHECK(committed[1].version == 2);
    CHECK(store.record(bronze, 2).version.info.attempt == committed[1].attempt);
  }
}
