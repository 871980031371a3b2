// SPDX-License-Identifier: GPL-3.0-or-later
// The controls of a lending book (docs/lending.md §9): its protocol, its base currency's name, and
// the position-book controls that do not apply.
#include "ui/panels/RunControlsPanel.h"

#include "core/base/ResourcePaths.h"
#include "core/model/ProtocolProfile.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSignalBlocker>

namespace levex::ui {

void RunControlsPanel::buildLending(QFormLayout* form) {
    protocol_ = new QComboBox;
    protocol_->setObjectName("protocol");
    for (const std::string& name : list_protocol_profiles(protocol_dir()))
        protocol_->addItem(QString::fromStdString(name));
    protocol_->setToolTip(tr("The lending protocol's rules the book is judged by: thresholds, bonuses, close factor, "
                             "e-mode (resources/protocols, docs/lending.md §2). A book opens with aave-v3-ethereum "
                             "when its header has an emode column, else aave-v2-ethereum"));
    connect(protocol_, &QComboBox::currentTextChanged, this, &RunControlsPanel::edited);
    base_unit_ = new QLineEdit(QStringLiteral("ETH"));
    base_unit_->setObjectName("baseCurrency");
    base_unit_->setToolTip(tr("The currency the book's oracle prices are in: the CSV does not say, so this is your "
                              "statement (ETH for the bundled Aave samples, docs/lending.md §5). It only labels the "
                              "amounts; nothing is converted"));
    connect(base_unit_, &QLineEdit::editingFinished, this, [this] {
        showQuoteUnit();
        emit changed();
    });
    protocol_row_ = withProblem(protocol_, {"protocol"});
    form->addRow(tr("Protocol"), protocol_row_);
    form->addRow(tr("Base currency"), base_unit_);
    form->setRowVisible(protocol_row_, false);
    form->setRowVisible(base_unit_, false);
}

QString RunControlsPanel::protocol() const {
    return protocol_->currentText();
}

QString RunControlsPanel::baseCurrency() const {
    const QString unit = base_unit_->text().trimmed();
    return unit.isEmpty() ? tr("base") : unit;
}

// The depth is quoted in the market's quote: USD for a position book, the books' base currency for
// a lending one (the shocked asset trades against it).
void RunControlsPanel::showQuoteUnit() {
    depth_->setSuffix(lending_ ? tr(" M %1").arg(baseCurrency()) : tr(" M USD"));
}

void RunControlsPanel::enablePositionControls(bool enable, const QString& why) {
    for (QWidget* w : std::initializer_list<QWidget*>{venue_, leverage_, mark_passthrough_, fee_, fund_}) {
        if (!enable && w->isEnabled()) {
            tips_[w] = w->toolTip();
            w->setToolTip(why);
        } else if (enable && tips_.count(w)) {
            w->setToolTip(tips_[w]);
            tips_.erase(w);
        }
        w->setEnabled(enable);
    }
}

void RunControlsPanel::setLendingBook(const QString& protocol, const QStringList& assets, const QString& symbol) {
    const QSignalBlocker block(this);
    const QSignalBlocker block_protocol(protocol_);
    if (protocol_->findText(protocol) < 0)
        protocol_->addItem(protocol); // a profile file
    protocol_->setCurrentText(protocol);
    lending_ = true;
    form_->setRowVisible(protocol_row_, true);
    form_->setRowVisible(base_unit_, true);
    enablePositionControls(false, tr("A lending book: its protocol profile sets the liquidation rules, so the "
                                     "venue, the leverage multiplier and the venue's fee, fund and mark "
                                     "pass-through do not apply"));
    showQuoteUnit();
    setSymbols(assets, symbol);
    if (!assets.contains(symbol))
        setSymbols(assets + QStringList{symbol}, symbol);
}

void RunControlsPanel::setPositionBook() {
    if (!lending_)
        return;
    lending_ = false;
    form_->setRowVisible(protocol_row_, false);
    form_->setRowVisible(base_unit_, false);
    enablePositionControls(true, {});
    showQuoteUnit();
}

} // namespace levex::ui
