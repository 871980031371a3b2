// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ImportDialog.h"

#include <QListWidget>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <fstream>

using levex::ui::ImportDialog;

namespace {

QString write(QTemporaryDir& dir, const char* name, const char* text) {
    const QString path = dir.filePath(name);
    std::ofstream(path.toStdString()) << text;
    return path;
}

bool waitFor(QSignalSpy& spy) {
    return spy.count() > 0 || spy.wait(10000);
}

} // namespace

// A file whose headers differ: the preview says what is missing; mapping the column fixes it.
TEST(ImportDialog, MapsRenamedColumns) {
    QTemporaryDir dir;
    const QString path = write(dir, "renamed.csv", "id,side,qty,px,lev\n1,long,2,100,10\n2,short,1,110,5\n");
    ImportDialog dialog(path);
    QSignalSpy ready(&dialog, &ImportDialog::previewReady);
    ASSERT_TRUE(waitFor(ready));
    ASSERT_GE(dialog.issues()->count(), 1);
    EXPECT_TRUE(dialog.issues()->item(0)->text().contains("expected a column entry_price"))
        << dialog.issues()->item(0)->text().toStdString();
    EXPECT_EQ(dialog.preview()->columnCount(), 5);

    ready.clear();
    dialog.mapField("entry_price", "px");
    ASSERT_TRUE(waitFor(ready));
    ready.clear();
    dialog.mapField("leverage", "lev");
    ASSERT_TRUE(waitFor(ready));
    for (int i = 0; i < dialog.issues()->count(); ++i)
        EXPECT_FALSE(dialog.issues()->item(i)->text().startsWith("error"))
            << dialog.issues()->item(i)->text().toStdString();
    EXPECT_EQ(dialog.preview()->rowCount(), 2);
    EXPECT_EQ(dialog.preview()->item(1, 3)->text(), "110");
    const levex::ui::BookReadOptions options = dialog.options();
    EXPECT_EQ(options.column_overrides.at("entry_price"), "px");
    EXPECT_EQ(options.column_overrides.at("leverage"), "lev");
    EXPECT_FALSE(options.skip_bad_rows);
}

// A bad row: its issue names the line, and double-clicking it selects that row of the preview.
TEST(ImportDialog, IssuesPointAtTheirRows) {
    QTemporaryDir dir;
    const QString path = write(
        dir, "bad.csv", "id,side,size,entry_price,leverage\n1,long,1,100,10\n2,long,x,100,10\n3,short,1,100,10\n");
    ImportDialog dialog(path);
    QSignalSpy ready(&dialog, &ImportDialog::previewReady);
    ASSERT_TRUE(waitFor(ready));
    ASSERT_EQ(dialog.issues()->count(), 1);
    QListWidgetItem* issue = dialog.issues()->item(0);
    EXPECT_TRUE(issue->text().contains(path + ":3:8: expected a number for size, found 'x'"))
        << issue->text().toStdString();
    emit dialog.issues()->itemDoubleClicked(issue);
    const auto selected = dialog.preview()->selectionModel()->selectedRows();
    ASSERT_EQ(selected.size(), 1);
    EXPECT_EQ(selected.front().row(), 1);
    EXPECT_EQ(dialog.preview()->verticalHeaderItem(1)->text(), "3");
    // The bad cell is marked, and the count says one row of three.
    QTableWidgetItem* cell = dialog.preview()->item(1, 2);
    ASSERT_NE(cell, nullptr);
    EXPECT_EQ(cell->text(), "x");
    EXPECT_EQ(cell->background().color(), QColor(255, 205, 205));
    EXPECT_TRUE(cell->toolTip().contains("expected a number for size")) << cell->toolTip().toStdString();
    EXPECT_EQ(dialog.preview()->item(1, 1)->background().style(), Qt::NoBrush);
    EXPECT_TRUE(dialog.summaryText().startsWith("1 of 3 rows with a problem")) << dialog.summaryText().toStdString();
}

// A lending book is recognised by its header: its own columns to map, its protocol, and the same
// located errors (docs/lending.md §1).
TEST(ImportDialog, PreviewsALendingBookWithItsMapping) {
    QTemporaryDir dir;
    const QString path = write(dir, "lending.csv",
                               "account,asset,supplied,debt,px,emode\n"
                               "alice,WETH,10,0,2000,0\n"
                               "alice,USDC,0,16800,1,0\n"
                               "bob,WETH,-1,0,2000,0\n"
                               "bob,USDC,0,10,1,0\n");
    ImportDialog dialog(path);
    QSignalSpy ready(&dialog, &ImportDialog::previewReady);
    ASSERT_TRUE(waitFor(ready));
    EXPECT_TRUE(dialog.lendingBook());
    EXPECT_EQ(dialog.protocol(), QStringLiteral("aave-v3-ethereum")); // it has an emode column
    ASSERT_GE(dialog.issues()->count(), 1);
    EXPECT_TRUE(dialog.issues()->item(0)->text().contains("price")) << dialog.issues()->item(0)->text().toStdString();

    ready.clear();
    dialog.mapField("price", "px");
    ASSERT_TRUE(waitFor(ready));
    EXPECT_EQ(dialog.preview()->rowCount(), 4);
    EXPECT_EQ(dialog.preview()->item(2, 2)->text(), "-1");
    // The negative amount is located at its line and its cell is marked.
    bool located = false;
    for (int i = 0; i < dialog.issues()->count(); ++i)
        located = located || (dialog.issues()->item(i)->text().contains("lending.csv:4:") &&
                              dialog.issues()->item(i)->text().startsWith("error"));
    EXPECT_TRUE(located);
    EXPECT_FALSE(dialog.preview()->item(2, 2)->toolTip().isEmpty());
    EXPECT_TRUE(dialog.summaryText().startsWith("1 of 4 rows with a problem")) << dialog.summaryText().toStdString();
    EXPECT_EQ(dialog.options().column_overrides.at("price"), "px");
    EXPECT_EQ(dialog.preview()->horizontalHeaderItem(2)->text(), QStringLiteral("supplied\n→ collateral"));
}
