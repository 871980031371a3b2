// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ImportDialog.h"

#include "core/base/ResourcePaths.h"
#include "core/base/TextFile.h"
#include "core/io/CsvTokenizer.h"
#include "core/io/LendingBookReader.h"
#include "core/model/ProtocolProfile.h"
#include "core/usecase/LendingBookInput.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace levex::ui {

namespace {
const QString kAuto = QStringLiteral("(automatic)");
const QString kNone = QStringLiteral("(none)");

// What a preview read: a positions book's result, or a lending book's put in the same shape (its
// header, column fields, issues and raw rows) with its account count.
struct Preview {
    PositionCsvResult view;
    bool lending = false;
    std::size_t accounts = 0;
};

// The first rows of a lending book as written (the same tokenizer as its reader), for the preview.
void raw_rows_of(const std::string& path, char delimiter, std::size_t max_rows, PositionCsvResult& out) {
    const MappedFile file(path);
    CsvTokenizer tokenizer(file.bytes(), delimiter, path);
    std::vector<CsvField> fields;
    if (!tokenizer.next(fields)) // the header
        return;
    while (out.raw_rows.size() < max_rows && tokenizer.next(fields)) {
        std::vector<std::string> raw;
        for (const CsvField& f : fields)
            raw.emplace_back(f.text);
        out.raw_rows.push_back(std::move(raw));
        out.raw_lines.push_back(tokenizer.record_line());
    }
}

Preview read_lending_preview(const std::string& path, const BookReadOptions& o, const std::string& protocol) {
    Preview p;
    p.lending = true;
    LendingCsvOptions options;
    options.max_rows = ImportDialog::kPreviewRows;
    options.delimiter = o.delimiter;
    options.policy = BadRowPolicy::SkipBadRows; // every problem of the previewed rows, as for positions
    options.column_overrides = o.column_overrides;
    ProtocolProfile profile;
    if (!protocol.empty()) {
        profile = load_protocol(protocol);
        options.profile = &profile;
    }
    LendingCsvResult r = read_lending_csv(path, options);
    p.accounts = r.book.accounts();
    p.view.header = std::move(r.header);
    p.view.column_fields = std::move(r.column_fields);
    p.view.issues = std::move(r.issues);
    raw_rows_of(path, r.delimiter, ImportDialog::kPreviewRows, p.view);
    return p;
}
} // namespace

ImportDialog::ImportDialog(const QString& path, QWidget* parent) : QDialog(parent), path_(path) {
    setWindowTitle(tr("Import %1").arg(QFileInfo(path).fileName()));
    resize(1100, 720);

    delimiter_ = new QComboBox;
    delimiter_->addItem(tr("Detect"), 0);
    delimiter_->addItem(tr("Comma ,"), int(','));
    delimiter_->addItem(tr("Semicolon ;"), int(';'));
    delimiter_->addItem(tr("Tab"), int('\t'));
    policy_ = new QComboBox;
    policy_->addItem(tr("Strict: stop at the first error"), 0);
    policy_->addItem(tr("Skip bad rows (a bad cross row skips its account)"), 1);
    auto* top = new QFormLayout;
    top->addRow(tr("Delimiter"), delimiter_);
    top->addRow(tr("Bad rows"), policy_);

    QGroupBox* mapping_box = buildMapping();
    mapping_box_ = mapping_box;
    QGroupBox* lending_box = buildLendingMapping();
    for (QComboBox* combo : {delimiter_, policy_})
        connect(combo, &QComboBox::currentIndexChanged, this, &ImportDialog::refresh);

    buildPreview();
    summary_ = new QLabel;
    summary_->setWordWrap(true);

    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(preview_);
    right->addWidget(issues_);
    right->setStretchFactor(0, 3);
    auto* middle = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addLayout(top);
    left->addWidget(mapping_box, 1);
    left->addWidget(lending_box, 1);
    middle->addLayout(left);
    middle->addWidget(right, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(middle, 1);
    layout->addWidget(summary_);
    layout->addWidget(buttons);
    refresh();
}

// One combo per field of docs/formats.md §1: which column of the file holds it.
QGroupBox* ImportDialog::buildMapping() {
    auto* mapping_box = new QGroupBox(tr("Columns"));
    auto* mapping = new QFormLayout(mapping_box);
    for (const PositionColumn& column : position_columns()) {
        auto* combo = new QComboBox;
        combo->setObjectName(QString::fromLatin1(column.name));
        combo->addItem(kAuto);
        combo->setToolTip(QString::fromLatin1(column.meaning));
        mapping->addRow(QString::fromLatin1(column.name) + (column.required ? " *" : ""), combo);
        fields_.push_back(combo);
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            if (!populating_)
                refresh();
        });
    }
    return mapping_box;
}

