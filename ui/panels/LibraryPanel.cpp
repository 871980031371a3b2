// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/panels/LibraryPanel.h"

#include "ui/dialogs/RunComparisonDialog.h"
#include "ui/models/ParameterNames.h"
#include "ui/models/StoredRuns.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/window/MainWindow.h"
#include "ui/workers/WorkspaceService.h"

#include "core/io/RunReport.h"
#include "core/model/VenueProfile.h"
#include "core/usecase/ImportBook.h"
#include "core/usecase/ScenarioOfRun.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include <atomic>
#include <cmath>
#include <memory>

namespace levex::ui {

// A run as the tree shows it: its summary read on the database thread (or why it could not be).
struct LibraryPanel::RunRow {
    RunInfo info;
    std::optional<RunSummary> summary;
    QString problem; ///< when the stored summary cannot be read
};

struct LibraryPanel::Entry {
    SnapshotInfo snapshot;
    std::vector<ScenarioInfo> scenarios;
    std::vector<RunRow> runs;
};

namespace {

// ISO 8601 UTC as the user's local date and time.
QString local_time(const std::string& iso) {
    QDateTime t = QDateTime::fromString(QString::fromStdString(iso), Qt::ISODate);
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString::fromStdString(iso);
}

QString kind_name(LibraryPanel::Kind kind) {
    switch (kind) {
    case LibraryPanel::Kind::Snapshot: return QObject::tr("snapshot");
    case LibraryPanel::Kind::Scenario: return QObject::tr("scenario");
    case LibraryPanel::Kind::Run: return QObject::tr("run");
    }
    return {};
}

// Deletes one library item; a snapshot takes its scenarios and runs, a scenario its runs.
void delete_item(Workspace& ws, LibraryPanel::Kind kind, qint64 id) {
    switch (kind) {
    case LibraryPanel::Kind::Snapshot: ws.delete_snapshot(id); break;
    case LibraryPanel::Kind::Scenario: ws.delete_scenario(id); break;
    case LibraryPanel::Kind::Run: ws.delete_run(id); break;
    }
}

} // namespace

LibraryPanel::~LibraryPanel() {
    closing_->store(true);
    delete service_;
}

LibraryPanel::LibraryPanel(MainWindow* window, QWidget* parent)
    : QWidget(parent), window_(window), service_(new WorkspaceService(this)) {
    status_ = new QLabel(tr("No library open."));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buildTree();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(status_);
    layout->addWidget(tree_, 1);
    buildButtons(layout);
    confirm_ = [this](const QString& question) {
        return QMessageBox::question(this, tr("Delete from the library"), question,
                                     QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
    };
    connectService();
}

void LibraryPanel::buildTree() {
    tree_ = new QTreeWidget;
    tree_->setObjectName("libraryTree");
    tree_->setColumnCount(4);
    tree_->setHeaderLabels({tr("Name"), tr("Size"), tr("Result"), tr("Date")});
    tree_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    tree_->setEditTriggers(QAbstractItemView::EditKeyPressed);
    tree_->setUniformRowHeights(true);
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setMinimumWidth(320);
    connect(tree_, &QTreeWidget::itemSelectionChanged, this, &LibraryPanel::updateButtons);
    connect(tree_, &QTreeWidget::itemDoubleClicked, this, [this] { openSelected(); });
    connect(tree_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        if (populating_ || column != 0)
            return;
        rename(Kind(item->data(0, kKindRole).toInt()), item->data(0, kIdRole).toLongLong(), item->text(0).trimmed());
    });
}

void LibraryPanel::buildButtons(QVBoxLayout* layout) {
    auto button = [this](const QString& text, const QString& tip) {
        auto* b = new QPushButton(text);
        b->setToolTip(tip);
        b->setEnabled(false);
        return b;
    };
    open_ = button(tr("Open"), tr("Snapshot: simulate it with the current controls. Scenario: its parameters on its "
                                  "snapshot. Run: show it as stored, without simulating (double-click)"));
    save_scenario_ = button(tr("Save scenario…"), tr("Store the shown run's parameters with its book"));
    save_run_ = button(tr("Save run…"), tr("Store the shown run (summary, series, frames, log) and its scenario"));
    import_ = button(tr("Import CSV…"), tr("Store a positions CSV as a snapshot"));
    rename_ = button(tr("Rename"), tr("Rename the selected snapshot or scenario (F2)"));
    delete_ = button(tr("Delete…"), tr("Delete the selection, after a confirmation"));
    compare_ = button(tr("Compare"), tr("Compare two selected runs side by side"));
    connect(open_, &QPushButton::clicked, this, &LibraryPanel::openSelected);
    connect(save_scenario_, &QPushButton::clicked, this, [this] { askSaveCurrent(false); });
    connect(save_run_, &QPushButton::clicked, this, [this] { askSaveCurrent(true); });
    connect(import_, &QPushButton::clicked, this, &LibraryPanel::askImport);
    connect(rename_, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem* item = tree_->currentItem())
            tree_->editItem(item, 0);
    });
    connect(delete_, &QPushButton::clicked, this, &LibraryPanel::removeSelected);
    connect(compare_, &QPushButton::clicked, this, &LibraryPanel::compareSelected);
    auto* row1 = new QHBoxLayout;
    for (QPushButton* b : {open_, rename_, delete_, compare_})
        row1->addWidget(b);
    auto* row2 = new QHBoxLayout;
    for (QPushButton* b : {save_scenario_, save_run_, import_})
        row2->addWidget(b);
    layout->addLayout(row1);
    layout->addLayout(row2);
}

