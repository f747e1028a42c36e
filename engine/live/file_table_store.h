// FileTableStore: the TableStore of `orchsim exec`, a directory of Delta-style tables
// (docs/exec.md, "Tables"; the format is in engine/live/table_log.h). Each version is a numbered
// JSON commit file; data files are content-addressed, so a RESTORE writes one commit whose
// snapshot lists the target version's files and copies nothing. A commit takes what the
// successful attempt staged (engine/live/table_staging.h); a table the attempt did not stage gets
// a new version with unchanged content (`staged: false`), as the engine appends one version per
// written table. History survives the process: opening an existing root reads the logs back and
// first completes a multi-table commit a crash interrupted.
//
// One writer per root (an flock on <root>/_lock; a second one is refused). Nothing is ever
// written outside the root, and no symlink inside the root or a staging directory is followed.
// I/O failures throw TableStoreError; a commit or restore that threw leaves the object unusable
// (the next open recovers the store). Loop thread only.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/live/dir_handle.h"
#include "engine/live/table_log.h"
#include "engine/table_store.h"

namespace orchsim::live {

class FileTableStore final : public TableStore {
 public:
  // Opens (creating what is missing) the store at `root` with tables `names` (TableId i is
  // names[i]); attempts stage under `invocation_dir` (staging_dir()).
  FileTableStore(const std::filesystem::path& root, const std::vector<std::string>& names,
                 std::filesystem::path invocation_dir);
  ~FileTableStore() override;
  FileTableStore(const FileTableStore&) = delete;
  FileTableStore& operator=(const FileTableStore&) = delete;

  std::size_t table_count() const override { return tables_.size(); }
  const std::string& name(TableId table) const override { return tables_[table.index()].log.name; }
  const TableVersion& current(TableId table) const override { return tables_[table.index()].versions.back(); }
  std::span<const TableVersion> history(TableId table) const override { return tables_[table.index()].versions; }
  void commit(std::span<const TableId> tables, const CommitInfo& info) override;
  const TableVersion& restore(TableId table, std::uint64_t version, const CommitInfo& info) override;

  // What the store records of a version: files, rows, columns, who and when (valid until the
  // next commit or restore).
  const VersionRecord& record(TableId table, std::uint64_t version) const;
  // Where the bytes of `file` of `table` live (read-only: never change a stored file).
  std::filesystem::path data_path(TableId table, const DataFile& file) const;
  // Why what `attempt` staged for `tables` cannot be committed (a symlink, a special file, a
  // malformed manifest), or nullopt. `orchsim exec` asks before commit() and fails the attempt
  // instead, so that a task's bad output never stops the run.
  std::optional<std::string> check_staged(std::span<const TableId> tables, AttemptId attempt) const;

 private:
  struct Table {
    DirHandle dir, log_dir, data_dir;
    TableHistory log;
    std::vector<TableVersion> versions;  // log.versions[i].version, the span history() returns
  };
  void lock();
  void recover_pending();
  void open_table(const std::string& name);
  std::optional<DirHandle> staged_table(const std::string& name, AttemptId attempt) const;
  VersionRecord stage(Table& t, const CommitInfo& info);
  void append(Table& t, VersionRecord r);
  void ensure_usable() const;

  std::filesystem::path invocation_dir_;
  DirHandle root_;
  int lock_fd_ = -1;
  std::vector<Table> tables_;
  bool broken_ = false;
};

}  // namespace orchsim::live
