// Crash safety of the file-backed table store: a child process commits what was staged for it
// (multi-table commits, single-table commits, restores) and is killed with SIGKILL at a pseudo-random moment;
// then the store must open and every visible version must be complete: its data files present
// with the listed size and hash and the content the writer staged, every multi-table commit
// visible on all its tables or on none, and every commit the writer saw return still there.
//
// ORCHSIM_CRASH_TRIALS sets the number of kills (default 200, the CTest run). Each kill comes
// after a drawn number of acknowledged commits plus a drawn fraction of the mean commit time seen
// so far (fixed seed), so the kills spread over every step of a commit on a slow or a loaded
// machine alike; the sleep is the point of the test: it places the kill.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "engine/live/file_table_store.h"
#include "engine/live/sha256.h"
#include "engine/live/table_log.h"
#include "engine/rng.h"
#include "tests/engine/live/table_fixture.h"

using namespace orchsim;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTables{"a", "b", "c"};

// What attempt `i` of run `run` stages for `table`: two files on a and b, one on c, sizes varying.
std::map<std::string, std::string> staged_files(const std::string& table, std::uint32_t run, std::uint32_t i) {
  std::map<std::string, std::string> files{{"part-0", fmt::format("{}:{}:{}", table, run, i)}};
  if (table != "c") files["dir/part-1"] = std::string(1 + (i * 7919) % 20000, static_cast<char>('a' + i % 26));
  return files;
}

// The tables attempt `i` commits: all three, {a, b}, or c alone.
std::vector<TableId> written(std::uint32_t i) {
  switch (i % 3) {
    case 0: return {TableId(0), TableId(1), TableId(2)};
    case 1: return {TableId(0), TableId(1)};
    default: return {TableId(2)};
  }
}

// Attempts staged before the writer starts, so that the kills land in the store's own work.
constexpr std::uint32_t kAttempts = 10;

void stage_attempts(const fs::path& inv, std::uint32_t run) {
  for (std::uint32_t i = 1; i <= kAttempts; ++i) {
    for (TableId t : written(i)) testing::stage(inv, i, kTables[t.index()], staged_files(kTables[t.index()], run, i));
  }
}

// The child: commits every staged attempt, acknowledging each returned commit on `ack` (4 bytes:
// i), then waits to be killed.
[[noreturn]] void commit_all(const fs::path& root, const fs::path& inv, std::uint32_t run, int ack) {
  try {
    live::FileTableStore store(root, kTables, inv);
    for (std::uint32_t i = 1; i <= kAttempts; ++i) {
      const std::vector<TableId> tables = written(i);
      store.commit(tables, CommitInfo{SimTime::from_micros(i), RunId(run), TaskId(0), AttemptId(i)});
      if (i % 5 == 4) {
        store.restore(TableId(2), store.current(TableId(2)).version / 2,
                      CommitInfo{SimTime::from_micros(i), RunId(run), TaskId::invalid(), AttemptId::invalid()});
      }
      if (::write(ack, &i, sizeof i) != sizeof i) ::_exit(4);
    }
    for (;;) ::pause();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crash-test writer: %s\n", e.what());
    ::_exit(3);
  }
}

// Every problem of the store's visible state, or empty.
std::vector<std::string> problems_of(const fs::path& root, const std::vector<live::TableHistory>& tables) {
  std::vector<std::string> out;
  std::map<std::string, const live::TableHistory*> by_name;
  for (const auto& t : tables) by_name[t.name] = &t;
  for (const auto& t : tables) {
    for (const live::VersionRecord& r : t.versions) {
      const std::string at = fmt::format("{} v{}", t.name, r.version.version);
      for (const live::DataFile& f : r.files) {
        const std::string bytes = testing::read_text(root / t.name / "data" / f.sha256);
        if (bytes.size() != f.size || live::sha256_hex(bytes) != f.sha256) out.push_back(at + ": data file " + f.path + " damaged or missing");
      }
      if (r.version.kind == VersionKind::kCommit) {
        std::map<std::string, std::string> want = staged_files(t.name, r.version.info.run.value(), r.version.info.attempt.value());
        for (const live::DataFile& f : r.files) {
          auto it = want.find(f.path);
          if (it == want.end() || live::sha256_hex(it->second) != f.sha256) out.push_back(at + ": not what the writer staged");
          if (it != want.end()) want.erase(it);
        }
        if (!want.empty()) out.push_back(at + ": a staged file is missing");
      }
      for (const auto& [other, v] : r.txn) {
        const auto it = by_name.find(other);
        if (it == by_name.end() || v >= it->second->versions.size() ||
            it->second->versions[v].version.info.attempt != r.version.info.attempt ||
            it->second->versions[v].version.info.run != r.version.info.run) {
          out.push_back(fmt::format("{}: its commit is not visible on table {} (version {})", at, other, v));
        }
      }
    }
  }
  return out;
}

