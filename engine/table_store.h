// TableStore: versioned tables, the rollback target (docs/architecture.md, the seams). Each table has a linear
// history of versions, Delta-style: a commit appends a version; a RESTORE appends a new version
// whose content equals an older one (history is never rewritten, so it stays auditable).
// Content is a 64-bit fingerprint: in simulation a deterministic mix of the writing attempt, live a
// hash of the table's data files. MemoryTableStore (engine/memory_table_store.h) is the simulated
// implementation; engine/live/ has the file-backed one. Used by the Engine only on the loop thread.
//
// Contract the Engine relies on: commit() is atomic across all the tables it names (all versions
// appear or none); it is called only for an attempt that succeeded, so no failed attempt's write
// is ever visible.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "engine/ids.h"
#include "engine/time.h"

namespace orchsim {

enum class VersionKind : std::uint8_t { kCreate, kCommit, kRestore };

// Who made a version and when.
struct CommitInfo {
  SimTime at;
  RunId run;
  TaskId task;
  AttemptId attempt;  // kCommit: the successful attempt; invalid otherwise
};

struct TableVersion {
  std::uint64_t version = 0;  // 0 for the table's creation, +1 per commit or restore
  std::uint64_t content = 0;  // fingerprint of the table's content at this version
  VersionKind kind = VersionKind::kCreate;
  std::uint64_t restored_from = 0;  // kRestore: the version whose content this one equals
  CommitInfo info;
};

class TableStore {
 public:
  virtual ~TableStore() = default;

  virtual std::size_t table_count() const = 0;
  virtual const std::string& name(TableId table) const = 0;
  virtual const TableVersion& current(TableId table) const = 0;
  // Every version of `table`, oldest first (history()[v].version == v).
  virtual std::span<const TableVersion> history(TableId table) const = 0;

  // Appends one new version to each table in `tables`, atomically. Returns nothing: the new
  // versions are current(table) afterwards.
  virtual void commit(std::span<const TableId> tables, const CommitInfo& info) = 0;
  // Appends a version of `table` whose content equals version `version`'s (Delta RESTORE).
  virtual const TableVersion& restore(TableId table, std::uint64_t version, const CommitInfo& info) = 0;
};

// How long a restore takes: decided by the world (table size, storage), never by the engine.
// The default (no model given to the Engine) is instantaneous.
class RestoreTiming {
 public:
  virtual ~RestoreTiming() = default;
  // Time to restore `table` from version `from` back to the content of version `to`.
  virtual Duration restore_duration(TableId table, std::uint64_t from, std::uint64_t to) = 0;
};

}  // namespace orchsim
