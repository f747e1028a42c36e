// The file-backed table store: the TableStore invariants of the in-memory one (engine/table_store.h),
// plus what only files have: history across processes, crash recovery of multi-table commits, and
// refusal of paths that would leave the root. Expected values come from the documented format
// (engine/live/table_log.h) and SHA-256 (FIPS 180-2), never from a run of the code.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/live/file_table_store.h"
#include "engine/live/sha256.h"
#include "engine/live/table_log.h"
#include "tests/engine/live/table_fixture.h"

using namespace orchsim;
using live::FileTableStore;
using testing::stage;
using testing::TempDir;
namespace fs = std::filesystem;

namespace {

CommitInfo by_attempt(std::uint32_t attempt) {
  return CommitInfo{.at = SimTime::from_micros(1000 * attempt), .run = RunId(0), .task = TaskId(attempt % 3),
                    .attempt = AttemptId(attempt)};
}

CommitInfo by_rollback() {
  return CommitInfo{.at = SimTime::from_micros(99), .run = RunId(0), .task = TaskId::invalid(), .attempt = AttemptId::invalid()};
}

const TableId kA(0), kB(1);

// The message of the TableStoreError `f` throws, or "no error".
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const live::TableStoreError& e) {
    return e.what();
  }
  return "no error";
}

std::size_t data_file_count(const fs::path& table_dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(table_dir / "data")) n += e.is_regular_file();
  return n;
}

}  // namespace

