// The commit-record format of the file table store (engine/live/table_log.h): a record reads back
// as written, and a damaged record never escapes as anything but TableStoreError (run under ASan
// too: no out-of-range read).
#include <doctest/doctest.h>

#include <string>

#include "engine/live/sha256.h"
#include "engine/live/table_log.h"
#include "engine/rng.h"

using namespace orchsim;

namespace {
live::VersionRecord sample() {
  live::VersionRecord r;
  r.table = "orders";
  r.version = TableVersion{.version = 7, .content = 0, .kind = VersionKind::kRestore, .restored_from = 3,
                           .info = CommitInfo{SimTime::from_micros(123), RunId(2), TaskId::invalid(), AttemptId::invalid()}};
  r.unix_us = 1796481096923432;
  r.invocation = "/runs/inv \"1\"";
  r.files = {{"date=2026-12-05/part-0.csv", 15, live::sha256_hex("a")}, {"p\u00e9\n", 0, live::sha256_hex("")}};
  r.rows = 42;
  r.columns = std::vector<std::string>{"id", "amount"};
  r.txn = {{"orders", 7}};
  r.version.content = live::snapshot_content(r.files);
  return r;
}
}  // namespace

TEST_SUITE("engine.live.table_log") {
  TEST_CASE("a record reads back as written") {
    const live::VersionRecord r = sample();
    const std::string line = live::record_line(r);
    CHECK(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);  // one line: the path's newline is escaped
    const live::VersionRecord back = live::record_from_line(line, "x");
    CHECK(back.table == r.table);
    CHECK(back.version.version == 7);
    CHECK(back.version.kind == VersionKind::kRestore);
    CHECK(back.version.restored_from == 3);
    CHECK(back.version.content == r.version.content);
    CHECK(back.version.info.at == SimTime::from_micros(123));
    CHECK(back.version.info.run == RunId(2));
    CHECK_FALSE(back.version.info.task.valid());
    CHECK(back.unix_us == r.unix_us);
    CHECK(back.invocation == r.invocation);
    CHECK(back.files == r.files);
    CHECK(back.rows == 42);
    CHECK(back.columns == r.columns);
    CHECK(back.txn == r.txn);
    CHECK(live::record_line(back) == line);
  }

  TEST_CASE("log file names are the version in 20 digits") {
    CHECK(live::log_file_name(0) == "00000000000000000000.json");
    CHECK(live::log_file_name(18446744073709551615ULL) == "18446744073709551615.json");
  }

  TEST_CASE("a damaged record is accepted or refused as TableStoreError, never anything worse") {
    const std::string line = live::record_line(sample());
    Rng rng(16);
    for (int i = 0; i < 3000; ++i) {
      std::string bad = line;
      for (std::uint64_t k = 0, n = 1 + rng.below(3); k < n; ++k) {
        const std::size_t at = rng.below(bad.size());
        switch (rng.below(3)) {
          case 0: bad[at] = static_cast<char>(rng.below(256)); break;
          case 1: bad.erase(at, 1 + rng.below(8)); break;
          default: bad.insert(at, 1, "{}[]\",:0-9en\\"[rng.below(14)]); break;
        }
      }
      // Accepted: a change the format cannot see (a digit of a time, a letter of the invocation).
      try {
        live::record_from_line(bad, "x");
      } catch (const live::TableStoreError&) {
      }
    }
  }
}
