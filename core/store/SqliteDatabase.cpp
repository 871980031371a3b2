// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SqliteDatabase.h"

#include <sqlite3.h>

#include <cmath>
#include <limits>

namespace levex {

SqliteDatabase::SqliteDatabase(const std::string& path, bool create) : path_(path) {
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw SqliteError(path + ": cannot open the database: " + message, rc & 0xff);
    }
    sqlite3_extended_result_codes(db_, 0);
}

SqliteDatabase::~SqliteDatabase() {
    sqlite3_close_v2(db_);
}

void SqliteDatabase::check(int rc, std::string_view what) const {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
        return;
    throw SqliteError(path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_), rc & 0xff);
}

void SqliteDatabase::exec(const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw SqliteError(path_ + ": " + message, rc & 0xff);
    }
}

SqliteStatement SqliteDatabase::prepare(std::string_view sql) {
    return SqliteStatement(*this, sql);
}

std::int64_t SqliteDatabase::query_int(const std::string& sql) {
    SqliteStatement statement(*this, sql);
    if (!statement.step())
        throw SqliteError(path_ + ": " + sql + ": expected a row, found none", SQLITE_ERROR);
    return statement.column_int(0);
}

std::int64_t SqliteDatabase::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(db_);
}

int SqliteDatabase::changes() const {
    return sqlite3_changes(db_);
}

SqliteStatement::SqliteStatement(SqliteDatabase& db, std::string_view sql) : db_(&db) {
    const int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt_, nullptr);
    db.check(rc, "preparing '" + std::string(sql.substr(0, 60)) + "'");
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(stmt_);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
}

void SqliteStatement::bind(int index, std::int64_t value) {
    db_->check(sqlite3_bind_int64(stmt_, index, value), "binding an integer");
}

void SqliteStatement::bind(int index, double value) {
    if (std::isnan(value))
        bind_null(index);
    else
        db_->check(sqlite3_bind_double(stmt_, index, value), "binding a number");
}

void SqliteStatement::bind(int index, std::string_view text) {
    db_->check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
               "binding text");
}

void SqliteStatement::bind_static(int index, std::string_view text) {
    db_->check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8), "binding text");
}

void SqliteStatement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
    db_->check(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT), "binding a blob");
}

void SqliteStatement::bind_null(int index) {
    db_->check(sqlite3_bind_null(stmt_, index), "binding NULL");
}

bool SqliteStatement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const char* sql = sqlite3_sql(stmt_);
    const std::string what = "running '" + std::string(sql ? sql : "").substr(0, 60) + "'";
    sqlite3_reset(stmt_); // keeps the statement usable after e.g. SQLITE_FULL
    db_->check(rc, what);
    return false;
}

void SqliteStatement::run() {
    step();
    reset();
}

void SqliteStatement::reset() {
    sqlite3_reset(stmt_);
}

bool SqliteStatement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::column_int(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double SqliteStatement::column_double(int column) const {
    if (is_null(column))
        return std::numeric_limits<double>::quiet_NaN();
    return sqlite3_column_double(stmt_, column);
}

std::string_view SqliteStatement::column_text(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string_view();
}

std::span<const std::uint8_t> SqliteStatement::column_blob(int column) const {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
    return data ? std::span<const std::uint8_t>(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::span<const std::uint8_t>();
}

SqliteTransaction::SqliteTransaction(SqliteDatabase& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
    if (!done_ && sqlite3_get_autocommit(db_.handle()) == 0)
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace levex