void LibraryPanel::connectService() {
    connect(service_, &WorkspaceService::opened, this, [this](const QString& path) {
        showMessage(tr("Library: %1").arg(QDir::toNativeSeparators(path)));
        refresh();
    });
    connect(service_, &WorkspaceService::openFailed, this, &LibraryPanel::onOpenFailed);
    connect(service_, &WorkspaceService::movedAside, this, [this](const QString&, const QString& moved) {
        QMetaObject::invokeMethod(
            this, [this, moved] { showMessage(status_->text() + "\n" + tr("The old file was kept as %1").arg(moved)); },
            Qt::QueuedConnection);
    });
    connect(service_, &WorkspaceService::failed, this, [this](const QString& message) {
        if (progress_)
            progress_->deleteLater();
        showMessage(message, true);
        emit failed(message);
    });
}

RunComparisonDialog* LibraryPanel::comparison() const {
    return comparison_;
}

QMessageBox* LibraryPanel::recoveryDialog() const {
    return recovery_;
}

QProgressDialog* LibraryPanel::importProgress() const {
    return progress_;
}

QString LibraryPanel::statusText() const {
    return status_->text();
}

void LibraryPanel::showMessage(const QString& text, bool error) {
    status_->setText(text);
    status_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void LibraryPanel::openWorkspace(const QString& path) {
    showMessage(tr("Opening the library %1…").arg(QDir::toNativeSeparators(path)));
    service_->open(path);
}

void LibraryPanel::onOpenFailed(const QString& path, int reason, const QString& message) {
    tree_->clear();
    updateButtons();
    const bool too_new = reason == int(WorkspaceOpenError::Reason::TooNew);
    showMessage(message, true);
    emit failed(message);
    if (recovery_)
        recovery_->deleteLater();
    recovery_ = new QMessageBox(QMessageBox::Warning,
                                too_new ? tr("Library from a newer LevEx") : tr("The library cannot be opened"),
                                message, QMessageBox::NoButton, this);
    recovery_->setInformativeText(
        too_new ? tr("The file was not opened and is unchanged. You can keep working without the library, or move "
                     "the file aside (it is kept, renamed) and start an empty library.")
                : tr("The file was not changed. Move it aside (it is kept, renamed, for recovery) and start an empty "
                     "library, or keep working without the library."));
    QPushButton* fresh = recovery_->addButton(tr("Move Aside and Start Fresh"), QMessageBox::AcceptRole);
    QPushButton* without = recovery_->addButton(tr("Continue Without Library"), QMessageBox::RejectRole);
    recovery_->setDefaultButton(too_new ? without : fresh);
    recovery_->setAttribute(Qt::WA_DeleteOnClose);
    connect(fresh, &QPushButton::clicked, this, [this] { moveAsideAndStartFresh(); });
    Q_UNUSED(path);
    recovery_->open(); // window-modal and non-blocking
}

void LibraryPanel::moveAsideAndStartFresh() {
    if (recovery_)
        recovery_->close();
    showMessage(tr("Moving %1 aside…").arg(QDir::toNativeSeparators(service_->path())));
    service_->moveAsideAndOpen(service_->path());
}

void LibraryPanel::refresh() {
    if (!service_->isOpen())
        return;
    service_->submit([this](Workspace& ws) -> std::function<void()> {
        auto entries = std::make_shared<std::vector<Entry>>();
        for (SnapshotInfo& s : ws.snapshots()) {
            const std::int64_t id = s.id;
            Entry entry{std::move(s), ws.scenarios(id), {}};
            for (RunInfo& info : ws.runs(id)) {
                RunRow row{std::move(info), std::nullopt, {}};
                try { // a damaged record is shown as such, not hidden, and not allowed to hide the rest
                    row.summary = parse_summary_json(row.info.summary_json, "run " + std::to_string(row.info.id));
                } catch (const std::exception& e) {
                    row.problem = QString::fromStdString(e.what());
                }
                entry.runs.push_back(std::move(row));
            }
            entries->push_back(std::move(entry));
        }
        return [this, entries] {
            populate(*entries);
            emit refreshed();
        };
    });
}

void LibraryPanel::populate(const std::vector<Entry>& entries) {
    populating_ = true;
    // Keep what was expanded and selected across a refresh.
    // New items arrive unfolded; known ones keep the state the user left them in.
    TreeState state;
    for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
        const QPair<int, qint64> key((*it)->data(0, kKindRole).toInt(), (*it)->data(0, kIdRole).toLongLong());
        state.known.insert(key);
        if ((*it)->isExpanded())
            state.expanded.insert(key);
        if ((*it)->isSelected())
            state.selected.insert(key);
    }
    tree_->clear();
    for (const Entry& e : entries) {
        QTreeWidgetItem* snapshot = addSnapshot(e.snapshot, state);
        for (const ScenarioInfo& sc : e.scenarios) {
            std::size_t count = 0;
            for (const RunRow& r : e.runs)
                count += r.info.scenario_id == sc.id;
            QTreeWidgetItem* scenario =
                addItem(snapshot, Kind::Scenario, sc.id,
                        {QString::fromStdString(sc.name), count == 1 ? tr("1 run") : tr("%1 runs").arg(count),
                         QString(), local_time(sc.created_at)},
                        true, state);
            for (const RunRow& r : e.runs)
                if (r.info.scenario_id == sc.id)
                    addRun(scenario, r, state);
        }
    }
    populating_ = false;
    updateButtons();
}

