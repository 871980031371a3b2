// SPDX-License-Identifier: GPL-3.0-or-later
// Lending books and lending runs in the workspace (docs/formats.md §6): the Workspace members that
// store and load them.
#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/io/LendingRunReport.h"
#include "core/store/RunBlob.h"
#include "core/store/Workspace.h"
#include "core/store/WorkspaceKeys.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cmath>
#include <limits>

namespace levex {

namespace {

constexpr std::size_t kLendingLogColumns = 13;
constexpr std::size_t kProgressEvery = 1 << 16;

void insert_accounts(SqliteDatabase& db, std::int64_t id, const LendingBook& book) {
    SqliteStatement row = db.prepare(
        "INSERT INTO lending_accounts (key, snapshot_id, name, emode, health_factor) VALUES (?, ?, ?, ?, ?)");
    for (std::size_t a = 0; a < book.accounts(); ++a) {
        row.bind(1, row_key(id, a));
        row.bind(2, id);
        row.bind_static(3, book.account_names[a]);
        row.bind(4, static_cast<std::int64_t>(book.account_emode[a]));
        row.bind(5, book.account_protocol_health_factor[a]);
        row.run();
    }
}

// The rows of every account, in order; false when the progress callback said stop.
bool insert_rows(SqliteDatabase& db, std::int64_t id, const LendingBook& book, const StoreProgress& progress) {
    SqliteStatement row = db.prepare(
        "INSERT INTO lending_rows (key, snapshot_id, account, asset, collateral, debt, liquidation_threshold, "
        "liquidation_bonus, liquidation_protocol_fee, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const std::size_t n = book.rows();
    for (std::size_t r = 0; r < n; ++r) {
        if (progress && r % kProgressEvery == 0 && !progress(static_cast<double>(r) / static_cast<double>(n)))
            return false;
        row.bind(1, row_key(id, r));
        row.bind(2, id);
        row.bind(3, static_cast<std::int64_t>(book.row_account[r]));
        row.bind(4, static_cast<std::int64_t>(book.row_asset[r]));
        row.bind(5, book.collateral[r]);
        row.bind(6, book.debt[r]);
        row.bind(7, book.liquidation_threshold[r]); // NaN (the profile's) is stored as NULL
        row.bind(8, book.liquidation_bonus[r]);
        row.bind(9, book.liquidation_protocol_fee[r]);
        row.bind(10, static_cast<std::int64_t>(book.line[r]));
        row.run();
    }
    return !progress || progress(1.0);
}

// Ends a read transaction whatever happens.
struct ReadTransaction {
    explicit ReadTransaction(SqliteDatabase& database) : db(database) { db.exec("BEGIN"); }
    ~ReadTransaction() { sqlite3_exec(db.handle(), "COMMIT", nullptr, nullptr, nullptr); }
    SqliteDatabase& db;
};

} // namespace

ImportResult Workspace::import_lending_snapshot(const LendingBook& book, const SnapshotSource& source,
                                                const StoreProgress& progress) {
    ImportResult result;
    SqliteTransaction transaction(db_);
    if (auto same = same_content(source)) {
        result.snapshot = std::move(*same);
        result.already_present = true;
        return result;
    }
    nlohmann::json prices = nlohmann::json::array();
    for (double p : book.asset_price)
        prices.push_back(p);
    SqliteStatement insert =
        db_.prepare("INSERT INTO snapshots (name, source_path, content_hash, venue, imported_at, symbols, mark_prices, "
                    "position_count, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'lending')");
    insert.bind(1, unique_name(source));
    insert.bind(2, source.source_path);
    insert.bind(3, source.content_hash);
    insert.bind(4, source.venue);
    insert.bind(5, utc_now_iso8601());
    insert.bind(6, nlohmann::json(book.asset_names).dump());
    insert.bind(7, prices.dump());
    insert.bind(8, static_cast<std::int64_t>(book.accounts()));
    insert.run();
    const std::int64_t id = db_.last_insert_rowid();
    insert_accounts(db_, id, book);
    if (!insert_rows(db_, id, book, progress)) {
        result.cancelled = true;
        return result; // the transaction rolls back
    }
    transaction.commit();
    result.snapshot = *snapshot(id);
    return result;
}

LendingBook Workspace::load_lending_book(std::int64_t snapshot_id) {
    const std::optional<SnapshotInfo> info = snapshot(snapshot_id);
    if (!info)
        throw UsageError(path() + ": no snapshot with id " + std::to_string(snapshot_id));
    if (info->kind != BookKind::Lending)
        throw UsageError(path() + ": snapshot '" + info->name + "' is a position book, not a lending book");
    const std::string what = "snapshot '" + info->name + "'";
    auto damaged = [&](const std::string& expected, const std::string& found) {
        throw DataError({Severity::Error, path(), 0, 0, "", what + ": expected " + expected + ", found " + found});
    };
    LendingBook book;
    book.source = info->source_path;
    for (std::size_t a = 0; a < info->symbols.size(); ++a)
        book.add_asset(info->symbols[a], info->mark_prices[a]);
    const ReadTransaction read(db_); // one consistent view while another connection writes
    struct Account {
        std::string name;
        std::uint32_t emode;
        double health_factor;
    };
    std::vector<Account> accounts;
    accounts.reserve(info->positions);
    SqliteStatement a =
        db_.prepare("SELECT name, emode, health_factor FROM lending_accounts WHERE key BETWEEN ? AND ? ORDER BY key");
    a.bind(1, row_key(snapshot_id, 0));
    a.bind(2, row_key(snapshot_id, 0xFFFFFFFFu));
    while (a.step())
        accounts.push_back(
            {std::string(a.column_text(0)), static_cast<std::uint32_t>(a.column_int(1)), a.column_double(2)});
    if (accounts.size() != info->positions)
        damaged(std::to_string(info->positions) + " accounts", std::to_string(accounts.size()));
    // Rows come grouped by account, in order: each account is added just before its first row.
    std::size_t next = 0;
    auto add_accounts_through = [&](std::size_t last) {
        for (; next <= last && next < accounts.size(); ++next)
            book.add_account(std::move(accounts[next].name), accounts[next].emode, accounts[next].health_factor);
    };
    SqliteStatement rows = db_.prepare(
        "SELECT account, asset, collateral, debt, liquidation_threshold, liquidation_bonus, liquidation_protocol_fee, "
        "line FROM lending_rows WHERE key BETWEEN ? AND ? ORDER BY key");
    rows.bind(1, row_key(snapshot_id, 0));
    rows.bind(2, row_key(snapshot_id, 0xFFFFFFFFu));
    while (rows.step()) {
        const std::int64_t account = rows.column_int(0), asset = rows.column_int(1);
        if (account < 0 || std::size_t(account) + 1 < next || std::size_t(account) >= accounts.size() || asset < 0 ||
            std::size_t(asset) >= book.assets())
            damaged("rows grouped by account, of its accounts and assets",
                    "account " + std::to_string(account) + ", asset " + std::to_string(asset));
        add_accounts_through(std::size_t(account));
        book.add_row(static_cast<std::uint32_t>(account), static_cast<std::uint32_t>(asset), rows.column_double(2),
                     rows.column_double(3));
        book.liquidation_threshold.back() = rows.column_double(4);
        book.liquidation_bonus.back() = rows.column_double(5);
        book.liquidation_protocol_fee.back() = rows.column_double(6);
        book.line.back() = static_cast<std::uint32_t>(rows.column_int(7));
    }
    add_accounts_through(accounts.size());
    return book;
}

std::pair<std::int64_t, std::int64_t>
Workspace::save_scenario_with_lending_run(const std::vector<std::int64_t>& snapshot_ids, const std::string& name,
                                          const Scenario& scenario, const std::string& started_at, double duration_ms,
                                          const std::string& symbol, const LendingRunResult& result) {
    if (snapshot_ids.empty())
        throw std::invalid_argument("a lending run's scenario needs at least one snapshot");
    SqliteTransaction transaction(db_);
    const std::int64_t scenario_id = insert_scenario(snapshot_ids.front(), name, scenario);
    SqliteStatement link =
        db_.prepare("INSERT INTO scenario_books (scenario_id, position, snapshot_id) VALUES (?, ?, ?)");
    for (std::size_t k = 1; k < snapshot_ids.size(); ++k) {
        link.bind(1, scenario_id);
        link.bind(2, static_cast<std::int64_t>(k));
        link.bind(3, snapshot_ids[k]);
        link.run();
    }
    const std::int64_t run_id = insert_lending_run(scenario_id, started_at, duration_ms, symbol, result);
    transaction.commit();
    return {scenario_id, run_id};
}

std::vector<std::int64_t> Workspace::scenario_snapshots(std::int64_t scenario_id) {
    std::vector<std::int64_t> out;
    if (const auto s = scenario(scenario_id))
        out.push_back(s->snapshot_id);
    SqliteStatement q = db_.prepare("SELECT snapshot_id FROM scenario_books WHERE scenario_id = ? ORDER BY position");
    q.bind(1, scenario_id);
    while (q.step())
        out.push_back(q.column_int(0));
    return out;
}

std::int64_t Workspace::insert_lending_run(std::int64_t scenario_id, const std::string& started_at, double duration_ms,
                                           const std::string& symbol, const LendingRunResult& result) {
    std::vector<double> log;
    log.reserve(result.log.size() * kLendingLogColumns);
    for (const LendingEvent& e : result.log)
        log.insert(log.end(),
                   {double(e.step), double(e.book), double(e.account), double(e.collateral_asset), double(e.debt_asset),
                    e.debt_repaid, e.collateral_seized, e.protocol_fee, e.collateral_sold, e.health_factor_before,
                    e.health_factor_after, e.sale_price, e.bad_debt_base});
    return insert_run_row({scenario_id, started_at, duration_ms, symbol, "lending"}, result.frames,
                          lending_summary_json(result.summary),
                          encode_matrix(log, result.log.size(), kLendingLogColumns, BlobEncoding::Dense));
}

void Workspace::read_lending_run(StoredRun& run, std::span<const std::uint8_t> blob) {
    const std::string what = path() + ": run " + std::to_string(run.info.id) + " log";
    const DecodedMatrix log = decode_matrix(blob, what);
    if (log.rows != 0 && log.cols != kLendingLogColumns)
        throw DataError({Severity::Error, path(), 0, 0, "log",
                         what + ": expected " + std::to_string(kLendingLogColumns) + " columns, found " +
                             std::to_string(log.cols)});
    auto whole = [&](double x) {
        if (!(x >= 0 && x <= double(UINT32_MAX) && x == std::floor(x)))
            throw DataError({Severity::Error, path(), 0, 0, "log",
                             what + ": expected a whole number in [0, 4294967295], found " + format_plain(x)});
        return static_cast<std::uint32_t>(x);
    };
    run.lending_log.reserve(log.rows);
    for (std::size_t r = 0; r < log.rows; ++r) {
        const double* v = log.values.data() + r * kLendingLogColumns;
        run.lending_log.push_back({whole(v[0]), whole(v[1]), whole(v[2]), whole(v[3]), whole(v[4]), v[5], v[6], v[7],
                                   v[8], v[9], v[10], v[11], v[12]});
    }
}

} // namespace levex
