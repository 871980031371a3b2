// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ScenarioFiles.h"

#include "ui/models/ParameterNames.h"

#include "core/base/TextFile.h"
#include "core/usecase/ScenarioOfRun.h"

#include <QFile>
#include <QFileInfo>

#include <functional>

namespace levex::ui {

ScenarioFiles::ScenarioFiles(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const OpenedScenario>>();
    pool_.setMaxThreadCount(1); // one file job at a time, in the order asked
}

ScenarioFiles::~ScenarioFiles() {
    pool_.waitForDone(); // its jobs report to this object
}

void ScenarioFiles::inBackground(const QString& path, Failure failure, std::function<std::function<void()>()> work) {
    pool_.start([this, path, failure, work = std::move(work)] {
        std::function<void()> then;
        try {
            then = work();
        } catch (const std::exception& e) {
            then = [this, path, failure, message = phrase_for_app(e)] { emit(this->*failure)(path, message); };
        }
        QMetaObject::invokeMethod(this, std::move(then), Qt::QueuedConnection);
    });
}

void ScenarioFiles::open(const QString& path, const QString& profile_folder) {
    inBackground(path, &ScenarioFiles::openFailed, [this, path, profile_folder]() -> std::function<void()> {
        auto scenario = std::make_shared<const OpenedScenario>(
            open_scenario_file(path.toStdString(), profile_folder.toStdString()));
        return [this, path, scenario] { emit opened(path, scenario); };
    });
}

void ScenarioFiles::save(const QString& path, const RunParameters& params, const QString& venue,
                         const QString& book_path) {
    const std::string book = QFileInfo(book_path).absoluteFilePath().toStdString();
    inBackground(path, &ScenarioFiles::saveFailed,
                 [this, path, params, venue = venue.toStdString(), book]() -> std::function<void()> {
                     write_text_file(path.toStdString(), write_scenario_json(scenario_of_run(params, venue, book)));
                     return [this, path] { emit saved(path); };
                 });
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
