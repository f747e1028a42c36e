// SqliteStatement: one prepared SQLite statement with bound parameters (never text pasted into
// SQL), finalized on destruction; and SqliteTransaction, a savepoint that rolls back unless
// committed: a transaction of its own at the top level, a part of the enclosing one when nested
// (RunHistory::Batch around many events). Used by RunHistory only; same thread affinity as the connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace orchsim::live {

class SqliteStatement {
 public:
  // Throws RunHistoryError naming `what` (the database) and SQLite's message.
  SqliteStatement(sqlite3* db, std::string_view sql, const std::string& what);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Binds parameters ?1, ?2, … in order.
  template <class... Args>
  SqliteStatement& bind_all(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }
  // True while a row is available; false when done. Throws on error.
  bool step();
  // Steps to the end (a statement without result rows).
  void run();

  std::int64_t integer(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;
  std::string text(int column) const;  // "" for NULL

 private:
  void bind(int i, std::int64_t v);
  void bind(int i, std::uint64_t v) { bind(i, static_cast<std::int64_t>(v)); }
  void bind(int i, std::uint32_t v) { bind(i, static_cast<std::int64_t>(v)); }
  void bind(int i, int v) { bind(i, static_cast<std::int64_t>(v)); }
  void bind(int i, std::string_view v);
  void bind(int i, const std::string& v) { bind(i, std::string_view(v)); }
  void bind(int i, const char* v) { bind(i, std::string_view(v)); }
  void bind(int i, std::nullopt_t);
  template <class T>
  void bind(int i, const std::optional<T>& v) {
    if (v) bind(i, *v);
    else bind(i, std::nullopt);
  }
  void check(int rc) const;

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  const std::string& what_;
};

class SqliteTransaction {
 public:
  SqliteTransaction(sqlite3* db, const std::string& what);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void commit();

 private:
  sqlite3* db_;
  const std::string& what_;
  bool done_ = false;
};

}  // namespace orchsim::live