QTreeWidgetItem* LibraryPanel::addItem(QTreeWidgetItem* parent, Kind kind, qint64 id, const QStringList& texts,
                                       bool editable, const TreeState& state) {
    auto* item = parent ? new QTreeWidgetItem(parent, texts) : new QTreeWidgetItem(tree_, texts);
    item->setData(0, kKindRole, int(kind));
    item->setData(0, kIdRole, id);
    if (editable)
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    for (int c = 1; c < 3; ++c)
        item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    const QPair<int, qint64> key(int(kind), id);
    item->setExpanded(!state.known.contains(key) || state.expanded.contains(key));
    item->setSelected(state.selected.contains(key));
    return item;
}

QTreeWidgetItem* LibraryPanel::addSnapshot(const SnapshotInfo& s, const TreeState& state) {
    QStringList symbols;
    for (const std::string& name : s.symbols)
        symbols << QString::fromStdString(name);
    QTreeWidgetItem* item =
        addItem(nullptr, Kind::Snapshot, s.id,
                {QString::fromStdString(s.name), tr("%1 positions").arg(QLocale().toString(qulonglong(s.positions))),
                 symbols.join(", "), local_time(s.imported_at)},
                true, state);
    item->setToolTip(0, tr("%1\nvenue %2 · sha256 %3")
                            .arg(QString::fromStdString(s.source_path), QString::fromStdString(s.venue),
                                 QString::fromStdString(s.content_hash.substr(0, 16))));
    return item;
}

