// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace levex {

/// A failed SQLite call: the database file, what was being done and SQLite's own message.
/// `code` is the primary result code (SQLITE_FULL, SQLITE_CORRUPT, ...).
class SqliteError : public std::runtime_error {
public:
    SqliteError(const std::string& message, int code) : std::runtime_error(message), code_(code) {}
    int code() const noexcept { return code_; }

private:
    int code_;
};

class SqliteStatement;

/// One SQLite connection (RAII). One connection per thread: a connection is never shared.
class SqliteDatabase {
public:
    /// Opens (creating when `create`) the file read-write. Throws SqliteError.
    SqliteDatabase(const std::string& path, bool create = true);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    /// Runs one or more statements without results.
    void exec(const std::string& sql);
    SqliteStatement prepare(std::string_view sql);
    /// The single integer a query returns (e.g. a PRAGMA).
    std::int64_t query_int(const std::string& sql);
    std::int64_t last_insert_rowid() const;
    int changes() const;
    const std::string& path() const { return path_; }
    sqlite3* handle() const { return db_; }

    /// Throws SqliteError for a result code other than OK/ROW/DONE, naming `what`.
    void check(int rc, std::string_view what) const;

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

/// A prepared statement (RAII), reused with bind/step/reset. Indexes are 1-based as in SQLite;
/// column indexes are 0-based.
class SqliteStatement {
public:
    SqliteStatement(SqliteDatabase& db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&&) = delete;
    SqliteStatement(const SqliteStatement&) = delete;

    void bind(int index, std::int64_t value);
    void bind(int index, double value); ///< NaN is stored as NULL (an absent value)
    void bind(int index, std::string_view text);
    /// Binds text without copying it: `text` must outlive the statement's next step (bulk inserts).
    void bind_static(int index, std::string_view text);
    void bind_blob(int index, std::span<const std::uint8_t> bytes);
    void bind_null(int index);

    /// Advances: true when a row is ready, false when done. Throws SqliteError.
    bool step();
    /// step() for statements that return no rows.
    void run();
    void reset();

    bool is_null(int column) const;
    std::int64_t column_int(int column) const;
    double column_double(int column) const; ///< NULL reads as NaN
    std::string_view column_text(int column) const;
    std::span<const std::uint8_t> column_blob(int column) const;

private:
    SqliteDatabase* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

/// A write transaction (BEGIN IMMEDIATE, so the write lock is taken up front and a busy writer is
/// waited for with the busy timeout rather than failing halfway). Rolled back unless committed.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteDatabase& db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    void commit();

private:
    SqliteDatabase& db_;
    bool done_ = false;
};

} // namespace levex
