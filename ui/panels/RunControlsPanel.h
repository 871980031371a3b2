// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/RunParameters.h"

#include <QStringList>
#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLayout;
class QLineEdit;
class QSlider;
class QSettings;
class QSpinBox;

namespace levex::ui {

/// Every run parameter of docs/model.md as a control, the common ones first and the rest in a folded
/// "Advanced" group. Labels, ranges, defaults and tooltips (doc, unit, whether a default is a
/// user assumption) come from the parameter table (core/model/ParameterTable.h); every default
/// is visible (venue-dependent values say "venue"). Each edit is checked with the table's limits:
/// a valid set emits `changed()`, a problem is shown beside the control that causes it and runs
/// nothing.
class RunControlsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunControlsPanel(QWidget* parent = nullptr);

    RunParameters parameters() const;
    QString venue() const;
    /// The main settings (venue, leverage, shock, depth with its L2 file or pool, withdrawal and its
    /// settings, half-life, length) to and from QSettings. restore() returns what it could not
    /// restore as it was (an L2 file that is gone: the V-shaped book is used), for the status line.
    void save(QSettings& settings) const;
    QStringList restore(const QSettings& settings);
    /// The book's symbols; `proposed` (the largest by open interest) is chosen unless the current
    /// choice is among them. No `changed()`: the run in flight already uses it.
    void setSymbols(const QStringList& symbols, const QString& proposed);
    /// Shows every parameter of a scenario (a file, a Library scenario or a stored run); returns the
    /// parameters the controls cannot hold (they are not applied), for the caller to tell the user.
    /// No `changed()`: the caller decides whether to run them or to show a stored run.
    QStringList setParameters(const RunParameters& params, const QString& venue);
    /// A lending book is shown (docs/lending.md §9): the protocol it is judged by (a bundled name or
    /// a file), the assets it could shock and the one shocked. The protocol and base-currency rows
    /// appear; the controls that only a position book uses (venue, leverage multiplier, the venue's
    /// fee, fund and mark pass-through) are disabled and say why. No `changed()`.
    void setLendingBook(const QString& protocol, const QStringList& assets, const QString& symbol);
    /// A position book is shown: the lending rows hide, every control is enabled again. No `changed()`.
    void setPositionBook();
    bool lendingBook() const { return lending_; }
    QString protocol() const;
    /// The name the lending figures are labelled with: the currency the books' prices are in.
    QString baseCurrency() const;

    /// An L2 order-book file was chosen: the depth model switches to it and the run follows.
    void setL2BookFile(const QString& path);

    /// Loads a scenario's shock and leverage (one `changed()` for both).
    void setShockAndLeverage(double shock, double leverage_mult);

    /// Shows `message` beside the control of the parameter `key` (a table key; "venue"), or above
    /// the controls when no control holds it; an empty message clears it. Problems found later by
    /// the run (a symbol or mark the book cannot give) arrive here too.
    void showProblem(const QString& key, const QString& message);
    /// The problem shown for `key`, or an empty string.
    QString problemShown(const QString& key) const;
    /// Shows, under the depth controls, what the core says about where the run's market starts (an
    /// L2 snapshot re-based to the start price, a pool priced away from the book's mark); an empty
    /// text hides it.
    void showMarketNotice(const QString& notice);
    QString marketNotice() const;

signals:
    void changed();
    /// A problem keeps the shown settings from running (`why`, as shown beside its control): what
    /// the charts show is the run before.
    void notRun(const QString& why);

private:
    /// A number box whose value is `scale` × the parameter `key` (shock in %, depth in M USD).
    struct NumberControl {
        std::string key;
        QDoubleSpinBox* box;
        double scale;
    };