// The first rows as read, and the issues found in them (double-click one to see its row).
void ImportDialog::buildPreview() {
    preview_ = new QTableWidget;
    preview_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    preview_->setSelectionBehavior(QAbstractItemView::SelectRows);
    issues_ = new QListWidget;
    issues_->setToolTip(tr("Double-click an issue to see its row in the preview"));
    connect(issues_, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        const auto line = std::size_t(item->data(Qt::UserRole).toULongLong());
        for (std::size_t r = 0; r < raw_lines_.size(); ++r)
            if (raw_lines_[r] == line) {
                preview_->selectRow(int(r));
                preview_->scrollToItem(preview_->item(int(r), 0));
            }
    });
}

// One combo per column of a lending book (docs/lending.md §1), and its protocol.
QGroupBox* ImportDialog::buildLendingMapping() {
    lending_box_ = new QGroupBox(tr("Lending book columns"));
    auto* mapping = new QFormLayout(lending_box_);
    protocol_ = new QComboBox;
    protocol_->setObjectName("protocol");
    for (const std::string& name : list_protocol_profiles(protocol_dir()))
        protocol_->addItem(QString::fromStdString(name));
    protocol_->setToolTip(tr("The protocol whose rules judge the book: the preview checks its assets and e-mode "
                             "categories against it"));
    protocol_->setCurrentText(QString::fromStdString(default_protocol_of(path_.toStdString())));
    connect(protocol_, &QComboBox::currentIndexChanged, this, &ImportDialog::refresh);
    mapping->addRow(tr("Protocol"), protocol_);
    for (const LendingColumn& column : lending_columns()) {
        auto* combo = new QComboBox;
        combo->setObjectName(QString::fromLatin1(column.name));
        combo->addItem(kAuto);
        combo->setToolTip(QString::fromLatin1(column.meaning));
        mapping->addRow(QString::fromLatin1(column.name) + (column.required ? " *" : ""), combo);
        lending_fields_.push_back(combo);
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            if (!populating_)
                refresh();
        });
    }
    lending_box_->hide(); // until the header says it is one
    return lending_box_;
}

void ImportDialog::useKind(bool lending) {
    if (lending == lending_)
        return;
    lending_ = lending;
    header_.clear(); // the new mapping's combos offer the header's columns too
    mapping_box_->setVisible(!lending);
    lending_box_->setVisible(lending);
    setWindowTitle(lending ? tr("Import lending book %1").arg(QFileInfo(path_).fileName())
                           : tr("Import %1").arg(QFileInfo(path_).fileName()));
}

QString ImportDialog::protocol() const {
    return lending_ ? protocol_->currentText() : QString();
}

QString ImportDialog::fieldName(std::size_t k) const {
    return QString::fromLatin1(lending_ ? lending_columns()[k].name : position_columns()[k].name);
}

BookReadOptions ImportDialog::options() const {
    BookReadOptions o;
    o.delimiter = char(delimiter_->currentData().toInt());
    o.skip_bad_rows = policy_->currentData().toInt() == 1;
    const std::vector<QComboBox*>& fields = shownFields();
    for (std::size_t k = 0; k < fields.size(); ++k) {
        const QString choice = fields[k]->currentText();
        if (choice == kAuto)
            continue;
        o.column_overrides[fieldName(k).toStdString()] = choice == kNone ? std::string() : choice.toStdString();
    }
    return o;
}

QString ImportDialog::summaryText() const {
    return summary_->text();
}

void ImportDialog::mapField(const QString& field, const QString& header) {
    const std::vector<QComboBox*>& fields = shownFields();
    for (std::size_t k = 0; k < fields.size(); ++k)
        if (field == fieldName(k))
            fields[k]->setCurrentText(header.isEmpty() ? kAuto : header == "-" ? kNone : header);
}

void ImportDialog::refresh() {
    const BookReadOptions o = options();
    auto preview = std::make_shared<Preview>();
    background_.request(
        [preview, path = path_.toStdString(), o, protocol = protocol_->currentText().toStdString()] {
            PositionCsvResult* result = &preview->view;
            bool lending = false;
            try {
                lending = book_file_kind(path) == BookKind::Lending;
            } catch (const std::exception&) {
                // Not readable: the positions reader below says why, as it always has.
            }
            if (lending) {
                try {
                    *preview = read_lending_preview(path, o, protocol);
                } catch (const std::exception& e) {
                    preview->lending = true;
                    result->issues.push_back({Severity::Error, path, 0, 0, "", e.what()});
                }
                return BackgroundOrdering::Rows{};
            }
            PositionCsvOptions options;
            options.max_rows = kPreviewRows;
            options.keep_raw_rows = true;
            options.delimiter = o.delimiter;
            // Every problem of the previewed rows, whichever policy the import will use: a strict
            // read would stop at the first and hide how many rows are affected.
            options.policy = BadRowPolicy::SkipBadRows;
            options.column_overrides = o.column_overrides;
            try {
                *result = read_positions_csv(path, options);
            } catch (const std::exception& e) {
                result->issues.push_back({Severity::Error, path, 0, 0, "", e.what()});
            }
            return BackgroundOrdering::Rows{};
        },
        [this, preview](BackgroundOrdering::Rows) {
            if (preview->lending != lending_) {
                useKind(preview->lending);
                lending_accounts_ = preview->accounts;
                refresh(); // the options were the other kind's: read again with this kind's mapping
                return;
            }
            lending_accounts_ = preview->accounts;
            showPreview(preview->view);
        });
}

