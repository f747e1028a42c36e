#include "engine/live/sqlite_statement.h"

#include <fmt/format.h>

#include "engine/live/run_history.h"

namespace orchsim::live {

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql, const std::string& what)
    : db_(db), what_(what) {
  check(sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr));
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

void SqliteStatement::check(int rc) const {
  if (rc != SQLITE_OK) throw RunHistoryError(fmt::format("{}: {}", what_, sqlite3_errmsg(db_)));
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw RunHistoryError(fmt::format("{}: {}", what_, sqlite3_errmsg(db_)));
}

void SqliteStatement::run() {
  while (step()) {
  }
}

void SqliteStatement::bind(int i, std::int64_t v) { check(sqlite3_bind_int64(stmt_, i, v)); }

void SqliteStatement::bind(int i, std::string_view v) {
  check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
}

void SqliteStatement::bind(int i, std::nullopt_t) { check(sqlite3_bind_null(stmt_, i)); }

std::int64_t SqliteStatement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<std::int64_t> SqliteStatement::optional_integer(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(stmt_, column);
}

std::string SqliteStatement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

SqliteTransaction::SqliteTransaction(sqlite3* db, const std::string& what) : db_(db), what_(what) {
  SqliteStatement(db_, "SAVEPOINT orchsim", what_).run();
}

SqliteTransaction::~SqliteTransaction() {
  if (!done_) sqlite3_exec(db_, "ROLLBACK TO orchsim; RELEASE orchsim", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit() {
  SqliteStatement(db_, "RELEASE orchsim", what_).run();
  done_ = true;
}

}  // namespace orchsim::live
