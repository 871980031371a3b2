// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"

#include "core/model/PositionBook.h"
#include "core/model/RunParameters.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <string>
#include <vector>

namespace levex::ui {

/// What a study (a sensitivity sweep, Monte Carlo paths) is computed on: the book, the venue and
/// every parameter. A shown study keeps the basis it was computed on, so it can say what it shows
/// and notice when the shown run no longer matches it.
struct StudyBasis {
    std::shared_ptr<const PositionBook> book;
    /// A lending run's books (then `book` is null and the venue unused).
    std::shared_ptr<const std::vector<LendingBookInput>> lending_books;
    QString book_name; ///< the file (or Library snapshot) name
    QString venue;
    RunParameters params; ///< the symbol resolved to the run's

    /// The basis of a finished run of `book_name` on `venue`.
    static StudyBasis of(const LiveRun& run, const QString& book_name, const QString& venue);
};

/// One line for the panel: "btcusdt-sample.csv · BTCUSDT · generic · Shock −5 %, Half-life 60 s"
/// (the settings that differ from the defaults; `ignored` keys, which the study sets itself, left out).
QString describe_basis(const StudyBasis& basis, const std::vector<std::string>& ignored);

/// What differs between the basis a study was computed on and the shown run's, as the app names
/// it ("the book", "Venue", "Half-life"); empty while the study is current. `ignored` keys are the
/// study's own (a sweep's axes): changing them does not make it stale.
QStringList basis_changes(const StudyBasis& computed, const StudyBasis& now, const std::vector<std::string>& ignored);

} // namespace levex::ui