void ImportDialog::showPreview(const PositionCsvResult& r) {
    // The header, and the mapping choices it offers (keeping what the user chose).
    if (r.header != header_) {
        header_ = r.header;
        populating_ = true;
        for (QComboBox* combo : shownFields()) {
            const QString kept = combo->currentText();
            combo->clear();
            combo->addItem(kAuto);
            combo->addItem(kNone);
            for (const std::string& h : header_)
                combo->addItem(QString::fromStdString(h));
            combo->setCurrentText(combo->findText(kept) >= 0 ? kept : kAuto);
        }
        populating_ = false;
    }
    preview_->clear();
    preview_->setColumnCount(int(r.header.size()));
    QStringList labels;
    for (std::size_t c = 0; c < r.header.size(); ++c) {
        const std::string& field = c < r.column_fields.size() ? r.column_fields[c] : std::string();
        labels << QString::fromStdString(r.header[c]) +
                      (field.empty() ? tr("\n(ignored)") : QStringLiteral("\n→ ") + QString::fromStdString(field));
    }
    preview_->setHorizontalHeaderLabels(labels);
    preview_->setRowCount(int(r.raw_rows.size()));
    QStringList lines;
    for (std::size_t row = 0; row < r.raw_rows.size(); ++row) {
        lines << QString::number(r.raw_lines[row]);
        for (std::size_t c = 0; c < r.raw_rows[row].size(); ++c)
            preview_->setItem(int(row), int(c), new QTableWidgetItem(QString::fromStdString(r.raw_rows[row][c])));
    }
    preview_->setVerticalHeaderLabels(lines);
    raw_lines_ = r.raw_lines;

    showIssues(r, lending_accounts_);
    emit previewReady();
}

// The issues listed, their cells marked in the preview, and a count of the rows they touch.
void ImportDialog::showIssues(const PositionCsvResult& r, std::size_t lending_accounts) {
    issues_->clear();
    std::set<std::size_t> bad_lines;
    for (const Issue& issue : r.issues) {
        auto* item = new QListWidgetItem(QStringLiteral("%1 · %2").arg(
            QString::fromLatin1(severity_name(issue.severity)), QString::fromStdString(format_issue(issue))));
        item->setData(Qt::UserRole, qulonglong(issue.line));
        if (issue.severity == Severity::Error) {
            item->setForeground(QColor(190, 30, 30));
            if (issue.line > 0)
                bad_lines.insert(issue.line);
            markCell(r, issue);
        }
        issues_->addItem(item);
    }
    const Issue* error = r.first_error();
    const std::size_t rows = r.raw_rows.size();
    const QString which = rows >= kPreviewRows ? tr("the first %1 rows").arg(rows)
                          : rows == 1          ? tr("1 row")
                                               : tr("%1 rows").arg(rows);
    if (error)
        summary_->setText(tr("%1 of %2 with a problem; the first: %3")
                              .arg(bad_lines.size())
                              .arg(which, QString::fromStdString(format_issue(*error))));
    else
        summary_->setText(lending_
                              ? tr("%1 read cleanly (%2 accounts of a lending book).").arg(which).arg(lending_accounts)
                              : tr("%1 read cleanly (%2 positions).").arg(which).arg(r.book.positions()));
}

// The cell an error is about, in red with the message as its tooltip: the row by its line, the
// column by the field the issue names.
void ImportDialog::markCell(const PositionCsvResult& r, const Issue& issue) {
    const auto row = std::find(raw_lines_.begin(), raw_lines_.end(), issue.line);
    if (row == raw_lines_.end())
        return;
    for (std::size_t c = 0; c < r.column_fields.size(); ++c)
        if (!issue.field.empty() && r.column_fields[c] == issue.field)
            if (QTableWidgetItem* cell = preview_->item(int(row - raw_lines_.begin()), int(c))) {
                cell->setBackground(QColor(255, 205, 205));
                cell->setToolTip(QString::fromStdString(issue.message));
            }
}

} // namespace levex::ui