void LibraryPanel::addRun(QTreeWidgetItem* scenario, const RunRow& r, const TreeState& state) {
    const QLocale locale;
    QString result = tr("summary unreadable");
    if (r.summary) {
        const RunSummary& summary = *r.summary;
        const double move = summary.start_price > 0 ? (summary.final_price / summary.start_price - 1) * 100 : 0;
        result = tr("final %1 (%2 %) · %3 liquidated")
                     .arg(locale.toString(summary.final_price, 'f', 1))
                     .arg(locale.toString(move, 'f', 2))
                     .arg(format_money(summary.liquidated_notional_long + summary.liquidated_notional_short, locale));
    }
    QTreeWidgetItem* item =
        addItem(scenario, Kind::Run, r.info.id,
                {tr("Run %1").arg(r.info.id), tr("%1 steps").arg(r.info.steps), result, local_time(r.info.started_at)},
                false, state);
    if (!r.summary)
        item->setToolTip(2, r.problem);
}

QTreeWidgetItem* LibraryPanel::item(Kind kind, qint64 id) const {
    for (QTreeWidgetItemIterator it(tree_); *it; ++it)
        if ((*it)->data(0, kKindRole).toInt() == int(kind) && (*it)->data(0, kIdRole).toLongLong() == id)
            return *it;
    return nullptr;
}

QList<QTreeWidgetItem*> LibraryPanel::selectedOf(Kind kind) const {
    QList<QTreeWidgetItem*> out;
    for (QTreeWidgetItem* item : tree_->selectedItems())
        if (item->data(0, kKindRole).toInt() == int(kind))
            out << item;
    return out;
}

void LibraryPanel::updateButtons() {
    const bool open = service_->isOpen();
    const QList<QTreeWidgetItem*> selection = tree_->selectedItems();
    const bool one = selection.size() == 1;
    const bool named = one && Kind(selection.front()->data(0, kKindRole).toInt()) != Kind::Run;
    open_->setEnabled(open && one);
    rename_->setEnabled(open && named);
    delete_->setEnabled(open && !selection.isEmpty());
    compare_->setEnabled(open && selectedOf(Kind::Run).size() == 2 && selection.size() == 2);
    save_scenario_->setEnabled(open);
    save_run_->setEnabled(open);
    import_->setEnabled(open);
}

void LibraryPanel::openSelected() {
    const QList<QTreeWidgetItem*> selection = tree_->selectedItems();
    if (selection.size() != 1)
        return;
    const qint64 id = selection.front()->data(0, kIdRole).toLongLong();
    switch (Kind(selection.front()->data(0, kKindRole).toInt())) {
    case Kind::Snapshot: openSnapshot(id); break;
    case Kind::Scenario: openScenario(id); break;
    case Kind::Run: openRun(id); break;
    }
}

void LibraryPanel::openSnapshot(qint64 id) {
    showMessage(tr("Loading the snapshot…"));
    service_->submit([this, id](Workspace& ws) -> std::function<void()> {
        const std::optional<SnapshotInfo> info = ws.snapshot(id);
        if (!info)
            throw std::runtime_error("the snapshot was deleted");
        auto book = std::make_shared<const PositionBook>(ws.load_book(id));
        return
            [this, book, id, name = QString::fromStdString(info->name), venue = QString::fromStdString(info->venue)] {
                showMessage(tr("Opened snapshot %1").arg(name));
                window_->openStoredBook(book, name, id, venue);
            };
    });
}