// Whether commit (run, i) is visible on the tables it wrote.
bool visible(const std::vector<live::TableHistory>& tables, std::uint32_t run, std::uint32_t i) {
  for (TableId t : written(i)) {
    bool found = false;
    for (const auto& r : tables[t.index()].versions) {
      found |= r.version.kind == VersionKind::kCommit && r.version.info.run == RunId(run) && r.version.info.attempt == AttemptId(i);
    }
    if (!found) return false;
  }
  return true;
}

std::uint32_t env_or(const char* name, std::uint32_t fallback) {
  const char* env = std::getenv(name);
  return env != nullptr ? static_cast<std::uint32_t>(std::strtoul(env, nullptr, 10)) : fallback;
}

}  // namespace

TEST_SUITE("engine.live.crash") {
  TEST_CASE("kill -9 during commits never leaves a partial or damaged version visible") {
    // On tmpfs when there is one: a kill -9 (unlike a power cut) loses nothing the kernel holds,
    // so what is tested is the order of renames, which fsync's cost would only make rarer to hit.
    std::error_code ec;
    testing::TempDir dir("crash", fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path());
    const fs::path root = dir.path / "tables";
    Rng rng(20261205);
    const std::uint32_t trials = env_or("ORCHSIM_CRASH_TRIALS", 200);
    double mean_commit_us = 2000;  // running mean of the time between acknowledgements
    std::uint64_t timed = 0;
    std::uint64_t commits = 0, pending_seen = 0, idle = 0, temporaries = 0;
    for (std::uint32_t trial = 0; trial < trials; ++trial) {
      if (trial % 10 == 0) fs::remove_all(root);  // keeps the logs short
      const fs::path inv = dir.path / fmt::format("inv-{}", trial);
      stage_attempts(inv, trial);
      int ack[2];
      REQUIRE(::pipe(ack) == 0);
      const pid_t pid = ::fork();
      REQUIRE(pid >= 0);
      if (pid == 0) {
        ::close(ack[0]);
        commit_all(root, inv, trial, ack[1]);
      }
      ::close(ack[1]);
      std::uint32_t last = 0, i = 0;
      const std::uint64_t wait_for = rng.below(kAttempts / 2);  // the writer may run ahead of the reads
      auto previous = std::chrono::steady_clock::now();
      while (last < wait_for && ::read(ack[0], &i, sizeof i) == sizeof i) {
        const auto now = std::chrono::steady_clock::now();
        if (last > 0) mean_commit_us += (std::chrono::duration<double, std::micro>(now - previous).count() - mean_commit_us) / static_cast<double>(++timed);
        previous = now;
        last = i;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(rng.below(static_cast<std::uint64_t>(mean_commit_us) + 1)));
      ::kill(pid, SIGKILL);
      int status = 0;
      ::waitpid(pid, &status, 0);
      REQUIRE_MESSAGE(WIFSIGNALED(status), "the writer stopped by itself: exit ", WEXITSTATUS(status));
      while (::read(ack[0], &i, sizeof i) == sizeof i) last = i;
      ::close(ack[0]);
      commits += last;
      idle += last == kAttempts;
      pending_seen += fs::exists(root / live::kPendingFile);
      bool temporary = false;  // the kill hit a file being written
      if (fs::exists(root)) {
        for (const auto& e : fs::recursive_directory_iterator(root)) temporary |= e.path().filename().string().rfind(".tmp-", 0) == 0;
      }
      temporaries += temporary;
      if (!fs::exists(root / "a" / live::kLogDir)) continue;  // killed before the store was created

      const std::vector<live::TableHistory> seen = live::read_store(root);  // the read-only view
      live::FileTableStore store(root, kTables, inv);                       // recovers on disk
      std::vector<live::TableHistory> after;
      for (std::size_t t = 0; t < kTables.size(); ++t) {
        live::TableHistory h{kTables[t], {}};
        for (std::uint64_t v = 0; v < store.history(TableId(static_cast<std::uint32_t>(t))).size(); ++v) {
          h.versions.push_back(store.record(TableId(static_cast<std::uint32_t>(t)), v));
        }
        after.push_back(std::move(h));
      }
      CAPTURE(trial);
      const std::vector<std::string> problems = problems_of(root, after);
      CHECK_MESSAGE(problems.empty(), fmt::format("{}", fmt::join(problems, "; ")));
      // The reader saw what recovery made durable (a table whose creation was cut short: nothing).
      std::map<std::string, std::size_t> seen_versions;
      for (const auto& h : seen) seen_versions[h.name] = h.versions.size();
      for (const auto& h : after) CHECK(seen_versions.count(h.name) ? seen_versions[h.name] == h.versions.size() : h.versions.size() == 1);
      if (last > 0) CHECK(visible(after, trial, last));
      fs::remove_all(inv);
    }
    MESSAGE(fmt::format("{} kills, {} acknowledged commits; {} kills left a pending multi-table commit, {} a temporary "
                        "file, {} came after the writer had finished; mean commit {:.0f} us",
                        trials, commits, pending_seen, temporaries, idle, mean_commit_us));
  }
}
