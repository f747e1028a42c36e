// `orchsim tables`: the listing of a store written through FileTableStore, its JSON, and exit 2
// with a clear message for a missing, corrupt or damaged store.
#include <doctest/doctest.h>

#include <array>
#include <filesystem>
#include <string>

#include "engine/live/file_table_store.h"
#include "engine/live/json_value.h"
#include "tests/cli/cli_invoke.h"
#include "tests/engine/live/table_fixture.h"

using namespace orchsim;
using testing::invoke;
namespace fs = std::filesystem;

namespace {
// A store with tables a and b: a multi-table commit of attempt 4 (run 1, task 2; b not staged),
// then a restore of a to version 0.
void make_store(const fs::path& root, const fs::path& inv) {
  live::FileTableStore store(root, {"a", "b"}, inv);
  testing::stage(inv, 4, "a", {{"part-0", "x"}, {"part-1", "y"}, {"_manifest.json", R"({"rows": 42})"}});
  store.commit(std::array{TableId(0), TableId(1)}, CommitInfo{SimTime::from_micros(5), RunId(1), TaskId(2), AttemptId(4)});
  store.restore(TableId(0), 0, CommitInfo{SimTime::from_micros(9), RunId(1), TaskId::invalid(), AttemptId::invalid()});
}

// The columns of `line` after the time: run, task, attempt, files, rows, then the note.
std::string after_time(const std::string& out, const std::string& line_start) {
  const auto at = out.find(line_start);
  if (at == std::string::npos) return "(no such line)";
  const auto end = out.find('\n', at);
  const auto z = out.find("Z ", at);  // the time column ends with Z
  return out.substr(z + 1, end - z - 1);
}
}  // namespace

TEST_SUITE("cli.tables") {
  TEST_CASE("lists every table's versions, current version first") {
    testing::TempDir dir("cli-tables");
    make_store(dir.path / "store", dir.path / "inv");
    const auto r = invoke({"tables", (dir.path / "store").string()});
    CHECK(r.code == 0);
    CHECK(r.out.find("table a: current version 2\n") == 0);
    CHECK(r.out.find("\ntable b: current version 1\n") != std::string::npos);
    // version 1 of a: run 1, task 2, attempt 4, 2 files (the manifest is not data), 42 rows.
    CHECK(after_time(r.out, "        1  commit ") == "     1     2        4      2          42  with b v1");
    CHECK(after_time(r.out, "        2  restore") == "     1     -        -      0           -  restored from version 0");
    const auto b = r.out.substr(r.out.find("table b"));
    CHECK(after_time(b, "        1  commit ") == "     1     2        4      0           -  nothing staged: content unchanged; with a v1");

    const auto only_b = invoke({"tables", (dir.path / "store").string(), "--table", "b", "--verify"});
    CHECK(only_b.code == 0);
    CHECK(only_b.out.find("table a") == std::string::npos);
    CHECK(only_b.out.find("every data file is present and matches its hash") != std::string::npos);
  }

  TEST_CASE("--json gives each version's commit record") {
    testing::TempDir dir("cli-tables-json");
    make_store(dir.path / "store", dir.path / "inv");
    const auto r = invoke({"tables", (dir.path / "store").string(), "--json"});
    REQUIRE(r.code == 0);
    const live::JsonValue v = live::parse_json(r.out);
    const auto& tables = v.find("tables")->items;
    REQUIRE(tables.size() == 2);
    CHECK(tables[0].find("name")->text == "a");
    CHECK(tables[0].find("current")->as_uint() == 2);
    const auto& versions = tables[0].find("versions")->items;
    REQUIRE(versions.size() == 3);
    CHECK(versions[1].find("kind")->text == "commit");
    CHECK(versions[1].find("rows")->as_uint() == 42);
    CHECK(versions[1].find("files")->items.size() == 2);
    CHECK(versions[2].find("restored_from")->as_uint() == 0);
  }

  TEST_CASE("a missing, corrupt or damaged store is exit 2 with the reason") {
    testing::TempDir dir("cli-tables-bad");
    const fs::path store = dir.path / "store";
    auto run = [&](std::vector<std::string> extra = {}) {
      std::vector<std::string> args{"tables", store.string()};
      args.insert(args.end(), extra.begin(), extra.end());
      return invoke(args);
    };
    CHECK(run().code == 2);
    CHECK(run().err == "error: " + store.string() + ": not a table store (no such directory, or not a directory)\n");
    fs::create_directories(store / "empty");
    CHECK(run().err == "error: " + store.string() + ": not a table store (no tables and no _lock)\n");
    fs::remove_all(store);
    make_store(store, dir.path / "inv");
    CHECK(run({"--table", "zz"}).err == "error: " + store.string() + ": no table 'zz'\n");
    const fs::path data = store / "a" / "data";
    const fs::path one = fs::directory_iterator(data)->path();
    testing::write_text(one, "damaged");
    const auto damaged = run({"--verify"});
    CHECK(damaged.code == 2);
    CHECK(damaged.err.find("damaged (size or hash differs)") != std::string::npos);
    testing::write_text(store / "b/_log/00000000000000000001.json", "[");
    const auto corrupt = run();
    CHECK(corrupt.code == 2);
    CHECK(corrupt.err == "error: " + (store / "b/_log/00000000000000000001.json").string() +
                             ":1:2: corrupt table log: expected a JSON value\n");
  }
}
