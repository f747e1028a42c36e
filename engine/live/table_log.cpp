#include "engine/live/table_log.h"

#include <algorithm>

#include <fmt/format.h>

#include "engine/json_escape.h"
#include "engine/live/sha256.h"

namespace orchsim::live {

namespace {

template <class Id>
std::string id_json(Id id) {
  return id.valid() ? std::to_string(id.value()) : "null";
}

// Typed reads of a record's members; every problem names the file.
class RecordReader {
 public:
  RecordReader(const JsonValue& v, const std::string& where) : v_(v), where_(where) {
    if (v.kind != JsonValue::Kind::kObject) fail("a commit record must be a JSON object");
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw TableStoreError(fmt::format("{}: corrupt table log: {}", where_, what));
  }
  const std::string& where() const { return where_; }
  const JsonValue& get(const char* key) const {
    const JsonValue* m = v_.find(key);
    if (m == nullptr) fail(fmt::format("missing \"{}\"", key));
    return *m;
  }
  std::uint64_t uint(const char* key) const { return uint_of(get(key), key); }
  std::uint64_t uint_of(const JsonValue& m, const char* key) const {
    const auto u = m.as_uint();
    if (!u) fail(fmt::format("\"{}\" must be a non-negative integer", key));
    return *u;
  }
  std::optional<std::uint64_t> opt_uint(const char* key) const {
    const JsonValue& m = get(key);
    if (m.kind == JsonValue::Kind::kNull) return std::nullopt;
    return uint_of(m, key);
  }
  const std::string& str(const char* key) const { return str_of(get(key), key); }
  const std::string& str_of(const JsonValue& m, const char* key) const {
    if (m.kind != JsonValue::Kind::kString) fail(fmt::format("\"{}\" must be a string", key));
    return m.text;
  }
  const std::vector<JsonValue>& array(const char* key) const {
    const JsonValue& m = get(key);
    if (m.kind != JsonValue::Kind::kArray) fail(fmt::format("\"{}\" must be an array", key));
    return m.items;
  }
  template <class Id>
  Id id(const char* key) const {
    const auto u = opt_uint(key);
    if (u && *u >= UINT32_MAX) fail(fmt::format("\"{}\" out of range", key));
    return u ? Id(static_cast<std::uint32_t>(*u)) : Id::invalid();
  }