void LibraryPanel::openScenario(qint64 id) {
    showMessage(tr("Loading the scenario…"));
    service_->submit([this, id](Workspace& ws) -> std::function<void()> {
        const std::optional<ScenarioInfo> stored = ws.scenario(id);
        if (!stored)
            throw std::runtime_error("the scenario was deleted");
        const std::int64_t snapshot_id = stored->snapshot_id;
        const QString name = QString::fromStdString(stored->name);
        const Scenario scenario = parse_scenario_json(stored->parameters_json, "scenario " + stored->name);
        const QString venue = QString::fromStdString(parse_venue_profile(scenario.venue_json, "venue").name);
        const SnapshotInfo info = *ws.snapshot(snapshot_id);
        auto book = std::make_shared<const PositionBook>(ws.load_book(snapshot_id));
        return [this, book, snapshot_id, name, venue, params = scenario.params,
                label = QString::fromStdString(info.name), book_venue = QString::fromStdString(info.venue)] {
            showMessage(tr("Opened scenario %1").arg(name));
            window_->openStoredBook(book, label, snapshot_id, book_venue, params, venue);
        };
    });
}

void LibraryPanel::openRun(qint64 id) {
    showMessage(tr("Loading run %1…").arg(id));
    service_->submit([this, id](Workspace& ws) -> std::function<void()> {
        const StoredRun stored = ws.load_run(id);
        auto book = std::make_shared<const PositionBook>(ws.load_book(stored.info.snapshot_id));
        std::shared_ptr<const LiveRun> live = live_run_from_stored(stored, book);
        const QString label = QString::fromStdString(ws.snapshot(stored.info.snapshot_id)->name);
        return [this, live, label, id, snapshot_id = stored.info.snapshot_id] {
            showMessage(tr("Showing run %1 of %2 as stored").arg(id).arg(label));
            window_->showStoredRun(live, label, snapshot_id);
            emit runShown(id);
        };
    });
}

void LibraryPanel::askSaveCurrent(bool with_run) {
    const std::shared_ptr<const LiveRun> run = window_->shownRun();
    if (!run || !run->finished.load(std::memory_order_acquire)) {
        showMessage(tr("Nothing to save yet: open a book and let its run finish."), true);
        return;
    }
    const QLocale locale;
    const QString proposed = tr("%1, shock %2 %, ×%3")
                                 .arg(QString::fromStdString(run->venue))
                                 .arg(locale.toString(run->params.shock * 100, 'f', 1))
                                 .arg(locale.toString(run->params.leverage_mult, 'f', 2));
    QInputDialog* dialog = nameDialog(with_run ? tr("Save run") : tr("Save scenario"), proposed);
    const bool ok = dialog->exec() == QDialog::Accepted;
    const QString name = dialog->textValue();
    delete dialog;
    if (ok && !name.trimmed().isEmpty())
        saveCurrent(name.trimmed(), with_run);
}

QInputDialog* LibraryPanel::nameDialog(const QString& title, const QString& proposed) {
    auto* dialog = new QInputDialog(this);
    dialog->setObjectName("nameDialog");
    dialog->setWindowTitle(title);
    dialog->setLabelText(tr("Scenario name:"));
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setTextValue(proposed);
    // The field shows the proposed name whole ("binance-usdm-btcusdt, shock -5.0 %, ×1.00") with room
    // to add to it; QInputDialog's own field is narrower than that.
    auto* field = dialog->findChild<QLineEdit*>();
    if (field)
        field->setMinimumWidth(field->fontMetrics().horizontalAdvance(proposed + QStringLiteral("MMMMMMMMMM")));
    return dialog;
}

