// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ScenarioFiles.h"

#include "core/base/Issue.h"
#include "core/base/ResourcePaths.h"
#include "core/base/Sha256.h"
#include "core/base/TextFile.h"
#include "core/model/VenueProfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace levex::ui {

namespace {

std::string file_sha256(const std::string& path) {
    const MappedFile file(path);
    return sha256_hex(file.bytes());
}

void check_pinned(const char* what, const std::string& path, const std::string& pinned) {
    if (pinned.empty() || path.empty())
        return;
    if (!QFileInfo::exists(QString::fromStdString(path)))
        throw DataError({Severity::Error, path, 0, 0, "",
                         std::string("expected the ") + what + " the scenario names, found no such file"});
    if (file_sha256(path) != pinned)
        throw DataError({Severity::Error, path, 0, 0, "",
                         std::string("expected the ") + what + " the scenario pinned (sha256 " + pinned.substr(0, 12) +
                             "…), found a different file"});
}

} // namespace

Scenario scenario_for_run(const RunParameters& params, const QString& venue, const QString& book_path) {
    return scenario_of_run(params, load_venue_profile(venue.toStdString(), venue_dir()).json,
                           QFileInfo(book_path).absoluteFilePath().toStdString(), file_sha256(book_path.toStdString()));
}

OpenedScenario open_scenario(const QString& path, const QString& profile_folder) {
    OpenedScenario opened;
    opened.scenario = parse_scenario_json(read_text_file(path.toStdString()), path.toStdString());
    const Scenario& s = opened.scenario;

    // The book as named, else a file of that name beside the scenario (a folder moved as a whole).
    const QString named = QString::fromStdString(s.book_file);
    const QDir here = QFileInfo(path).absoluteDir();
    for (const QString& candidate :
         {QDir::isAbsolutePath(named) ? named : here.filePath(named), here.filePath(QFileInfo(named).fileName())})
        if (!named.isEmpty() && QFileInfo(candidate).isFile()) {
            opened.book_path = candidate;
            break;
        }
    if (opened.book_path.isEmpty())
        throw DataError(
            {Severity::Error, path.toStdString(), 0, 0, "book_file",
             "expected the book '" + s.book_file + "' (as named, or beside the scenario), found no such file"});
    if (!s.book_sha256.empty() && file_sha256(opened.book_path.toStdString()) != s.book_sha256)
        throw DataError({Severity::Error, opened.book_path.toStdString(), 0, 0, "",
                         "expected the book of scenario " + path.toStdString() + " (sha256 " +
                             s.book_sha256.substr(0, 12) + "…), found a different file"});
    check_pinned("L2 book", s.params.book_file, s.l2_sha256);
    check_pinned("price series", s.params.price_series_file, s.series_sha256);

    // The venue: the bundled profile when it is the same text, else the pinned one as a user file.
    const VenueProfile pinned = parse_venue_profile(s.venue_json, path.toStdString() + ": venue");
    const auto bundled = list_venue_profiles(venue_dir());
    if (std::find(bundled.begin(), bundled.end(), pinned.name) != bundled.end() &&
        load_venue_profile(pinned.name, venue_dir()).json == s.venue_json) {
        opened.venue = QString::fromStdString(pinned.name);
    } else {
        QDir().mkpath(profile_folder);
        const QString file = QDir(profile_folder).filePath(QString::fromStdString(pinned.name) + ".json");
        write_text_file(file.toStdString(), s.venue_json);
        opened.venue = file;
    }
    return opened;
}

bool looks_like_scenario(const QString& path) {
    if (path.endsWith(QLatin1String(kScenarioSuffix), Qt::CaseInsensitive))
        return true;
    QFile file(path);
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) || !file.open(QIODevice::ReadOnly))
        return false;
    return file.read(4096).contains("\"levex_scenario\"");
}

} // namespace levex::ui
