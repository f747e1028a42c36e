// The on-disk format of the file-backed table store (docs/exec.md, "Tables"), shared by the
// writer (engine/live/file_table_store.h) and the reader of `orchsim tables`:
//
//   <root>/<table>/_log/<version, 20 digits>.json   one commit record per version, one JSON line
//   <root>/<table>/data/<sha256>                     data files, content-addressed, never changed
//   <root>/_pending.jsonl                            a multi-table commit in progress (see below)
//   <root>/_lock                                     flock()ed by the one writer
//
// A multi-table commit first writes every data file, then _pending.jsonl (atomically: temporary
// file, fsync, rename, fsync) holding each table's new record, then each table's log file, then
// removes _pending.jsonl. The commit is decided the moment _pending.jsonl appears: whoever opens
// the store later completes it (read_store does so in memory, the writer on disk), so after a
// crash a commit is visible on every table or on none. Pure functions over DirHandles; no thread
// affinity.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/live/dir_handle.h"
#include "engine/live/json_value.h"
#include "engine/table_store.h"

namespace orchsim::live {

inline constexpr const char* kPendingFile = "_pending.jsonl";
inline constexpr const char* kLockFile = "_lock";
inline constexpr const char* kLogDir = "_log";
inline constexpr const char* kDataDir = "data";

// One file of a table's snapshot: its path under the table as the task staged it, and where its
// bytes live (data/<sha256>).
struct DataFile {
  std::string path;
  std::uint64_t size = 0;
  std::string sha256;
  auto operator<=>(const DataFile&) const = default;
};

// Everything one version records; `version` is what the engine sees.
struct VersionRecord {
  std::string table;
  TableVersion version;
  std::int64_t unix_us = 0;   // wall-clock time of the commit
  std::string invocation;     // the `orchsim exec` invocation directory that wrote it
  bool staged = false;        // kCommit: the attempt staged this table (else the content is unchanged)
  std::vector<DataFile> files;  // sorted by path
  std::optional<std::uint64_t> rows;               // from the staged manifest, if any
  std::optional<std::vector<std::string>> columns;
  std::vector<std::pair<std::string, std::uint64_t>> txn;  // every (table, version) of this commit
};

struct TableHistory {
  std::string name;
  std::vector<VersionRecord> versions;  // versions[v].version.version == v
};

// Why `name` cannot name a table (empty, ".", "..", a '/', a control character, a leading '.' or
// '_' which the store reserves, longer than 200 bytes), or nullopt when it can.
std::optional<std::string> table_name_problem(const std::string& name);

// The content fingerprint of a snapshot: the first 64 bits of the SHA-256 of its file list.
std::uint64_t snapshot_content(const std::vector<DataFile>& files);

std::string log_file_name(std::uint64_t version);

// "create", "commit" or "restore", as the log writes a version's kind.
const char* version_kind_name(VersionKind kind);

// The record as one JSON line (ending in '\n'); record_from_line reads it back and checks it
// (fields, content fingerprint), naming `where` in a TableStoreError.
std::string record_line(const VersionRecord& r);
VersionRecord record_from_line(const std::string& text, const std::string& where);

// Reads and checks one table's log (versions contiguous from 0, each record consistent with its
// table, number and, for a restore, its target). Temporary files are skipped (`remove_temps`:
// deleted). A table without any version gives an empty history.
TableHistory read_table_log(const DirHandle& table_dir, const std::string& name, bool remove_temps);

// The records of a pending multi-table commit, or empty when there is none.
std::vector<VersionRecord> read_pending(const DirHandle& root);

// Applies `pending` to `history` in memory when its version is the next one; a version already
// there must equal it. Throws TableStoreError on any other gap.
void apply_pending(TableHistory& history, const std::vector<VersionRecord>& pending);

// Every table under `root` (sorted by name), pending commit applied in memory; read-only. Every
// multi-table commit must be visible on all its tables: a read that raced a writer's commit is
// done again (up to 5 times), then refused.
std::vector<TableHistory> read_store(const std::filesystem::path& root);

}  // namespace orchsim::live
