// MemoryTableStore: the in-memory TableStore of simulations and tests. A commit's content is a
// deterministic mix of the previous content and the committing attempt, so equal content means
// "the same data" exactly when the history says so. Single-threaded (one per replication).
#pragma once

#include <string>
#include <vector>

#include "engine/table_store.h"

namespace orchsim {

class MemoryTableStore final : public TableStore {
 public:
  // Adds a table at version 0 with the given initial content fingerprint.
  TableId add_table(std::string name, std::uint64_t content = 0);

  std::size_t table_count() const override { return tables_.size(); }
  const std::string& name(TableId table) const override { return tables_[table.index()].name; }
  const TableVersion& current(TableId table) const override { return tables_[table.index()].history.back(); }
  std::span<const TableVersion> history(TableId table) const override { return tables_[table.index()].history; }
  void commit(std::span<const TableId> tables, const CommitInfo& info) override;
  const TableVersion& restore(TableId table, std::uint64_t version, const CommitInfo& info) override;

 private:
  struct Table {
    std::string name;
    std::vector<TableVersion> history;
  };
  std::vector<Table> tables_;
};

}  // namespace orchsim