TEST_SUITE("engine.live.file_table_store") {
  TEST_CASE("a new store creates version 0 of every table, empty") {
    TempDir dir("fts-new");
    FileTableStore store(dir.path / "tables", {"a", "b"}, dir.path / "inv");
    REQUIRE(store.table_count() == 2);
    CHECK(store.name(kB) == "b");
    CHECK(store.history(kA).size() == 1);
    CHECK(store.current(kA).kind == VersionKind::kCreate);
    // The empty snapshot's fingerprint: SHA-256 of the empty file list, first 16 hex digits.
    CHECK(store.current(kA).content == std::stoull(live::sha256_hex("").substr(0, 16), nullptr, 16));
    CHECK(fs::is_regular_file(dir.path / "tables/a/_log/00000000000000000000.json"));
  }

  TEST_CASE("commits append versions holding the staged files; a restore equals its target without copying") {
    TempDir dir("fts-commit");
    const fs::path inv = dir.path / "inv";
    FileTableStore store(dir.path / "tables", {"a", "b"}, inv);
    stage(inv, 1, "a", {{"part-0.csv", "hello"}, {"sub/part-1.csv", "x"}});
    store.commit(std::array{kA}, by_attempt(1));
    CHECK(store.current(kA).version == 1);
    CHECK(store.current(kA).kind == VersionKind::kCommit);
    CHECK(store.current(kA).info.attempt == AttemptId(1));
    const live::VersionRecord v1 = store.record(kA, 1);  // a copy: commits move the records
    REQUIRE(v1.files.size() == 2);
    CHECK(v1.files[0] == live::DataFile{"part-0.csv", 5, live::sha256_hex("hello")});
    CHECK(v1.files[1] == live::DataFile{"sub/part-1.csv", 1, live::sha256_hex("x")});
    CHECK(v1.staged);
    CHECK(testing::read_text(store.data_path(kA, v1.files[0])) == "hello");
    CHECK(store.current(kB).version == 0);  // not written

    stage(inv, 2, "a", {{"part-0.csv", "world"}});
    store.commit(std::array{kA}, by_attempt(2));
    CHECK(store.current(kA).content != store.history(kA)[1].content);
    CHECK(data_file_count(dir.path / "tables/a") == 3);

    const TableVersion& r = store.restore(kA, 1, by_rollback());
    CHECK(r.version == 3);
    CHECK(r.kind == VersionKind::kRestore);
    CHECK(r.restored_from == 1);
    CHECK(r.content == store.history(kA)[1].content);
    CHECK(store.record(kA, 3).files == v1.files);
    CHECK(data_file_count(dir.path / "tables/a") == 3);  // nothing copied
    for (std::uint64_t v = 0; v < 4; ++v) CHECK(store.history(kA)[v].version == v);
  }

  TEST_CASE("history survives reopening the store") {
    TempDir dir("fts-reopen");
    const fs::path inv = dir.path / "inv";
    std::vector<TableVersion> before;
    {
      FileTableStore store(dir.path / "tables", {"a", "b"}, inv);
      stage(inv, 1, "a", {{"f", "1"}});
      stage(inv, 1, "b", {{"g", "2"}});
      store.commit(std::array{kA, kB}, by_attempt(1));
      store.restore(kA, 0, by_rollback());
      before.assign(store.history(kA).begin(), store.history(kA).end());
      // One writer at a time.
      CHECK(error_of([&] { FileTableStore second(dir.path / "tables", {"a"}, inv); }).find("in use by another process") !=
            std::string::npos);
    }
    FileTableStore store(dir.path / "tables", {"b", "a", "c"}, dir.path / "inv2");  // other order, one more table
    const auto after = store.history(TableId(1));
    REQUIRE(after.size() == before.size());
    for (std::size_t v = 0; v < before.size(); ++v) {
      CHECK(after[v].version == before[v].version);
      CHECK(after[v].content == before[v].content);
      CHECK(after[v].kind == before[v].kind);
      CHECK(after[v].restored_from == before[v].restored_from);
      CHECK(after[v].info.at == before[v].info.at);
      CHECK(after[v].info.attempt == before[v].info.attempt);
      CHECK(after[v].info.task == before[v].info.task);
    }
    CHECK(store.current(TableId(0)).version == 1);  // b
    CHECK(store.current(TableId(2)).version == 0);  // c, created now
    const auto all = live::read_store(dir.path / "tables");
    REQUIRE(all.size() == 3);
    CHECK(all[0].name == "a");
    CHECK(all[0].versions.size() == before.size());
  }

  TEST_CASE("a table the attempt did not stage gets a version with unchanged content") {
    TempDir dir("fts-unstaged");
    const fs::path inv = dir.path / "inv";
    FileTableStore store(dir.path / "tables", {"a", "b"}, inv);
    stage(inv, 1, "a", {{"f", "1"}});
    store.commit(std::array{kA, kB}, by_attempt(1));
    CHECK(store.current(kB).version == 1);
    CHECK(store.current(kB).content == store.history(kB)[0].content);
    CHECK_FALSE(store.record(kB, 1).staged);
    const std::vector<std::pair<std::string, std::uint64_t>> txn{{"a", 1}, {"b", 1}};
    CHECK(store.record(kA, 1).txn == txn);
    CHECK(store.record(kB, 1).txn == txn);
  }

  TEST_CASE("a failed attempt's staging is never visible") {
    TempDir dir("fts-failed");
    const fs::path inv = dir.path / "inv";
    {
      FileTableStore store(dir.path / "tables", {"a"}, inv);
      stage(inv, 1, "a", {{"f", "failed attempt's rows"}});  // attempt 1 fails: the engine never commits it
      store.commit(std::array{kA}, by_attempt(2));        // attempt 2 succeeds without writing
      CHECK(store.record(kA, 1).files.empty());
    }
    FileTableStore store(dir.path / "tables", {"a"}, inv);
    CHECK(store.current(kA).version == 1);
    CHECK(store.record(kA, 1).files.empty());
    CHECK(data_file_count(dir.path / "tables/a") == 0);
  }

  TEST_CASE("a crash after the pending file is written completes the commit on every table") {
    TempDir dir("fts-pending");
    const fs::path inv = dir.path / "inv";
    const fs::path root = dir.path / "tables";
    std::string a1, b1;
    {
      FileTableStore store(root, {"a", "b"}, inv);
      stage(inv, 1, "a", {{"f", "1"}});
      stage(inv, 1, "b", {{"g", "2"}});
      store.commit(std::array{kA, kB}, by_attempt(1));
      a1 = testing::read_text(root / "a/_log/00000000000000000001.json");
      b1 = testing::read_text(root / "b/_log/00000000000000000001.json");
    }
    // The state of a crash between a's log file and b's: pending written, b's record missing.
    testing::write_text(root / "_pending.jsonl", a1 + b1);
    fs::remove(root / "b/_log/00000000000000000001.json");
    testing::write_text(root / "b/_log/.tmp-00000000000000000001.json", "{\"half");
    const auto seen = live::read_store(root);  // a reader applies the rule without writing
    REQUIRE(seen.size() == 2);
    CHECK(seen[1].versions.size() == 2);
    CHECK_FALSE(fs::exists(root / "b/_log/00000000000000000001.json"));

    FileTableStore store(root, {"a", "b"}, inv);
    CHECK(store.current(kA).version == 1);
    CHECK(store.current(kB).version == 1);
    CHECK(testing::read_text(root / "b/_log/00000000000000000001.json") == b1);
    CHECK_FALSE(fs::exists(root / "_pending.jsonl"));
    CHECK_FALSE(fs::exists(root / "b/_log/.tmp-00000000000000000001.json"));
  }

  TEST_CASE("a crash before the pending file is written shows the commit on no table") {
    TempDir dir("fts-nopending");
    const fs::path inv = dir.path / "inv";
    const fs::path root = dir.path / "tables";
    {
      FileTableStore store(root, {"a", "b"}, inv);
      stage(inv, 1, "a", {{"f", "1"}});
      stage(inv, 1, "b", {{"g", "2"}});
      store.commit(std::array{kA, kB}, by_attempt(1));
    }
    // Undo the visible part: the data files stay, as after a crash before _pending.jsonl.
    fs::remove(root / "a/_log/00000000000000000001.json");
    fs::remove(root / "b/_log/00000000000000000001.json");
    testing::write_text(root / ".tmp-_pending.jsonl", "{\"tab");
    FileTableStore store(root, {"a", "b"}, inv);
    CHECK(store.current(kA).version == 0);
    CHECK(store.current(kB).version == 0);
    CHECK_FALSE(fs::exists(root / ".tmp-_pending.jsonl"));
  }

  TEST_CASE("a commit visible on some of its tables only is refused by the reader") {
    TempDir dir("fts-torn");
    const fs::path root = dir.path / "tables";
    {
      FileTableStore store(root, {"a", "b"}, dir.path / "inv");
      store.commit(std::array{kA, kB}, by_attempt(1));
    }
    fs::remove(root / "a/_log/00000000000000000001.json");  // as if read before a's record, after b's
    CHECK(error_of([&] { live::read_store(root); }) ==
          root.string() + ": inconsistent table store: version 1 of table 'b' was committed with version 1 of table 'a', "
                          "which is missing (a commit still in progress, or a damaged store)");
  }

  TEST_CASE("table names that could leave the root are refused") {
    TempDir dir("fts-names");
    for (const std::string& bad : std::vector<std::string>{"..", ".", "a/b", "../x", "", ".hidden", "_lock", "a\nb"}) {
      CAPTURE(bad);
      CHECK(error_of([&] { FileTableStore s(dir.path / "tables", {bad}, dir.path / "inv"); }).find("table '") == 0);
    }
    CHECK(error_of([&] { FileTableStore s(dir.path / "tables", {"a", "a"}, dir.path / "inv"); }) == "table 'a' named twice");
    CHECK_FALSE(fs::exists(dir.path / "x"));
  }

  TEST_CASE("symlinks and special files in the staging are refused, never followed") {
    TempDir dir("fts-staging-links");
    const fs::path inv = dir.path / "inv";
    const fs::path outside = dir.path / "outside";
    testing::write_text(outside / "secret", "not yours");
    FileTableStore store(dir.path / "tables", {"a"}, inv);
    SUBCASE("the staged table is a symlink") {
      fs::create_directories(live::staging_dir(inv, AttemptId(1)));
      fs::create_directory_symlink(outside, live::staging_dir(inv, AttemptId(1)) / "a");
    }
    SUBCASE("a staged file is a symlink") {
      const fs::path d = stage(inv, 1, "a", {{"ok", "1"}});
      fs::create_symlink(outside / "secret", d / "link");
    }
    SUBCASE("the attempt's staging directory is a symlink") {
      stage(inv, 9, "a", {{"ok", "1"}});
      fs::create_directories(inv / "staging");
      fs::create_directory_symlink(live::staging_dir(inv, AttemptId(9)), live::staging_dir(inv, AttemptId(1)));
    }
    SUBCASE("a staged file is a FIFO") {
      const fs::path d = stage(inv, 1, "a", {{"ok", "1"}});
      REQUIRE(::mkfifo((d / "pipe").c_str(), 0644) == 0);
    }
    const std::optional<std::string> why = store.check_staged(std::array{kA}, AttemptId(1));
    REQUIRE(why);
    CHECK(why->find("refused") != std::string::npos);
    CHECK(error_of([&] { store.commit(std::array{kA}, by_attempt(1)); }) == *why);
    CHECK(store.current(kA).version == 0);
    // The refusal changed nothing visible: the store still commits.
    stage(inv, 2, "a", {{"ok", "2"}});
    CHECK(store.check_staged(std::array{kA}, AttemptId(2)) == std::nullopt);
    store.commit(std::array{kA}, by_attempt(2));
    CHECK(store.current(kA).version == 1);
  }

  TEST_CASE("a symlink planted in the store is refused when the store opens") {
    TempDir dir("fts-store-links");
    const fs::path root = dir.path / "tables";
    const fs::path outside = dir.path / "outside";
    fs::create_directories(outside);
    { FileTableStore store(root, {"a"}, dir.path / "inv"); }
    SUBCASE("the data directory") {
      fs::rename(root / "a/data", dir.path / "old-data");
      fs::create_directory_symlink(outside, root / "a/data");
    }
    SUBCASE("the log directory") {
      fs::rename(root / "a/_log", outside / "_log");
      fs::create_directory_symlink(outside / "_log", root / "a/_log");
    }
    SUBCASE("the table directory") {
      fs::create_directory_symlink(outside, root / "b");
    }
    const std::string why = error_of([&] { FileTableStore store(root, {"a", "b"}, dir.path / "inv"); });
    CHECK(why.find("refused: not a directory") != std::string::npos);
    CHECK(fs::is_empty(outside) == !fs::exists(outside / "_log"));  // nothing written outside
  }

  TEST_CASE("a corrupt log is reported with its file and place") {
    TempDir dir("fts-corrupt");
    const fs::path root = dir.path / "tables";
    { FileTableStore store(root, {"a"}, dir.path / "inv"); }
    SUBCASE("bad JSON") {
      testing::write_text(root / "a/_log/00000000000000000001.json", "{\"table\": \"a\",\n  oops}");
      CHECK(error_of([&] { FileTableStore s(root, {"a"}, dir.path / "inv"); }) ==
            (root / "a/_log/00000000000000000001.json").string() + ":2:3: corrupt table log: expected a string key");
    }
    SUBCASE("a gap in the versions") {
      fs::copy_file(root / "a/_log/00000000000000000000.json", root / "a/_log/00000000000000000002.json");
      CHECK(error_of([&] { live::read_store(root); }).find("expected 00000000000000000001.json next") != std::string::npos);
    }
    SUBCASE("content that does not match the files") {
      std::string text = testing::read_text(root / "a/_log/00000000000000000000.json");
      const std::size_t digit = text.find("\"content\":\"") + 11;  // the fingerprint's first hex digit
      text[digit] = text[digit] == '0' ? '1' : '0';
      testing::write_text(root / "a/_log/00000000000000000000.json", text);
      CHECK(error_of([&] { live::read_store(root); }).find("\"content\" does not match the listed files") != std::string::npos);
    }
  }
}