void LibraryPanel::saveCurrent(const QString& name, bool with_run) {
    const std::shared_ptr<const LiveRun> run = window_->shownRun();
    if (!run || !run->finished.load(std::memory_order_acquire) || (with_run && !run->frames)) {
        showMessage(tr("Nothing to save yet: open a book and let its run finish."), true);
        return;
    }
    if (run->lending()) { // the workspace stores lending books and runs; the Library does not yet
        showMessage(tr("Lending runs are not saved from the app yet: use levex-cli import --protocol and "
                       "simulate --workspace."),
                    true);
        return;
    }
    const qint64 snapshot_id = window_->storedSnapshotId();
    const std::string book_path = window_->bookPath().toStdString();
    showMessage(with_run ? tr("Saving the run…") : tr("Saving the scenario…"));
    service_->submit([this, run, snapshot_id, book_path, with_run,
                      name = name.toStdString()](Workspace& ws) -> std::function<void()> {
        std::optional<SnapshotInfo> snapshot;
        if (snapshot_id > 0)
            snapshot = ws.snapshot(snapshot_id);
        if (!snapshot) // a book read from a CSV: stored first (recognised by its hash if it already is)
            snapshot = store_read_book(ws, *run->position_book, book_path, run->venue);
        const Scenario scenario =
            scenario_of_run(run->params, run->venue, snapshot->source_path, snapshot->content_hash);
        std::int64_t scenario_id = 0, run_id = 0;
        if (with_run)
            std::tie(scenario_id, run_id) =
                ws.save_scenario_with_run(snapshot->id, name, scenario, run->started_at, run->prepare_ms + run->run_ms,
                                          run->symbol, run_result_of(*run));
        else
            scenario_id = ws.save_scenario(snapshot->id, name, scenario);
        return [this, scenario_id, run_id, name = QString::fromStdString(name),
                label = QString::fromStdString(snapshot->name)] {
            showMessage(run_id ? tr("Saved run %1 as “%2” with %3").arg(run_id).arg(name, label)
                               : tr("Saved scenario “%1” with %2").arg(name, label));
            refresh();
            emit saved(scenario_id, run_id);
        };
    });
}

