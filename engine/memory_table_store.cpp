#include "engine/memory_table_store.h"

#include "engine/check.h"

namespace orchsim {

namespace {
std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t z = a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2));
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
}  // namespace

TableId MemoryTableStore::add_table(std::string name, std::uint64_t content) {
  const TableId id(static_cast<std::uint32_t>(tables_.size()));
  tables_.push_back({std::move(name), {TableVersion{.version = 0, .content = content}}});
  return id;
}

void MemoryTableStore::commit(std::span<const TableId> tables, const CommitInfo& info) {
  // Validate everything first so that a bad id cannot leave a half-applied commit.
  for (TableId t : tables) ORCHSIM_CHECK(t.index() < tables_.size(), "commit to unknown table {}", t);
  for (TableId t : tables) {
    auto& h = tables_[t.index()].history;
    const TableVersion& prev = h.back();
    h.push_back({.version = prev.version + 1,
                 .content = mix(mix(prev.content, info.attempt.value()), t.value()),
                 .kind = VersionKind::kCommit,
                 .info = info});
  }
}

const TableVersion& MemoryTableStore::restore(TableId table, std::uint64_t version, const CommitInfo& info) {
  ORCHSIM_CHECK(table.index() < tables_.size(), "restore of unknown table {}", table);
  auto& h = tables_[table.index()].history;
  ORCHSIM_CHECK(version < h.size(), "restore of table {} to missing version {}", table, version);
  const std::uint64_t content = h[version].content;
  h.push_back({.version = h.back().version + 1, .content = content, .kind = VersionKind::kRestore,
               .restored_from = version, .info = info});
  return h.back();
}

}  // namespace orchsim
