#include "engine/live/file_table_store.h"

#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>

#include <fmt/format.h>

#include "engine/check.h"
#include "engine/live/manifest_check.h"
#include "engine/live/sha256.h"
#include "engine/live/table_staging.h"

namespace orchsim::live {

namespace {

using FileVisitor = std::function<void(const DirHandle& dir, const std::string& name, const std::string& path)>;

// Visits every regular file under a staged table directory with its path relative to the table
// (the manifest excepted); a symlink or special file anywhere is refused, never followed.
void walk_staged(const DirHandle& dir, const std::string& prefix, int depth, const FileVisitor& visit) {
  if (depth > 32) throw TableStoreError(fmt::format("{}: refused: staged directories nested too deep", dir.path().string()));
  for (const std::string& name : dir.list()) {
    if (prefix.empty() && name == kManifestFile) continue;
    const std::string path = prefix.empty() ? name : prefix + "/" + name;
    switch (dir.type(name)) {
      case DirHandle::EntryType::kDirectory: walk_staged(*dir.child(name, false), path, depth + 1, visit); break;
      case DirHandle::EntryType::kFile: visit(dir, name, path); break;
      case DirHandle::EntryType::kMissing: break;
      case DirHandle::EntryType::kOther:
        throw TableStoreError(fmt::format("{}: refused: a symlink or special file is never committed",
                                          (dir.path() / name).string()));
    }
  }
}

// Copies one staged file into the table's content-addressed data directory (write a temporary,
// fsync, rename to its hash); a file already stored under that hash is kept as it is.
DataFile copy_in(const DirHandle& data, const DirHandle& src, const std::string& name, const std::string& path) {
  static const std::string kIncoming = "incoming";
  data.remove(temp_name(kIncoming));
  FdCloser out{data.create_temp(kIncoming)};
  Sha256 hash;
  DataFile f{.path = path, .size = 0, .sha256 = {}};
  src.read_chunks(name, [&](std::string_view chunk) {
    hash.update(chunk);
    f.size += chunk.size();
    write_all(out.fd, chunk, data.path() / temp_name(kIncoming));
  });
  if (::fsync(out.fd) != 0) {
    throw TableStoreError(fmt::format("{}: cannot fsync: {}", (data.path() / temp_name(kIncoming)).string(), std::strerror(errno)));
  }
  f.sha256 = hash.hex_digest();
  if (data.type(f.sha256) == DirHandle::EntryType::kFile) {
    data.remove(temp_name(kIncoming));
  } else {
    data.rename(temp_name(kIncoming), f.sha256);
  }
  return f;
}

std::int64_t unix_now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

FileTableStore::FileTableStore(const std::filesystem::path& root, const std::vector<std::string>& names,
                               std::filesystem::path invocation_dir)
    : invocation_dir_(std::move(invocation_dir)) {
  for (const std::string& n : names) {
    if (auto why = table_name_problem(n)) throw TableStoreError(fmt::format("table '{}': {}", n, *why));
    if (std::count(names.begin(), names.end(), n) > 1) throw TableStoreError(fmt::format("table '{}' named twice", n));
  }
  root_ = DirHandle::open_path(root, true);
  lock();
  recover_pending();
  for (const std::string& n : names) open_table(n);
}

FileTableStore::~FileTableStore() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

void FileTableStore::lock() {
  lock_fd_ = root_.open_rw(kLockFile);
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    throw TableStoreError(fmt::format("{}: the table store is in use by another process (only one writer at a time)",
                                      root_.path().string()));
  }
}

// The recovery rule: a pending multi-table commit is complete (it was written atomically after
// all its data), so every table's record it lists is written if missing, then it is removed.
void FileTableStore::recover_pending() {
  root_.remove(temp_name(kPendingFile));
  const std::vector<VersionRecord> pending = read_pending(root_);
  if (pending.empty()) return;
  for (const VersionRecord& r : pending) {
    if (auto why = table_name_problem(r.table)) {
      throw TableStoreError(fmt::format("{}: corrupt pending commit: {}", (root_.path() / kPendingFile).string(), *why));
    }
    const std::optional<DirHandle> table = root_.child(r.table, false);
    if (!table) throw TableStoreError(fmt::format("{}: pending commit to a missing table", (root_.path() / r.table).string()));
    TableHistory h = read_table_log(*table, r.table, true);
    const std::size_t before = h.versions.size();
    apply_pending(h, {r});
    if (h.versions.size() > before) table->child(kLogDir, true)->write_atomically(log_file_name(r.version.version), record_line(r));
  }
  root_.remove(kPendingFile);
  root_.sync();
}

void FileTableStore::open_table(const std::string& name) {
  Table t;
  t.dir = *root_.child(name, true);
  t.log_dir = *t.dir.child(kLogDir, true);
  t.data_dir = *t.dir.child(kDataDir, true);
  for (const std::string& f : t.data_dir.list()) {
    if (f.rfind(".tmp-", 0) == 0) t.data_dir.remove(f);
  }
  t.log = read_table_log(t.dir, name, true);
  for (const VersionRecord& r : t.log.versions) t.versions.push_back(r.version);
  tables_.push_back(std::move(t));
  if (tables_.back().log.versions.empty()) {
    VersionRecord r{.table = name, .version = {}, .unix_us = unix_now_us(), .invocation = invocation_dir_.string(),
                    .staged = false, .files = {}, .rows = std::nullopt, .columns = std::nullopt, .txn = {{name, 0}}};
    r.version.content = snapshot_content(r.files);
    append(tables_.back(), std::move(r));
  }
}

void FileTableStore::append(Table& t, VersionRecord r) {
  t.log_dir.write_atomically(log_file_name(r.version.version), record_line(r));
  t.versions.push_back(r.version);
  t.log.versions.push_back(std::move(r));
}

void FileTableStore::ensure_usable() const {
  if (broken_) throw TableStoreError(fmt::format("{}: an earlier write failed; reopen the store to recover it", root_.path().string()));
}

std::optional<DirHandle> FileTableStore::staged_table(const std::string& name, AttemptId attempt) const {
  std::error_code ec;
  if (!std::filesystem::is_directory(invocation_dir_, ec)) return std::nullopt;
  // The invocation directory is the runner's; below it, every step refuses symlinks.
  std::optional<DirHandle> dir = DirHandle::open_path(invocation_dir_, false);
  for (const auto& part : staging_dir(invocation_dir_, attempt).lexically_relative(invocation_dir_)) {
    dir = dir->child(part.string(), false);
    if (!dir) return std::nullopt;
  }
  return dir->child(name, false);
}

VersionRecord FileTableStore::stage(Table& t, const CommitInfo& info) {
  const VersionRecord& prev = t.log.versions.back();
  VersionRecord r{.table = t.log.name, .version = {}, .unix_us = unix_now_us(), .invocation = invocation_dir_.string(),
                  .staged = false, .files = prev.files, .rows = prev.rows, .columns = prev.columns, .txn = {}};
  r.version.version = prev.version.version + 1;
  r.version.kind = VersionKind::kCommit;
  r.version.info = info;
  if (const std::optional<DirHandle> staged = staged_table(t.log.name, info.attempt)) {
    r.staged = true;
    r.files.clear();
    walk_staged(*staged, "", 0, [&](const DirHandle& dir, const std::string& name, const std::string& path) {
      r.files.push_back(copy_in(t.data_dir, dir, name, path));
    });
    std::sort(r.files.begin(), r.files.end());
    t.data_dir.sync();
    const std::optional<Manifest> m = read_manifest(*staged);
    r.rows = m ? m->rows : std::nullopt;
    r.columns = m ? m->columns : std::nullopt;
  }
  r.version.content = snapshot_content(r.files);
  return r;
}

void FileTableStore::commit(std::span<const TableId> tables, const CommitInfo& info) {
  ensure_usable();
  for (std::size_t i = 0; i < tables.size(); ++i) {
    ORCHSIM_CHECK(tables[i].index() < tables_.size(), "commit to unknown table {}", tables[i]);
    ORCHSIM_CHECK(std::find(tables.begin(), tables.begin() + static_cast<std::ptrdiff_t>(i), tables[i]) ==
                      tables.begin() + static_cast<std::ptrdiff_t>(i), "table {} committed twice at once", tables[i]);
  }
  // Staging only adds data files no version lists yet: a refusal here changes nothing visible.
  std::vector<VersionRecord> records;
  for (TableId t : tables) records.push_back(stage(tables_[t.index()], info));
  broken_ = true;  // until every record is written
  std::vector<std::pair<std::string, std::uint64_t>> txn;
  for (const VersionRecord& r : records) txn.emplace_back(r.table, r.version.version);
  std::string pending;
  for (VersionRecord& r : records) {
    r.txn = txn;
    pending += record_line(r);
  }
  // One table: its log file's rename is the atomic step. Several: the pending file's is.
  if (records.size() > 1) root_.write_atomically(kPendingFile, pending);
  for (std::size_t i = 0; i < records.size(); ++i) append(tables_[tables[i].index()], std::move(records[i]));
  if (records.size() > 1) {
    root_.remove(kPendingFile);
    root_.sync();
  }
  broken_ = false;
}

const TableVersion& FileTableStore::restore(TableId table, std::uint64_t version, const CommitInfo& info) {
  ensure_usable();
  ORCHSIM_CHECK(table.index() < tables_.size(), "restore of unknown table {}", table);
  Table& t = tables_[table.index()];
  ORCHSIM_CHECK(version < t.log.versions.size(), "restore of table {} to missing version {}", table, version);
  const VersionRecord& target = t.log.versions[version];
  VersionRecord r{.table = t.log.name, .version = target.version, .unix_us = unix_now_us(),
                  .invocation = invocation_dir_.string(), .staged = false, .files = target.files, .rows = target.rows,
                  .columns = target.columns, .txn = {}};
  r.version.version = t.log.versions.size();
  r.version.kind = VersionKind::kRestore;
  r.version.restored_from = version;
  r.version.info = info;
  r.txn = {{r.table, r.version.version}};
  broken_ = true;
  append(t, std::move(r));
  broken_ = false;
  return t.versions.back();
}

const VersionRecord& FileTableStore::record(TableId table, std::uint64_t version) const {
  ORCHSIM_CHECK(table.index() < tables_.size() && version < tables_[table.index()].log.versions.size(),
                "no version {} of table {}", version, table);
  return tables_[table.index()].log.versions[version];
}

std::filesystem::path FileTableStore::data_path(TableId table, const DataFile& file) const {
  return tables_[table.index()].data_dir.path() / file.sha256;
}

std::optional<std::string> FileTableStore::check_staged(std::span<const TableId> tables, AttemptId attempt) const {
  try {
    for (TableId t : tables) {
      const std::optional<DirHandle> staged = staged_table(tables_[t.index()].log.name, attempt);
      if (!staged) continue;
      walk_staged(*staged, "", 0, [](const DirHandle&, const std::string&, const std::string&) {});
      read_manifest(*staged);
    }
  } catch (const TableStoreError& e) {
    return e.what();
  }
  return std::nullopt;
}

}  // namespace orchsim::live
