// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/RunComparisonDialog.h"

#include "ui/views/Theme.h"

#include <qcustomplot.h>

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <functional>
#include <optional>

namespace levex::ui {

namespace {

struct Metric {
    QString label;
    std::function<std::optional<double>(const StoredRun&)> value;
    int decimals;
    QString unit;
};

std::vector<Metric> metrics() {
    auto s = [](auto field) {
        return [field](const StoredRun& r) -> std::optional<double> { return double(r.summary.*field); };
    };
    auto p = [](auto field) {
        return [field](const StoredRun& r) -> std::optional<double> { return double(r.scenario.params.*field); };
    };
    return {
        {QObject::tr("Shock"),
         [](const StoredRun& r) -> std::optional<double> { return r.scenario.params.shock * 100; }, 2, "%"},
        {QObject::tr("Leverage multiplier"), p(&RunParameters::leverage_mult), 2, "×"},
        {QObject::tr("Depth (flat: per 1 %; V-shaped: within 1 %)"),
         [](const StoredRun& r) -> std::optional<double> {
             const RunParameters& q = r.scenario.params;
             if (q.depth_model == DepthModel::Flat)
                 return q.depth_quote_per_pct * q.depth_scale;
             if (q.depth_model == DepthModel::VShaped)
                 return q.depth_quote_within_1pct * q.depth_scale;
             return std::nullopt; // an L2 book or the metaorder law: no single number
         },
         0, "USD"},
        {QObject::tr("Half-life"), p(&RunParameters::half_life_s), 0, "s"},
        {QObject::tr("Steps run"), s(&RunSummary::steps_run), 0, ""},
        {QObject::tr("Liquidated positions"), s(&RunSummary::liquidated_count), 0, ""},
        {QObject::tr("Liquidated notional long"), s(&RunSummary::liquidated_notional_long), 0, "USD"},
        {QObject::tr("Liquidated notional short"), s(&RunSummary::liquidated_notional_short), 0, "USD"},
        {QObject::tr("Share of open interest"),
         [](const StoredRun& r) -> std::optional<double> { return r.summary.liquidated_share_of_oi * 100; }, 2, "%"},
        {QObject::tr("Start price"), s(&RunSummary::start_price), 2, "USD"},
        {QObject::tr("Final price"), s(&RunSummary::final_price), 2, "USD"},
        {QObject::tr("Lowest price"), s(&RunSummary::min_price), 2, "USD"},
        {QObject::tr("Highest price"), s(&RunSummary::max_price), 2, "USD"},
        {QObject::tr("Exhaustion price P*"), s(&RunSummary::exhaustion_price), 2, "USD"},
        {QObject::tr("Max drawdown"),
         [](const StoredRun& r) -> std::optional<double> { return r.summary.max_drawdown * 100; }, 2, "%"},
        {QObject::tr("Amplification"), [](const StoredRun& r) { return r.summary.amplification; }, 3, "×"},
        {QObject::tr("Cascade duration"), s(&RunSummary::cascade_duration_s), 0, "s"},
        {QObject::tr("Peak liquidation rate"), s(&RunSummary::peak_liquidation_rate_quote_per_s), 0, "USD/s"},
        {QObject::tr("Insurance fund low"), s(&RunSummary::insurance_fund_min), 0, "USD"},
        {QObject::tr("Fund loss"), s(&RunSummary::fund_loss), 0, "USD"},
        {QObject::tr("ADL notional"), s(&RunSummary::adl_notional), 0, "USD"},
        {QObject::tr("Backstop notional"), s(&RunSummary::backstop_notional), 0, "USD"},
    };
}

QString shown(std::optional<double> v, int decimals, const QString& unit, const QLocale& locale) {
    if (!v)
        return QObject::tr("n/a");
    if (std::isinf(*v))
        return *v > 0 ? QObject::tr("unlimited") : QStringLiteral("−∞");
    const QString number = locale.toString(*v, 'f', decimals);
    return unit.isEmpty() ? number : number + QStringLiteral(" ") + unit;
}

QTableWidgetItem* cell(const QString& text, bool bold, Qt::Alignment align = Qt::AlignRight | Qt::AlignVCenter) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(align);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (bold) {
        QFont font = item->font();
        font.setBold(true);
        item->setFont(font);
    }
    return item;
}

void add_paths(QCustomPlot* plot, const StoredRun& run, const QString& name, const QColor& colour) {
    const RunFrames& f = run.frames;
    QVector<double> t(qsizetype(f.steps)), mark(qsizetype(f.steps)), index(qsizetype(f.steps));
    for (std::size_t i = 0; i < f.steps; ++i) {
        t[qsizetype(i)] = double(i) * run.scenario.params.step_seconds;
        mark[qsizetype(i)] = f.mark[i];
        index[qsizetype(i)] = f.index[i];
    }
    QCPGraph* m = plot->addGraph();
    m->setName(QObject::tr("%1 mark").arg(name));
    m->setPen(QPen(colour, 2.0));
    m->setData(t, mark, true);
    QCPGraph* x = plot->addGraph();
    x->setName(QObject::tr("%1 index").arg(name));
    x->setPen(QPen(colour.lighter(130), 1.2, Qt::DashLine));
    x->setData(t, index, true);
}

} // namespace

