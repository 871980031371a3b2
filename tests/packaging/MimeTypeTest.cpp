// SPDX-License-Identifier: GPL-3.0-or-later
// The scenario MIME type (packaging/desktop/*.mime.xml) as a desktop sees it once installed: files
// the app saves (*.levex.json) by name, and a scenario saved under any other name by its content.
#include "core/io/ScenarioFile.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QMimeDatabase>
#include <QProcess>

#include <gtest/gtest.h>

#include <string>

namespace {

const QString kScenarioType = QStringLiteral("application/x-levex-scenario");

class MimeTypeTest : public ::testing::Test {
protected:
    // A private XDG data folder holding our package beside the system's, compiled by
    // update-mime-database as a package's trigger would; set before Qt first reads the database.
    static void SetUpTestSuite() {
        const QString root = QStringLiteral(LEVEX_MIME_TEST_DIR);
        QDir(root).removeRecursively();
        ASSERT_TRUE(QDir().mkpath(root + "/mime/packages"));
        ASSERT_TRUE(QFile::copy(QStringLiteral(LEVEX_MIME_XML), root + "/mime/packages/levex.xml"));
        const QByteArray system = qgetenv("XDG_DATA_DIRS");
        qputenv("XDG_DATA_DIRS",
                root.toLocal8Bit() + ":" + (system.isEmpty() ? "/usr/local/share:/usr/share" : system));
        const QString update = QStringLiteral(LEVEX_UPDATE_MIME_DATABASE);
        if (update.isEmpty())
            return; // Qt reads mime/packages/*.xml itself when there is no compiled cache
        QProcess run;
        run.start(update, {root + "/mime"});
        ASSERT_TRUE(run.waitForFinished(60000));
        // update-mime-database reports a malformed package on stderr but may still exit 0.
        EXPECT_EQ(run.exitCode(), 0);
        EXPECT_EQ(run.readAllStandardError().trimmed(), QByteArray());
    }

    static QByteArray scenario_bytes() {
        levex::Scenario scenario;
        scenario.venue_json = R"({"name": "generic"})";
        scenario.book_file = "book.csv";
        scenario.program_version = "test";
        const std::string json = levex::write_scenario_json(scenario);
        return QByteArray(json.data(), static_cast<qsizetype>(json.size()));
    }

    QMimeDatabase db;
};

TEST_F(MimeTypeTest, ScenarioIsAKindOfJson) {
    const QMimeType type = db.mimeTypeForName(kScenarioType);
    ASSERT_TRUE(type.isValid());
    EXPECT_TRUE(type.inherits("application/json"));
    EXPECT_EQ(type.comment(), QStringLiteral("LevEx scenario"));
    EXPECT_EQ(type.iconName(), QStringLiteral("io.github.levex.LevEx"));
    EXPECT_TRUE(type.globPatterns().contains(QStringLiteral("*.levex.json")));
}

TEST_F(MimeTypeTest, FilesTheAppSavesAreScenariosByName) {
    EXPECT_EQ(db.mimeTypeForFile("crash.levex.json", QMimeDatabase::MatchExtension).name(), kScenarioType);
    EXPECT_EQ(db.mimeTypeForFile("/home/me/Oct 10.LEVEX.JSON", QMimeDatabase::MatchExtension).name(), kScenarioType);
    // Other JSON stays JSON.
    EXPECT_EQ(db.mimeTypeForFile("venue.json", QMimeDatabase::MatchExtension).name(),
              QStringLiteral("application/json"));
}

TEST_F(MimeTypeTest, ScenarioContentIsRecognisedWithoutItsName) {
    EXPECT_EQ(db.mimeTypeForData(scenario_bytes()).name(), kScenarioType);
    // Minified, as another tool might write it.
    EXPECT_EQ(db.mimeTypeForData(QByteArray(R"({"levex_scenario":1,"program_version":"0.1.0"})")).name(),
              kScenarioType);
    // JSON that merely mentions the key far from the start, and a CSV, are not scenarios.
    const QByteArray far = "{\"notes\": \"" + QByteArray(200, 'x') + "\", \"levex_scenario\": 1}";
    EXPECT_NE(db.mimeTypeForData(far).name(), kScenarioType);
    EXPECT_NE(db.mimeTypeForData(QByteArray("id,side,size\n1,long,2\n")).name(), kScenarioType);
}

} // namespace
