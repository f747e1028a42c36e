#include "engine/live/manifest_check.h"

#include <algorithm>

#include <fmt/format.h>

#include "engine/live/json_value.h"
#include "engine/live/table_staging.h"

namespace orchsim::live {

namespace {

Manifest parse_manifest(const std::string& text, const std::string& where) {
  JsonValue json;
  try {
    json = parse_json(text);
  } catch (const JsonError& e) {
    throw TableStoreError(fmt::format("{}:{}:{}: {}", where, e.line(), e.column(), e.what()));
  }
  auto fail = [&](const std::string& what) { throw TableStoreError(fmt::format("{}: {}", where, what)); };
  if (json.kind != JsonValue::Kind::kObject) fail("a manifest must be a JSON object {\"rows\": N, \"columns\": [...]}");
  Manifest m;
  for (const auto& [key, value] : json.members) {
    if (key == "rows") {
      m.rows = value.as_uint();
      if (!m.rows) fail("\"rows\" must be a non-negative integer");
    } else if (key == "columns") {
      if (value.kind != JsonValue::Kind::kArray) fail("\"columns\" must be an array of strings");
      m.columns.emplace();
      for (const JsonValue& c : value.items) {
        if (c.kind != JsonValue::Kind::kString) fail("\"columns\" must be an array of strings");
        m.columns->push_back(c.text);
      }
    } else {
      fail(fmt::format("unknown key \"{}\" (a manifest has \"rows\" and \"columns\")", key));
    }
  }
  return m;
}

// Why one staged table fails the gate, or nullopt.
std::optional<std::string> check_table(const QualityGate& gate, const std::optional<DirHandle>& staging,
                                       const std::string& table) {
  const std::optional<DirHandle> dir = staging ? staging->child(table, false) : std::nullopt;
  const std::optional<Manifest> m = dir ? read_manifest(*dir) : std::nullopt;
  if (!m) {
    return fmt::format("table '{}': the quality gate needs {}/{}, which the task did not write", table, table, kManifestFile);
  }
  if ((gate.min_rows || gate.max_rows) && !m->rows) {
    return fmt::format("table '{}': the manifest has no \"rows\", which the gate's row-count check needs", table);
  }
  if (gate.min_rows && *m->rows < *gate.min_rows) {
    return fmt::format("table '{}': {} rows, fewer than the gate's minimum {}", table, *m->rows, *gate.min_rows);
  }
  if (gate.max_rows && *m->rows > *gate.max_rows) {
    return fmt::format("table '{}': {} rows, more than the gate's maximum {}", table, *m->rows, *gate.max_rows);
  }
  for (const std::string& c : gate.columns) {
    if (!m->columns) return fmt::format("table '{}': the manifest has no \"columns\", which the gate's schema check needs", table);
    if (std::find(m->columns->begin(), m->columns->end(), c) == m->columns->end()) {
      return fmt::format("table '{}': column '{}' missing from the manifest", table, c);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Manifest> read_manifest(const DirHandle& staged_table) {
  const std::optional<std::string> text = staged_table.read_file(kManifestFile);
  if (!text) return std::nullopt;
  return parse_manifest(*text, (staged_table.path() / kManifestFile).string());
}

std::optional<std::string> check_manifests(const QualityGate& gate, const std::filesystem::path& staged_dir,
                                           std::span<const std::string> tables) {
  if (!gate.min_rows && !gate.max_rows && gate.columns.empty()) return std::nullopt;
  try {
    std::error_code ec;
    std::optional<DirHandle> staging;
    if (std::filesystem::is_directory(staged_dir, ec)) staging = DirHandle::open_path(staged_dir, false);
    for (const std::string& t : tables) {
      if (auto why = check_table(gate, staging, t)) return why;
    }
  } catch (const TableStoreError& e) {
    return e.what();  // a malformed manifest or a symlink fails the gate; it never crashes the run
  }
  return std::nullopt;
}

}  // namespace orchsim::live