RunComparisonDialog::RunComparisonDialog(const StoredRun& a, const QString& name_a, const StoredRun& b,
                                         const QString& name_b, QWidget* parent)
    : QDialog(parent), table_(new QTableWidget(this)), plot_(new QCustomPlot(this)) {
    setWindowTitle(tr("Compare runs — %1 · %2").arg(name_a, name_b));
    setObjectName("runComparison");
    resize(1100, 680); // fits a 1440 × 860 screen with its title bar
    table_->setColumnCount(5);
    table_->setHorizontalHeaderLabels(
        {tr("Metric"), tr("A: %1").arg(name_a), tr("B: %1").arg(name_b), tr("B − A"), tr("Change")});
    fillTexts(a, b);
    fillMetrics(a, b);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    // The run names in full (no clipped header): each column as wide as its header and values.
    for (int c = 0; c < 4; ++c)
        table_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    drawPaths(a, b);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(table_);
    split->addWidget(plot_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    auto* note = new QLabel(tr("Rows in bold differ. Change is relative to A."));
    layout->addWidget(note);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
}

// The rows of text: venue, symbol, when each run started.
void RunComparisonDialog::fillTexts(const StoredRun& a, const StoredRun& b) {
    auto venue_of = [](const StoredRun& r) {
        try {
            return QString::fromStdString(parse_venue_profile(r.scenario.venue_json, "venue").name);
        } catch (const std::exception&) {
            return QObject::tr("(unreadable)");
        }
    };
    const std::vector<std::pair<QString, std::pair<QString, QString>>> texts = {
        {tr("Venue"), {venue_of(a), venue_of(b)}},
        {tr("Symbol"), {QString::fromStdString(a.info.symbol), QString::fromStdString(b.info.symbol)}},
        {tr("Started"), {QString::fromStdString(a.info.started_at), QString::fromStdString(b.info.started_at)}},
    };
    table_->setRowCount(int(texts.size()));
    for (std::size_t k = 0; k < texts.size(); ++k) {
        const auto& [label, values] = texts[k];
        const bool differ = values.first != values.second && label != tr("Started");
        const int r = int(k);
        table_->setItem(r, 0, cell(label, differ, Qt::AlignLeft | Qt::AlignVCenter));
        table_->setItem(r, 1, cell(values.first, false));
        table_->setItem(r, 2, cell(values.second, false));
        table_->setItem(r, 3, cell(differ ? tr("differs") : QString(), differ));
        table_->setItem(r, 4, cell(QString(), false));
    }
}

// The rows of numbers, after the texts: each run's value, the difference and the relative change.
void RunComparisonDialog::fillMetrics(const StoredRun& a, const StoredRun& b) {
    const QLocale locale;
    const std::vector<Metric> rows = metrics();
    const int first_metric = table_->rowCount();
    table_->setRowCount(first_metric + int(rows.size()));
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const Metric& m = rows[k];
        const int r = first_metric + int(k);
        const std::optional<double> va = m.value(a), vb = m.value(b);
        const bool differ = va.has_value() != vb.has_value() || (va && vb && *va != *vb);
        table_->setItem(r, 0, cell(m.label, differ, Qt::AlignLeft | Qt::AlignVCenter));
        table_->setItem(r, 1, cell(shown(va, m.decimals, m.unit, locale), false));
        table_->setItem(r, 2, cell(shown(vb, m.decimals, m.unit, locale), false));
        QString delta, change;
        if (va && vb && std::isfinite(*va) && std::isfinite(*vb)) {
            const double d = *vb - *va;
            // A difference of percentages is in percentage points; a relative change of one would mislead.
            const bool percent = m.unit == QStringLiteral("%");
            delta = (d > 0 ? QStringLiteral("+") : QString()) +
                    shown(d, m.decimals, percent ? QStringLiteral("pp") : m.unit, locale);
            if (*va != 0.0 && !percent)
                change = (d > 0 ? QStringLiteral("+") : QString()) + locale.toString(d / std::abs(*va) * 100, 'f', 1) +
                         QStringLiteral(" %");
        }
        table_->setItem(r, 3, cell(differ ? delta : tr("same"), differ));
        table_->setItem(r, 4, cell(differ ? change : QString(), differ));
    }
}

void RunComparisonDialog::drawPaths(const StoredRun& a, const StoredRun& b) {
    plot_->setMinimumHeight(260);
    add_paths(plot_, a, tr("A"), QColor(31, 119, 180));
    add_paths(plot_, b, tr("B"), QColor(255, 127, 14));
    plot_->xAxis->setLabel(tr("Time (s)"));
    plot_->yAxis->setLabel(tr("Price (USD)"));
    plot_->yAxis->setNumberFormat(QStringLiteral("f")); // whole prices with separators: 95,000
    plot_->yAxis->setNumberPrecision(0);
    QLocale grouped;
    grouped.setNumberOptions(grouped.numberOptions() & ~QLocale::OmitGroupSeparator);
    plot_->setLocale(grouped);
    // The legend in a row above the chart: the paths cross every corner of it.
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(0, 0.001);
    plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->rescaleAxes();
    plot_->yAxis->scaleRange(1.08, plot_->yAxis->range().center());
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
}

int RunComparisonDialog::rowOf(const QString& label) const {
    for (int r = 0; r < table_->rowCount(); ++r)
        if (table_->item(r, 0) && table_->item(r, 0)->text() == label)
            return r;
    return -1;
}

} // namespace levex::ui
