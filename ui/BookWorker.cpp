// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BookWorker.h"

#include "core/PositionCsvReader.h"
#include "core/ResourcePaths.h"
#include "core/TextFile.h"

#include <chrono>
#include <cmath>

namespace levex::ui {

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
} // namespace

BookWorker::BookWorker(QObject* parent) : QObject(parent) {}

void BookWorker::process(const BookRequest& request) {
    if (request.generation < newest_.load())
        return; // a newer request is queued behind this one
    try {
        auto snapshot = std::make_shared<BookSnapshot>();
        snapshot->path = request.path;
        snapshot->venue = load_venue_profile(request.venue.toStdString(), venue_dir());
        const auto t0 = std::chrono::steady_clock::now();
        const bool same_book = last_ && last_->path == request.path &&
                               last_->venue.contract == snapshot->venue.contract &&
                               last_->venue.contract_size == snapshot->venue.contract_size;
        if (same_book) {
            snapshot->book = last_->book;
            snapshot->load_ms = last_->load_ms;
            snapshot->notices = last_->notices;
        } else {
            PositionCsvOptions options;
            options.contract = contract_of(snapshot->venue);
            options.progress = [this, &request](double) { return request.generation >= newest_.load(); };
            PositionCsvResult result = read_positions_csv(request.path.toStdString(), options);
            if (result.cancelled)
                return;
            if (!result.ok) {
                const Issue* error = result.first_error();
                emit failed(request.generation,
                            QString::fromStdString(error ? format_issue(*error) : "could not read the book"));
                return;
            }
            snapshot->book = std::move(result.book);
            snapshot->notices = result.issues.size();
            snapshot->load_ms = ms_since(t0);
        }
        if (snapshot->book.positions() == 0)
            throw std::runtime_error(request.path.toStdString() + ": the book holds no positions");
        const auto t1 = std::chrono::steady_clock::now();
        MarginSettings settings;
        settings.leverage_mult = request.leverage_mult;
        snapshot->levels = compute_liquidation_levels(snapshot->book, snapshot->venue, settings);
        snapshot->symbol = snapshot->book.largest_symbol();
        double mark = snapshot->book.symbol_mark[snapshot->symbol];
        if (std::isnan(mark)) { // no mark in the file: centre on the average entry (shown as such)
            snapshot->mark_estimated = true;
            double q = 0, qe = 0;
            for (std::size_t i = 0; i < snapshot->book.positions(); ++i)
                if (snapshot->book.symbol[i] == snapshot->symbol) {
                    q += snapshot->book.size[i];
                    qe += snapshot->book.size[i] * snapshot->book.entry_price[i];
                }
            mark = qe / q;
        }
        snapshot->map = build_liquidation_map(snapshot->book, contract_of(snapshot->venue), snapshot->levels,
                                              snapshot->symbol, mark, 240, 0.30);
        snapshot->compute_ms = ms_since(t1);
        last_ = snapshot;
        if (request.generation >= newest_.load())
            emit ready(request.generation, snapshot);
    } catch (const std::exception& e) {
        emit failed(request.generation, QString::fromStdString(e.what()));
    }
}

} // namespace levex::ui
