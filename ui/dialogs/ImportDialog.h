// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/BackgroundOrdering.h"
#include "ui/workers/SimulationWorker.h"

#include "core/io/PositionCsvReader.h"

#include <QDialog>

#include <memory>
#include <vector>

class QComboBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QTableWidget;

namespace levex::ui {

/// Import a positions CSV: a preview of its first 200 rows read by the same reader, a mapping
/// combo per field for files whose headers differ, the delimiter, strict or skip-bad-rows, and
/// the issues found with their lines (double-click one to see its row). The preview is read off
/// the GUI thread and refreshed on every change.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    static constexpr std::size_t kPreviewRows = 200;

    explicit ImportDialog(const QString& path, QWidget* parent = nullptr);

    /// The read options chosen (a lending book's column overrides name lending columns).
    BookReadOptions options() const;
    /// The file is a lending book (docs/lending.md §1, known from its header once the first preview is in).
    bool lendingBook() const { return lending_; }
    /// A lending book's protocol, chosen in the dialog (the preview checks its assets against it).
    QString protocol() const;
    /// Selects a field's column ("" = automatic, "-" = none): for the mapping combos and tests.
    void mapField(const QString& field, const QString& header);
    QListWidget* issues() const { return issues_; }
    /// The line under the preview: how many rows have a problem, or that they read cleanly.
    QString summaryText() const;
    QTableWidget* preview() const { return preview_; }

signals:
    /// A preview (with its issues) is shown.
    void previewReady();

private:
    QGroupBox* buildMapping();
    QGroupBox* buildLendingMapping();
    /// Shows the mapping of the file's kind.
    void useKind(bool lending);
    /// The mapping combos of the kind shown, and their column names.
    const std::vector<QComboBox*>& shownFields() const { return lending_ ? lending_fields_ : fields_; }
    QString fieldName(std::size_t k) const;
    void buildPreview();
    void refresh();
    void showPreview(const PositionCsvResult& result);
    void showIssues(const PositionCsvResult& result, std::size_t lending_accounts);
    void markCell(const PositionCsvResult& result, const Issue& issue);

    QString path_;
    QComboBox* delimiter_;
    QComboBox* policy_;
    std::vector<QComboBox*> fields_;         ///< one per position_columns() entry
    std::vector<QComboBox*> lending_fields_; ///< one per lending_columns() entry
    QGroupBox* mapping_box_ = nullptr;
    QGroupBox* lending_box_ = nullptr;
    QComboBox* protocol_ = nullptr;
    bool lending_ = false;
    std::size_t lending_accounts_ = 0;
    QTableWidget* preview_;
    QListWidget* issues_;
    QLabel* summary_;
    std::vector<std::string> header_;
    std::vector<std::size_t> raw_lines_;
    BackgroundOrdering background_;
    bool populating_ = false;
};

} // namespace levex::ui