    QDoubleSpinBox* numberBox(const std::string& key, double scale, int decimals, const QString& suffix);
    QSpinBox* wholeBox(const std::string& key, int low, int high);
    /// The field of a form row with, under it, the (hidden) label that shows the problems of `keys`.
    QWidget* withProblem(QWidget* field, const std::vector<std::string>& keys);
    QWidget* withProblem(QLayout* field, const std::vector<std::string>& keys);
    void buildMarket(QFormLayout* form);
    void buildShock(QFormLayout* form);
    void buildDepth(QFormLayout* form);
    void buildPool(QFormLayout* form);
    /// Enables and shows the controls the chosen depth model uses (a pool's fields, its A, the
    /// half-life as the arbitrage's, withdrawal's settings only when it is on).
    void showDepthModel();
    /// Shows a scenario's pool; values no box holds are added to `not_shown`.
    void setPool(const RunParameters& p, QStringList& not_shown);
    void buildResilience(QFormLayout* form);
    void buildAdvanced(QFormLayout* form);
    void buildWithdrawalSettings(QFormLayout* more);
    void buildLending(QFormLayout* form);
    /// Enables the position-book-only controls, or disables them with `why` as their tooltip.
    void enablePositionControls(bool enable, const QString& why);
    void showQuoteUnit();
    QLayout* fileRow(QLineEdit*& edit, const QString& placeholder, const QString& title, const QString& filter,
                     bool clearable);
    void chooseFile(QLineEdit* target, const QString& title, const QString& filter);
    /// After an edit: shows the first parameter problem beside its control, or runs the new set.
    void edited();
    /// Checks the shown parameters; true when valid (problems are shown, not run).
    bool check();

    bool built_ = false;
    std::vector<NumberControl> numbers_; // the boxes that map one to one onto a parameter
    std::map<std::string, QLabel*> problems_;
    QLabel* general_problem_;
    QComboBox* venue_;
    QComboBox* symbol_;
    QDoubleSpinBox* mark_;
    QDoubleSpinBox* leverage_;
    QSlider* shock_slider_;
    QDoubleSpinBox* shock_;
    QSpinBox* shock_steps_;
    QDoubleSpinBox* order_; // the exogenous order's size, base
    QComboBox* order_side_; // sell or buy
    QComboBox* depth_model_;
    QDoubleSpinBox* depth_;
    QDoubleSpinBox* depth_exponent_; // the power law's only
    QLineEdit* book_file_;
    QCheckBox* withdrawal_;
    QLabel* market_notice_;           // the core's notice on the market's start, under the depth controls
    QFormLayout* form_ = nullptr;     // the panel's main form (rows are shown and hidden by model and book kind)
    QComboBox* pool_kind_;            // constant product or StableSwap
    QDoubleSpinBox* pool_a_;          // StableSwap's A; 0 shows "none"
    QDoubleSpinBox* pool_fee_;        // at its minimum: the kind's usual fee
    QDoubleSpinBox* pool_base_;       // 0 shows "none"
    QDoubleSpinBox* pool_quote_;      // 0 shows "none"
    std::vector<QWidget*> pool_rows_; // the fields of the pool's rows, shown only for it
    QLabel* half_life_label_;         // "Half-life", or "Arbitrage half-life" for a pool
    QDoubleSpinBox* half_life_;
    QCheckBox* permanent_;
    QDoubleSpinBox* withdrawal_scale_;
    QDoubleSpinBox* withdrawal_exponent_;
    QDoubleSpinBox* withdrawal_half_life_;
    QCheckBox* withdrawal_never_; // the remembered flow never halves (inf)
    QSpinBox* steps_;
    QGroupBox* advanced_;
    QDoubleSpinBox* mark_passthrough_;
    QDoubleSpinBox* fee_;
    QDoubleSpinBox* fund_;
    QDoubleSpinBox* student_nu_;
    QSpinBox* seed_;
    QSpinBox* bins_;
    QLineEdit* series_file_;
    bool lending_ = false;
    QComboBox* protocol_ = nullptr;
    QWidget* protocol_row_ = nullptr;
    QLineEdit* base_unit_ = nullptr;
    std::map<QWidget*, QString> tips_; // the position-book controls' own tooltips, while disabled
};

} // namespace levex::ui