void LibraryPanel::askImport() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import positions CSV into the library"), QString(),
                                                      tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void LibraryPanel::importFile(const QString& path) {
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    if (progress_)
        progress_->deleteLater();
    progress_ = new QProgressDialog(tr("Importing %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 1000, this);
    progress_->setWindowModality(Qt::WindowModal);
    progress_->setMinimumDuration(400);
    connect(progress_, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });
    ImportRequest request;
    request.path = path.toStdString();
    request.venue = window_->venue().toStdString();
    service_->submit([this, cancel, closing = closing_, request](Workspace& ws) -> std::function<void()> {
        // Half the bar reading, half storing; the GUI hears of it at most every 1 %.
        auto last = std::make_shared<int>(-1);
        auto report = [this, cancel, closing, last](double fraction) {
            const int permille = int(fraction * 1000);
            if (permille / 10 != *last / 10) {
                *last = permille;
                QMetaObject::invokeMethod(
                    this,
                    [this, permille] {
                        if (progress_)
                            progress_->setValue(permille);
                    },
                    Qt::QueuedConnection);
            }
            return !cancel->load() && !closing->load();
        };
        ImportResult result;
        try {
            const ImportableBook book = read_importable_book(request, [&](double f) { return report(f * 0.5); });
            result = store_importable_book(ws, book, [&](double f) { return report(0.5 + f * 0.5); });
        } catch (const DataError& e) {
            return [this, message = QString::fromStdString(e.what())] { failImport(message); };
        }
        return [this, result] { finishImport(result); };
    });
}

void LibraryPanel::failImport(const QString& message) {
    if (progress_)
        progress_->deleteLater();
    showMessage(tr("Not imported (nothing was stored): %1").arg(message), true);
    emit failed(message);
}

void LibraryPanel::finishImport(const ImportResult& result) {
    if (progress_)
        progress_->deleteLater();
    if (result.cancelled) {
        showMessage(tr("Import cancelled: nothing was stored."));
        return;
    }
    const QString name = QString::fromStdString(result.snapshot.name);
    showMessage(
        result.already_present
            ? tr("Already in the library as %1 (identical content)").arg(name)
            : tr("Imported %1: %2 positions").arg(name).arg(QLocale().toString(qulonglong(result.snapshot.positions))));
    refresh();
    emit imported(result.snapshot.id, result.already_present);
}

void LibraryPanel::rename(Kind kind, qint64 id, const QString& name) {
    if (name.isEmpty() || kind == Kind::Run) {
        refresh();
        return;
    }
    service_->submit([this, kind, id, name = name.toStdString()](Workspace& ws) -> std::function<void()> {
        try {
            if (kind == Kind::Snapshot)
                ws.rename_snapshot(id, name);
            else
                ws.rename_scenario(id, name);
        } catch (const std::exception& e) {
            // A refused name: say why, and show the stored name again (the tree holds the edit).
            return [this, message = phrase_for_app(e)] {
                showMessage(message, true);
                emit failed(message);
                refresh();
            };
        }
        return [this] { refresh(); };
    });
}

bool LibraryPanel::remove(Kind kind, qint64 id) {
    const QTreeWidgetItem* shown = item(kind, id);
    const QString name = shown ? shown->text(0) : QString::number(id);
    QString question = tr("Delete the %1 “%2”?").arg(kind_name(kind), name);
    if (kind == Kind::Snapshot)
        question += QLatin1Char(' ') + tr("Its positions, scenarios and runs are deleted with it.");
    else if (kind == Kind::Scenario)
        question += QLatin1Char(' ') + tr("Its runs are deleted with it.");
    question += QLatin1Char(' ') + tr("This cannot be undone.");
    if (!confirm_(question))
        return false;
    service_->submit([this, kind, id](Workspace& ws) -> std::function<void()> {
        delete_item(ws, kind, id);
        return [this] { refresh(); };
    });
    return true;
}

void LibraryPanel::removeSelected() {
    // Ids, not items: the confirmation's event loop may rebuild the tree (a save finishing).
    std::vector<std::pair<Kind, qint64>> items;
    for (const QTreeWidgetItem* i : tree_->selectedItems())
        items.emplace_back(Kind(i->data(0, kKindRole).toInt()), i->data(0, kIdRole).toLongLong());
    if (items.size() == 1) {
        remove(items.front().first, items.front().second);
        return;
    }
    if (items.empty() ||
        !confirm_(
            tr("Delete the %1 selected items (with everything under them)? This cannot be undone.").arg(items.size())))
        return;
    service_->submit([this, items](Workspace& ws) -> std::function<void()> {
        for (const auto& [kind, id] : items)
            delete_item(ws, kind, id);
        return [this] { refresh(); };
    });
}

void LibraryPanel::compareSelected() {
    const QList<QTreeWidgetItem*> runs = selectedOf(Kind::Run);
    if (runs.size() == 2)
        compareRuns(runs[0]->data(0, kIdRole).toLongLong(), runs[1]->data(0, kIdRole).toLongLong());
}

void LibraryPanel::compareRuns(qint64 a, qint64 b) {
    showMessage(tr("Loading runs %1 and %2…").arg(a).arg(b));
    service_->submit([this, a, b](Workspace& ws) -> std::function<void()> {
        auto first = std::make_shared<const StoredRun>(ws.load_run(a));
        auto second = std::make_shared<const StoredRun>(ws.load_run(b));
        return [this, first, second] {
            if (comparison_)
                comparison_->close();
            auto name = [](const StoredRun& r) {
                return tr("run %1 (%2)").arg(r.info.id).arg(QString::fromStdString(r.info.scenario_name));
            };
            comparison_ = new RunComparisonDialog(*first, name(*first), *second, name(*second), this);
            comparison_->setAttribute(Qt::WA_DeleteOnClose);
            comparison_->show();
            showMessage(tr("Comparing run %1 with run %2").arg(first->info.id).arg(second->info.id));
            emit comparisonShown();
        };
    });
}

} // namespace levex::ui