 private:
  const JsonValue& v_;
  const std::string& where_;
};

VersionKind kind_of(const RecordReader& rd, const std::string& s) {
  if (s == "create") return VersionKind::kCreate;
  if (s == "commit") return VersionKind::kCommit;
  if (s == "restore") return VersionKind::kRestore;
  rd.fail(fmt::format("unknown kind \"{}\"", s));
}

bool is_hex_digest(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::vector<DataFile> files_of(const RecordReader& rd) {
  std::vector<DataFile> files;
  for (const JsonValue& f : rd.array("files")) {
    const RecordReader fr(f, rd.where());
    DataFile d{.path = rd.str_of(fr.get("path"), "path"), .size = rd.uint_of(fr.get("size"), "size"),
               .sha256 = rd.str_of(fr.get("sha256"), "sha256")};
    if (!is_hex_digest(d.sha256)) rd.fail(fmt::format("file \"{}\": sha256 is not 64 hex digits", d.path));
    if (!files.empty() && !(files.back().path < d.path)) rd.fail("files must be sorted by path, without duplicates");
    files.push_back(std::move(d));
  }
  return files;
}

std::optional<std::vector<std::string>> columns_of(const RecordReader& rd) {
  const JsonValue& c = rd.get("columns");
  if (c.kind == JsonValue::Kind::kNull) return std::nullopt;
  std::vector<std::string> out;
  for (const JsonValue& s : rd.array("columns")) out.push_back(rd.str_of(s, "columns"));
  return out;
}

std::vector<std::pair<std::string, std::uint64_t>> txn_of(const RecordReader& rd) {
  std::vector<std::pair<std::string, std::uint64_t>> txn;
  for (const JsonValue& t : rd.array("txn")) {
    const RecordReader tr(t, rd.where());
    txn.emplace_back(rd.str_of(tr.get("table"), "table"), rd.uint_of(tr.get("version"), "version"));
  }
  return txn;
}

std::uint64_t parse_content(const RecordReader& rd) {
  const std::string& s = rd.str("content");
  std::uint64_t v = 0;
  if (s.size() != 16) rd.fail("\"content\" must be 16 hex digits");
  for (const char c : s) {
    const int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    if (d < 0) rd.fail("\"content\" must be 16 lower-case hex digits");
    v = v * 16 + static_cast<std::uint64_t>(d);
  }
  return v;
}

}  // namespace

std::optional<std::string> table_name_problem(const std::string& name) {
  if (name.empty()) return "a table name must not be empty";
  if (name.size() > 200) return "a table name must be at most 200 bytes";
  if (name == "." || name == "..") return "'.' and '..' are not table names";
  if (name[0] == '.' || name[0] == '_') return "a table name must not start with '.' or '_' (reserved by the store)";
  for (const char c : name) {
    if (c == '/' || c == '\\') return "a table name must not contain '/' or '\\'";
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "a table name must not contain control characters";
  }
  return std::nullopt;
}

std::uint64_t snapshot_content(const std::vector<DataFile>& files) {
  std::string text;
  for (const DataFile& f : files) text += fmt::format("{}\t{}\t{}\n", json_string(f.path), f.size, f.sha256);
  const std::string digest = sha256_hex(text);
  return std::stoull(digest.substr(0, 16), nullptr, 16);
}

const char* version_kind_name(VersionKind kind) {
  switch (kind) {
    case VersionKind::kCreate: return "create";
    case VersionKind::kCommit: return "commit";
    case VersionKind::kRestore: return "restore";
  }
  return "?";
}

std::string log_file_name(std::uint64_t version) { return fmt::format("{:020}.json", version); }

std::string record_line(const VersionRecord& r) {
  const TableVersion& v = r.version;
  std::string files;
  for (const DataFile& f : r.files) {
    if (!files.empty()) files += ',';
    files += fmt::format(R"({{"path":{},"size":{},"sha256":"{}"}})", json_string(f.path), f.size, f.sha256);
  }
  std::string columns = "null";
  if (r.columns) {
    columns = "[";
    for (std::size_t i = 0; i < r.columns->size(); ++i) {
      if (i > 0) columns += ',';
      columns += json_string((*r.columns)[i]);
    }
    columns += "]";
  }
  std::string txn;
  for (const auto& [t, tv] : r.txn) txn += fmt::format(R"({}{{"table":{},"version":{}}})", txn.empty() ? "" : ",", json_string(t), tv);
  return fmt::format(
      R"({{"table":{},"version":{},"kind":"{}","restored_from":{},"content":"{:016x}","run":{},"task":{},"attempt":{},)"
      R"("at_us":{},"unix_us":{},"invocation":{},"staged":{},"rows":{},"columns":{},"files":[{}],"txn":[{}]}})"
      "\n",
      json_string(r.table), v.version, version_kind_name(v.kind),
      v.kind == VersionKind::kRestore ? std::to_string(v.restored_from) : "null", v.content, id_json(v.info.run),
      id_json(v.info.task), id_json(v.info.attempt), v.info.at.micros(), r.unix_us, json_string(r.invocation),
      r.staged ? "true" : "false", r.rows ? std::to_string(*r.rows) : "null", columns, files, txn);
}

VersionRecord record_from_line(const std::string& text, const std::string& where) {
  JsonValue json;
  try {
    json = parse_json(text);
  } catch (const JsonError& e) {
    throw TableStoreError(fmt::format("{}:{}:{}: corrupt table log: {}", where, e.line(), e.column(), e.what()));
  }
  const RecordReader rd(json, where);
  VersionRecord r;
  r.table = rd.str("table");
  TableVersion& v = r.version;
  v.version = rd.uint("version");
  v.kind = kind_of(rd, rd.str("kind"));
  const auto from = rd.opt_uint("restored_from");
  if ((v.kind == VersionKind::kRestore) != from.has_value()) rd.fail("\"restored_from\" is set exactly for a restore");
  v.restored_from = from.value_or(0);
  if (v.kind == VersionKind::kRestore && v.restored_from >= v.version) rd.fail("a restore must name an older version");
  v.content = parse_content(rd);
  v.info = CommitInfo{.at = SimTime::from_micros(static_cast<std::int64_t>(rd.uint("at_us"))),
                      .run = rd.id<RunId>("run"), .task = rd.id<TaskId>("task"), .attempt = rd.id<AttemptId>("attempt")};
  r.unix_us = static_cast<std::int64_t>(rd.uint("unix_us"));
  r.invocation = rd.str("invocation");
  const JsonValue& staged = rd.get("staged");
  if (staged.kind != JsonValue::Kind::kBool) rd.fail("\"staged\" must be true or false");
  r.staged = staged.boolean;
  r.rows = rd.opt_uint("rows");
  r.columns = columns_of(rd);
  r.files = files_of(rd);
  r.txn = txn_of(rd);
  if (snapshot_content(r.files) != v.content) rd.fail("\"content\" does not match the listed files");
  return r;
}

TableHistory read_table_log(const DirHandle& table_dir, const std::string& name, bool remove_temps) {
  TableHistory h{.name = name, .versions = {}};
  const std::optional<DirHandle> log = table_dir.child(kLogDir, false);
  if (!log) return h;
  for (const std::string& file : log->list()) {
    if (file.rfind(".tmp-", 0) == 0) {
      if (remove_temps) log->remove(file);
      continue;
    }
    const std::string where = (log->path() / file).string();
    if (file != log_file_name(h.versions.size())) {
      throw TableStoreError(fmt::format("{}: corrupt table log: expected {} next (versions are numbered from 0 without gaps)",
                                        where, log_file_name(h.versions.size())));
    }
    VersionRecord r = record_from_line(log->read_file(file).value_or(""), where);
    if (r.table != name || r.version.version != h.versions.size()) {
      throw TableStoreError(fmt::format("{}: corrupt table log: the record is not version {} of table '{}'", where,
                                        h.versions.size(), name));
    }
    if (r.version.kind == VersionKind::kRestore && r.files != h.versions[r.version.restored_from].files) {
      throw TableStoreError(fmt::format("{}: corrupt table log: the restore's files differ from version {}'s", where,
                                        r.version.restored_from));
    }
    h.versions.push_back(std::move(r));
  }
  return h;
}

std::vector<VersionRecord> read_pending(const DirHandle& root) {
  std::vector<VersionRecord> out;
  const std::optional<std::string> text = root.read_file(kPendingFile);
  if (!text) return out;
  const std::string where = (root.path() / kPendingFile).string();
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    out.push_back(record_from_line(text->substr(start, end - start), where));
    start = end + 1;
  }
  return out;
}

void apply_pending(TableHistory& history, const std::vector<VersionRecord>& pending) {
  for (const VersionRecord& r : pending) {
    if (r.table != history.name) continue;
    const std::uint64_t v = r.version.version;
    if (v < history.versions.size()) {
      if (record_line(history.versions[v]) != record_line(r)) {
        throw TableStoreError(fmt::format("table '{}': version {} differs from the pending commit's", r.table, v));
      }
    } else if (v == history.versions.size()) {
      history.versions.push_back(r);
    } else {
      throw TableStoreError(fmt::format("table '{}': the pending commit's version {} leaves a gap after version {}",
                                        r.table, v, history.versions.size() - 1));
    }
  }
}

namespace {

// A version whose commit is missing from another table it names, or nullopt. After a crash this
// cannot happen (the rule completes or drops a commit as a whole); it is a read that raced a writer.
std::optional<std::string> torn_commit(const std::vector<TableHistory>& tables) {
  for (const TableHistory& t : tables) {
    for (const VersionRecord& r : t.versions) {
      for (const auto& [other, v] : r.txn) {
        const std::string& other_name = other;  // clang 14 cannot capture a structured binding
        const auto it = std::find_if(tables.begin(), tables.end(), [&](const TableHistory& h) { return h.name == other_name; });
        if (it == tables.end() || v >= it->versions.size()) {
          return fmt::format("version {} of table '{}' was committed with version {} of table '{}', which is missing",
                             r.version.version, t.name, v, other);
        }
      }
    }
  }
  return std::nullopt;
}

std::vector<TableHistory> read_store_once(const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    throw TableStoreError(fmt::format("{}: not a table store (no such directory, or not a directory)", root.string()));
  }
  const DirHandle dir = DirHandle::open_path(root, false);
  const std::vector<VersionRecord> pending = read_pending(dir);
  std::vector<TableHistory> tables;
  for (const std::string& name : dir.list()) {
    if (name[0] == '.' || name[0] == '_') continue;
    if (dir.type(name) != DirHandle::EntryType::kDirectory) {
      throw TableStoreError(fmt::format("{}: not a table store: unexpected entry '{}'", root.string(), name));
    }
    const DirHandle table = *dir.child(name, false);
    TableHistory h = read_table_log(table, name, false);
    apply_pending(h, pending);
    if (!h.versions.empty()) tables.push_back(std::move(h));  // empty: its creation was interrupted
  }
  if (tables.empty() && dir.type(kLockFile) != DirHandle::EntryType::kFile) {
    throw TableStoreError(fmt::format("{}: not a table store (no tables and no {})", root.string(), kLockFile));
  }
  return tables;
}

}  // namespace

std::vector<TableHistory> read_store(const std::filesystem::path& root) {
  // A writer committing meanwhile can make one read see a commit on some tables only: read again.
  std::optional<std::string> torn;
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::vector<TableHistory> tables = read_store_once(root);
    torn = torn_commit(tables);
    if (!torn) return tables;
  }
  throw TableStoreError(fmt::format("{}: inconsistent table store: {} (a commit still in progress, or a damaged store)",
                                    root.string(), *torn));
}

}  // namespace orchsim::live
