// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/ScenarioFile.h"

#include <QString>

namespace levex::ui {

/// The suffix of scenario files the app saves (MIME type application/x-levex-scenario).
inline constexpr const char* kScenarioSuffix = ".levex.json";

/// The scenario of a run, ready to save (docs/command-line.md): every parameter, the venue profile itself,
/// the SHA-256 of the book and of the L2 and price-series files, the program version. Throws
/// (IoError, DataError, UsageError) when a file cannot be read.
Scenario scenario_for_run(const RunParameters& params, const QString& venue, const QString& book_path);

/// A scenario file read for the app: where its book is, which venue the controls should show.
struct OpenedScenario {
    Scenario scenario;
    QString book_path;
    QString venue; ///< a bundled name when identical to the pinned profile, else a profile file
};

/// Reads a scenario: finds its book (the path it names, else the same name beside the scenario),
/// checks the SHA-256 it pinned for the book, L2 and price-series files, and names its venue (the
/// bundled profile when identical, else the embedded profile written to `profile_folder`). Throws
/// DataError or IoError with a message for the user.
OpenedScenario open_scenario(const QString& path, const QString& profile_folder);

/// True for a scenario file: the .levex.json suffix, or JSON holding the "levex_scenario" key.
bool looks_like_scenario(const QString& path);

} // namespace levex::ui
