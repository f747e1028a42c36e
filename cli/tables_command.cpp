#include "cli/tables_command.h"

#include <ctime>
#include <ostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/command_line.h"
#include "cli/exit_codes.h"
#include "engine/json_escape.h"
#include "engine/live/dir_handle.h"
#include "engine/live/sha256.h"
#include "engine/live/table_log.h"

namespace orchsim::cli {

namespace po = boost::program_options;

namespace {

// "2026-12-05T14:03:07.123456Z".
std::string utc_time(std::int64_t unix_us) {
  const std::time_t seconds = static_cast<std::time_t>(unix_us / 1'000'000);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec, unix_us % 1'000'000);
}

template <class Id>
std::string id_text(Id id) {
  return id.valid() ? std::to_string(id.value()) : "-";
}

std::string table_text(const live::TableHistory& t) {
  std::string out = fmt::format("table {}: current version {}\n", t.name, t.versions.back().version.version);
  out += fmt::format("  {:>7}  {:<7}  {:<27}  {:>4}  {:>4}  {:>7}  {:>5}  {:>10}  {}\n", "version", "kind", "time (UTC)", "run",
                     "task", "attempt", "files", "rows", "note");
  for (const live::VersionRecord& r : t.versions) {
    const TableVersion& v = r.version;
    std::string note;
    if (v.kind == VersionKind::kRestore) note = fmt::format("restored from version {}", v.restored_from);
    if (v.kind == VersionKind::kCommit && !r.staged) note = "nothing staged: content unchanged";
    if (r.txn.size() > 1) {
      std::string with;
      for (const auto& [name, version] : r.txn) {
        if (name != t.name) with += fmt::format("{}{} v{}", with.empty() ? "" : ", ", name, version);
      }
      note += fmt::format("{}with {}", note.empty() ? "" : "; ", with);
    }
    std::string line = fmt::format("  {:>7}  {:<7}  {:<27}  {:>4}  {:>4}  {:>7}  {:>5}  {:>10}  {}", v.version,
                                   live::version_kind_name(v.kind), utc_time(r.unix_us), id_text(v.info.run), id_text(v.info.task),
                                   id_text(v.info.attempt), r.files.size(), r.rows ? std::to_string(*r.rows) : "-", note);
    line.erase(line.find_last_not_of(' ') + 1);  // no trailing blanks when there is no note
    out += line + "\n";
  }
  return out;
}

std::string tables_json(const std::vector<live::TableHistory>& tables) {
  std::string out = "{\"tables\":[";
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const live::TableHistory& t = tables[i];
    out += fmt::format("{}{{\"name\":{},\"current\":{},\"versions\":[", i ? "," : "", json_string(t.name),
                       t.versions.back().version.version);
    for (std::size_t v = 0; v < t.versions.size(); ++v) {
      std::string line = live::record_line(t.versions[v]);
      line.pop_back();  // the record's newline
      out += (v ? "," : "") + line;
    }
    out += "]}";
  }
  return out + "]}\n";
}

// Every data file every version lists must be there with its size and hash.
void verify(const std::filesystem::path& root, const std::vector<live::TableHistory>& tables) {
  for (const live::TableHistory& t : tables) {
    const live::DirHandle data = live::DirHandle::open_path(root / t.name / live::kDataDir, false);
    for (const live::VersionRecord& r : t.versions) {
      for (const live::DataFile& f : r.files) {
        live::Sha256 hash;
        std::uint64_t size = 0;
        const std::string where = fmt::format("table '{}' version {} file '{}' ({})", t.name, r.version.version, f.path,
                                              (data.path() / f.sha256).string());
        if (data.type(f.sha256) != live::DirHandle::EntryType::kFile) throw live::TableStoreError(where + ": missing");
        data.read_chunks(f.sha256, [&](std::string_view chunk) {
          hash.update(chunk);
          size += chunk.size();
        });
        if (size != f.size || hash.hex_digest() != f.sha256) throw live::TableStoreError(where + ": damaged (size or hash differs)");
      }
    }
  }
}

}  // namespace

int tables_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "orchsim tables DIR [--table NAME] [--json] [--verify]\n\n"
      "Lists the versions of the table store DIR that `orchsim exec` writes (docs/exec.md, \"Tables\"):\n"
      "per table its current version and every commit, restore and creation, oldest first.\n\noptions");
  std::string table;
  options.add_options()
      ("help,h", "show this help")
      ("table", po::value(&table), "only this table")
      ("json", "print JSON: per table its name, current version and every version's commit record")
      ("verify", "also re-hash every data file every version lists; a missing or damaged one is an error");
  const po::variables_map vm = parse_with_file(args, options, "table store directory");
  if (vm.count("help")) {
    out << options << "\n";
    return kExitOk;
  }
  if (!vm.count("file")) {
    err << "error: tables: missing the table store DIR (see 'orchsim tables --help')\n";
    return kExitBadInput;
  }
  const std::filesystem::path root = vm["file"].as<std::string>();
  try {
    std::vector<live::TableHistory> tables = live::read_store(root);
    if (vm.count("table")) {
      std::erase_if(tables, [&](const live::TableHistory& t) { return t.name != table; });
      if (tables.empty()) throw live::TableStoreError(fmt::format("{}: no table '{}'", root.string(), table));
    }
    if (vm.count("verify")) verify(root, tables);
    if (vm.count("json")) {
      out << tables_json(tables);
    } else {
      for (std::size_t i = 0; i < tables.size(); ++i) out << (i ? "\n" : "") << table_text(tables[i]);
      if (tables.empty()) out << "no tables yet\n";
      if (vm.count("verify")) out << "\nevery data file is present and matches its hash\n";
    }
  } catch (const live::TableStoreError& e) {
    err << "error: " << e.what() << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace orchsim::cli
