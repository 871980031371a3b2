// SPDX-License-Identifier: GPL-3.0-or-later
// levex: the desktop app. `levex [BOOK.csv | SCENARIO.levex.json]` opens a book (the bundled sample
// by default) or a scenario file (its book, venue and parameters);
// `levex --screenshot OUT.png [BOOK.csv]` saves the window once the book is shown, then exits.
// `--db FILE` opens another workspace database than the user's default (AppDataLocation).
#include "ui/export/ScenarioFiles.h"
#include "ui/window/MainWindow.h"

#include "core/base/MemoryReuse.h"
#include "core/base/ResourcePaths.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

const QCommandLineOption
    screenshot("screenshot", "save a screenshot of the main window to FILE once the book is shown, then exit", "FILE");
const QCommandLineOption
    database("db", "the Library's workspace database (default: workspace.db in the user's data folder)", "FILE");

void describe(QCoreApplication& app, QCommandLineParser& parser) {
    QCoreApplication::setApplicationName("LevEx");
    QCoreApplication::setOrganizationName("LevEx");
    QCoreApplication::setApplicationVersion(QString::fromLatin1(levex::version()));
    parser.setApplicationDescription("LevEx: liquidation cascades of leveraged positions");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("file",
                                 "positions CSV or scenario (.levex.json) to open (default: the bundled sample)",
                                 "[BOOK.csv | SCENARIO.levex.json]");
    parser.addOption(screenshot);
    parser.addOption(database);
    parser.process(app); // prints help, version or a usage error and exits
}

} // namespace

int main(int argc, char** argv) {
    // Help and version need no display: answer them before a GUI application looks for one.
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "-v" || arg == "--version") {
            QCoreApplication app(argc, argv);
            QCommandLineParser parser;
            describe(app, parser);
        }
    }
    levex::keep_freed_memory_for_reuse();
    QApplication app(argc, argv);
    QCommandLineParser parser;
    describe(app, parser);

    levex::ui::MainWindow window;
    if (!parser.isSet(screenshot)) // a screenshot shows the defaults, whatever the user last chose
        window.useSettings();
    // The Library: --db, else the user's data folder; a screenshot leaves the user's library alone.
    if (parser.isSet(database)) {
        window.useWorkspace(parser.value(database));
    } else if (!parser.isSet(screenshot)) {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(folder);
        window.useWorkspace(folder + "/workspace.db");
    }
    const QStringList books = parser.positionalArguments();
    const QString book = books.isEmpty() ? QString::fromStdString(levex::sample_book_path()) : books.front();

    if (parser.isSet(screenshot)) {
        // Grab once the liquidation map and the first simulation are both drawn.
        const QString out = parser.value(screenshot);
        auto pending = std::make_shared<int>(2);
        auto grab = [&app, &window, out, pending] {
            if (--*pending != 0)
                return;
            QTimer::singleShot(300, &app, [&app, &window, out] { // let the queued replots settle
                const bool saved = window.grab().save(out);
                if (!saved)
                    std::fprintf(stderr, "levex: cannot write screenshot %s\n", qPrintable(out));
                app.exit(saved ? 0 : 1);
            });
        };
        QObject::connect(&window, &levex::ui::MainWindow::bookReady, &app, grab);
        QObject::connect(&window, &levex::ui::MainWindow::simulationFinished, &app, grab);
        auto fail = [&app](const QString& message) {
            std::fprintf(stderr, "levex: %s\n", qPrintable(message));
            app.exit(3);
        };
        QObject::connect(&window, &levex::ui::MainWindow::bookFailed, &app, fail);
    }
    window.show();
    if (levex::ui::looks_like_scenario(book)) { // dispatch on the suffix, else on the content
        if (parser.isSet(screenshot))
            QObject::connect(&window, &levex::ui::MainWindow::scenarioOpened, &app, [&app](const QString& error) {
                if (error.isEmpty())
                    return;
                std::fprintf(stderr, "levex: %s\n", qPrintable(error));
                app.exit(3);
            });
        window.openScenario(book);
    } else {
        window.openBook(book);
    }
    return app.exec();
}
