// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/CascadeEngine.h"

#include "core/base/NumberFormat.h"
#include "core/base/VectorUnitState.h"
#include "core/engine/AdlQueue.h"
#include "core/engine/DepthCurveMarket.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace levex {

const char* liquidation_path_name(LiquidationPath path) {
    switch (path) {
    case LiquidationPath::Book: return "book";
    case LiquidationPath::Adl: return "adl";
    case LiquidationPath::Backstop: return "backstop";
    case LiquidationPath::Takeover: return "takeover";
    }
    return "book";
}

std::size_t RunFrames::bin_of(double price) const {
    const auto it = std::upper_bound(edges.begin() + 1, edges.end() - 1, price);
    return std::size_t(it - (edges.begin() + 1));
}

namespace {

// The per-step series (steps long) and the histograms (steps × bins), sized and trimmed together.
std::array<std::vector<double>*, 10> step_series(RunFrames& f) {
    return {&f.index,
            &f.book,
            &f.mark,
            &f.liquidated_notional_long,
            &f.liquidated_notional_short,
            &f.backstop_notional,
            &f.adl_notional,
            &f.open_interest,
            &f.fund_balance,
            &f.withdrawal};
}

std::array<std::vector<double>*, 4> histogram_series(RunFrames& f) {
    return {&f.open_long, &f.open_short, &f.executed_long, &f.executed_short};
}

} // namespace

void RunFrames::allocate(std::size_t run_steps, bool histograms) {
    for (auto* series : step_series(*this))
        series->assign(run_steps, 0.0);
    liquidated_count_long.assign(run_steps, 0);
    liquidated_count_short.assign(run_steps, 0);
    if (histograms)
        for (auto* h : histogram_series(*this))
            h->assign(run_steps * bins, 0.0);
}

void RunFrames::trim(std::size_t run, bool histograms) {
    steps = run;
    for (auto* series : step_series(*this))
        series->resize(run);
    liquidated_count_long.resize(run);
    liquidated_count_short.resize(run);
    if (histograms)
        for (auto* h : histogram_series(*this))
            h->resize(run * bins);
}

double exhaustion_price(const PreparedBook& book, const BookDepth& depth, double shocked, bool down) {
    ExhaustionScan scan(down ? book.long_ladder : book.short_ladder, down ? depth.bids : depth.asks, down);
    return scan.at(shocked);
}

namespace {

// Money flows of one step between the parties (margin currency); they sum to zero.
struct Flows {
    double traders = 0, external = 0, fees = 0, fund = 0, adl = 0, backstop = 0;
    double sum() const { return traders + external + fees + fund + adl + backstop; }
};

// One run: the positions' state, the venue's rules and the fund, against a market it trades with
// only through CascadeMarket.
class Cascade {
public:
    Cascade(const PreparedBook& b, CascadeMarket& market, const std::vector<double>& path, const RunParameters& p,
            RunOutputs outputs)
        : b_(b), market_(market), path_(path), p_(p), contract_(b.contract), outputs_(outputs), floor_(b.start_mark) {}

    RunResult run(const StepCallback& on_step);

private:
    // Before the first step.
    void read_parameters();
    void setup_bins(double exhaustion);
    void allocate_frames();
    void reset_positions();
    void place_open_levels();
    void start_summary();
    // One step, in order.
    void begin_step(std::size_t t);
    void exogenous_order();
    void unwind_takeovers();
    void collect_triggers();
    void order_batch();
    void record_frame(std::size_t t);
    bool settled() const;
    // After the last step.
    void trim_frames(std::size_t run);
    void finish_summary(std::size_t run);

    // One liquidation: backstop, ADL, then the book (with the rest taken over under IOC).
    void liquidate(std::uint32_t k);
    bool try_backstop(std::uint32_t k);
    double deleverage(std::uint32_t k, double q, double bankrupt);
    void execute_on_book(std::uint32_t k, double to_book, double bankrupt);
    void take_over(std::uint32_t k, double taken, double bankrupt);
    void settle_book(std::uint32_t k, double part, double vwap);
    void close(std::uint32_t k, double q);
    void remove_open(std::uint32_t k, double q, bool executed);
    AdlQueue& adl_queue(int side);
    double quote(double q, double price) const { return contract_.quote_notional(q, price); }
    double part_cushion(std::uint32_t k, double part) const { return cushion_[k] * part / remaining_[k]; }
    void log_event(std::uint32_t k, LiquidationPath path, double size, double price, double fee, double fund_pnl);

    const PreparedBook& b_;
    CascadeMarket& market_;
    const std::vector<double>& path_;
    const RunParameters& p_;
    const ContractSpec contract_;
    const RunOutputs outputs_;
    const PriceFloor floor_; // for the mark; the market holds its own prices at the same floor

    RunResult result_;
    RunFrames& frames_ = result_.frames;
    RunSummary& sum_ = result_.summary;
    double beta_ = 1.0, fee_rate_ = 0.0, fund_ = 0.0, dt_ = 1.0;
    bool unlimited_fund_ = true;
    double mark_ = 0.0, time_ = 0.0;
    std::size_t step_ = 0;
    double fund_inventory_ = 0.0, fund_basis_ = 0.0; // signed base quantity taken over, and its average price
    std::vector<double> remaining_, cushion_, cooldown_until_;
    std::vector<double> closed_size_; // per step, base
    std::vector<std::uint8_t> touched_;
    std::vector<std::uint32_t> pending_, batch_;
    std::vector<std::pair<double, std::uint32_t>> order_keys_;
    std::vector<double> open_long_, open_short_;
    std::vector<std::int32_t> bin_;  // each position's bin (or -1 without a liquidation price)
    std::optional<AdlQueue> adl_[2]; // per side of the winners (0 longs, 1 shorts), rebuilt per step
    Flows flows_;
    double step_notional_ = 0.0;
    int exogenous_side_ = 0;          // +1 a sale, -1 a purchase, 0 none
    double exogenous_per_step_ = 0.0; // base, over exogenous_steps_ steps from step 0
    std::size_t exogenous_steps_ = 0;

    // Across steps.
    std::size_t exogenous_end_ = 0;              // the last step with an exogenous move
    std::size_t long_next_ = 0, short_next_ = 0; // the next trigger on each ladder
    double open_interest_size_ = 0.0;
    double previous_mark_ = 0.0, peak_ = 0.0;
    long first_active_ = -1, last_active_ = -1;
};

void Cascade::setup_bins(double exhaustion) {
    const double s0 = b_.start_mark;
    // 10 % past the exhaustion bound, as past a path's range: the levels the cascade stops short of stay in view.
    double span = std::max(1.5 * std::abs(p_.shock), std::abs(exhaustion / s0 - 1.0) * 1.1);
    for (double y : path_) // a replayed or random path's own range
        span = std::max(span, std::abs(std::exp(y) - 1.0) * 1.1);
    span = std::max(span, 0.01);
    const double lo = s0 * std::max(1.0 - span, 0.01), hi = s0 * (1.0 + span);
    frames_.bins = std::max<std::size_t>(p_.bins, 2);
    frames_.edges.resize(frames_.bins + 1);
    const double w = std::log(hi / lo) / double(frames_.bins);
    for (std::size_t i = 0; i <= frames_.bins; ++i)
        frames_.edges[i] = lo * std::exp(w * double(i));
}

void Cascade::log_event(std::uint32_t k, LiquidationPath path, double size, double price, double fee, double fund_pnl) {
    if (outputs_.log)
        result_.log.push_back({static_cast<std::uint32_t>(step_), b_.book_index[k], b_.side[k], path, size,
                               b_.liquidation[k], price, fee, fund_pnl});
    closed_size_[step_] += size;
    const double notional = quote(size, price);
    (b_.side[k] > 0 ? frames_.liquidated_notional_long : frames_.liquidated_notional_short)[step_] += notional;
    step_notional_ += notional;
}

void Cascade::remove_open(std::uint32_t k, double q, bool executed) {
    if (bin_[k] < 0)
        return;
    const double notional = quote(q, b_.liquidation[k]);
    (b_.side[k] > 0 ? open_long_ : open_short_)[std::size_t(bin_[k])] -= notional;
    if (executed && outputs_.histograms)
        (b_.side[k] > 0 ? frames_.executed_long
                        : frames_.executed_short)[step_ * frames_.bins + std::size_t(bin_[k])] += notional;
}

// Removes q of position k after it has been settled: its cushion share, its open level.
void Cascade::close(std::uint32_t k, double q) {
    remove_open(k, q, true);
    cushion_[k] -= part_cushion(k, q);
    remaining_[k] -= q;
    if (!touched_[k]) {
        touched_[k] = 1;
        (b_.side[k] > 0 ? frames_.liquidated_count_long : frames_.liquidated_count_short)[step_] += 1;
    }
    if (remaining_[k] <= 1e-12 * b_.size[k]) {
        remaining_[k] = 0.0;
        cushion_[k] = 0.0;
    } else if (b_.venue.partial) {
        cooldown_until_[k] = time_ + b_.venue.partial->cooldown_s;
        pending_.push_back(k);
    }
}

void Cascade::settle_book(std::uint32_t k, double part, double vwap) {
    const int s = b_.side[k];
    const double cushion = part_cushion(k, part);
    const double pnl = contract_.pnl(s, part, b_.entry[k], vwap);
    const double equity = cushion + pnl;
    const double fee = std::min(fee_rate_ * contract_.notional(part, vwap), std::max(equity, 0.0));
    const double rest = equity - fee;
    double to_fund = 0.0, payout = 0.0;
    if (rest < 0 || b_.venue.remaining_margin_to == RemainingMarginTo::Fund)
        to_fund = rest; // a fill beyond bankruptcy is the fund's loss
    else
        payout = rest;
    flows_.traders += payout - cushion;
    flows_.external -= pnl;
    flows_.fees += fee;
    flows_.fund += to_fund;
    if (to_fund < 0)
        sum_.fund_loss -= to_fund;
    fund_ += to_fund;
    log_event(k, LiquidationPath::Book, part, vwap, fee, to_fund);
}

AdlQueue& Cascade::adl_queue(int winner_side) {
    std::optional<AdlQueue>& q = adl_[winner_side > 0 ? 0 : 1];
    if (!q) {
        std::vector<AdlQueue::Candidate> candidates;
        for (std::uint32_t w = 0; w < b_.positions(); ++w) {
            if (b_.side[w] != winner_side || remaining_[w] <= 0)
                continue;
            if (contract_.pnl(winner_side, 1.0, b_.entry[w], mark_) <= 0)
                continue;
            candidates.push_back(
                {w, AdlQueue::bitmex_rank(winner_side, b_.entry[w], mark_, b_.bankruptcy(w)), remaining_[w]});
        }
        q.emplace(std::move(candidates));
    }
    return *q;
}

// Backstop: equity below the fraction of maintenance -> the vault takes it all, off-book.
// Returns true when it did.
bool Cascade::try_backstop(std::uint32_t k) {
    const int s = b_.side[k];
    const double rem = remaining_[k];
    const double equity = cushion_[k] + contract_.pnl(s, rem, b_.entry[k], mark_);
    const double share = rem / b_.size[k];
    const double maintenance =
        share * (contract_.notional(b_.size[k], mark_) * double(b_.mmr[k]) - double(b_.maint_amount[k])) +
        double(b_.other_maint[k]);
    if (!(equity < b_.venue.backstop_equity_fraction * maintenance))
        return false;
    const double pnl = contract_.pnl(s, rem, b_.entry[k], mark_);
    flows_.traders -= cushion_[k];
    flows_.external -= pnl;
    flows_.backstop += cushion_[k] + pnl;
    frames_.backstop_notional[step_] += quote(rem, mark_);
    sum_.backstop_notional += quote(rem, mark_);
    log_event(k, LiquidationPath::Backstop, rem, mark_, 0.0, 0.0);
    close(k, rem);
    return true;
}

// ADL with the fund exhausted: q of position k closed against the other side's winners at its
// bankruptcy price, off-book. Returns what is left for the book.
double Cascade::deleverage(std::uint32_t k, double q, double bankrupt) {
    const int s = b_.side[k];
    double to_book = q;
    for (const AdlQueue::Fill& f : adl_queue(-s).absorb(q)) {
        const double cushion = part_cushion(k, f.quantity);
        flows_.traders -= cushion;
        flows_.external -= contract_.pnl(s, f.quantity, b_.entry[k], bankrupt);
        const std::uint32_t w = f.position;
        const double winner_pnl = contract_.pnl(b_.side[w], f.quantity, b_.entry[w], bankrupt);
        flows_.adl += winner_pnl;
        flows_.external -= winner_pnl;
        remove_open(w, f.quantity, false);
        cushion_[w] -= part_cushion(w, f.quantity);
        remaining_[w] -= f.quantity;
        if (remaining_[w] <= 1e-12 * b_.size[w])
            remaining_[w] = cushion_[w] = 0.0;
        frames_.adl_notional[step_] += quote(f.quantity, bankrupt);
        sum_.adl_notional += quote(f.quantity, bankrupt);
        log_event(k, LiquidationPath::Adl, f.quantity, bankrupt, 0.0, 0.0);
        to_book -= f.quantity;
    }
    return std::max(to_book, 0.0);
}

// The book: a market order, or an IOC limited at bankruptcy with the rest taken over by the fund.
void Cascade::execute_on_book(std::uint32_t k, double to_book, double bankrupt) {
    const int s = b_.side[k];
    double filled = to_book;
    if (b_.venue.execution == Execution::IocBankruptcy && !std::isnan(bankrupt) && bankrupt > 0)
        filled = std::clamp(market_.quantity_to(s, bankrupt), 0.0, to_book);
    if (filled > 0)
        settle_book(k, filled, market_.fill(s, filled));
    const double taken = to_book - filled;
    if (taken > 0)
        take_over(k, taken, bankrupt);
}

// The fund takes over what the book could not fill above bankruptcy, and sells it next step.
void Cascade::take_over(std::uint32_t k, double taken, double bankrupt) {
    const int s = b_.side[k];
    const double cushion = part_cushion(k, taken);
    flows_.traders -= cushion;
    flows_.external -= contract_.pnl(s, taken, b_.entry[k], bankrupt);
    const double held = std::abs(fund_inventory_);
    fund_basis_ = (fund_basis_ * held + bankrupt * taken) / (held + taken);
    fund_inventory_ += s * taken;
    log_event(k, LiquidationPath::Takeover, taken, bankrupt, 0.0, 0.0);
}

void Cascade::liquidate(std::uint32_t k) {
    const VenueProfile& v = b_.venue;
    const double rem = remaining_[k];
    double q = rem;
    if (v.partial && quote(rem, mark_) > v.partial->min_notional)
        q = rem * v.partial->fraction;
    if (v.backstop_equity_fraction > 0 && try_backstop(k))
        return;
    double to_book = q;
    const double bankrupt = b_.bankruptcy(k);
    if (!unlimited_fund_ && fund_ <= 0 && v.adl_enabled && !std::isnan(bankrupt))
        to_book = deleverage(k, q, bankrupt);
    if (to_book > 0)
        execute_on_book(k, to_book, bankrupt);
    close(k, q);
}

void Cascade::read_parameters() {
    const VenueProfile& v = b_.venue;
    beta_ = std::isnan(p_.mark_passthrough) ? v.mark_passthrough : p_.mark_passthrough;
    fee_rate_ = std::isnan(p_.fee) ? v.liquidation_fee_rate : p_.fee;
    fund_ = std::isnan(p_.fund) ? v.insurance_fund : p_.fund;
    unlimited_fund_ = std::isinf(fund_);
    dt_ = p_.step_seconds;
    // docs/model.md §3: the exogenous order at step 0, or in equal parts over the shock's steps.
    const double order = p_.sell > 0 ? p_.sell : p_.buy;
    if (order > 0) {
        exogenous_side_ = p_.sell > 0 ? 1 : -1;
        exogenous_steps_ = std::min<std::size_t>(std::max<std::size_t>(p_.shock_steps, 1), path_.size());
        exogenous_per_step_ = order / double(exogenous_steps_);
    }
}

void Cascade::allocate_frames() {
    frames_.allocate(path_.size(), outputs_.histograms);
    closed_size_.assign(path_.size(), 0.0);
    // About an event per liquidated position: reserved (address space only until written), so that
    // the log of a large cascade is not copied as it grows.
    if (outputs_.log)
        result_.log.reserve(b_.positions());
}

void Cascade::reset_positions() {
    const std::size_t n = b_.positions();
    remaining_ = b_.size;
    cushion_ = b_.cushion;
    cooldown_until_.assign(b_.venue.partial ? n : 0, 0.0);
    touched_.assign(n, 0);
    bin_.assign(n, -1);
}

// Each position's open liquidation level in its price bin. Ladders are sorted by price, so their
// bins follow by walking the edges alongside.
void Cascade::place_open_levels() {
    const std::size_t bins = frames_.bins;
    open_long_.assign(bins, 0.0);
    open_short_.assign(bins, 0.0);
    for (const TriggerLadder* ladder : {&b_.long_ladder, &b_.short_ladder}) {
        const bool descending = ladder == &b_.long_ladder;
        std::vector<double>& open = descending ? open_long_ : open_short_;
        std::size_t bin = descending ? bins - 1 : 0;
        for (std::size_t i = 0; i < ladder->price.size(); ++i) {
            const double price = ladder->price[i];
            if (std::isinf(price))
                continue;
            if (descending)
                while (bin > 0 && price < frames_.edges[bin])
                    --bin;
            else
                while (bin + 1 < bins && price >= frames_.edges[bin + 1])
                    ++bin;
            const std::uint32_t k = ladder->position[i];
            bin_[k] = static_cast<std::int32_t>(bin);
            open[bin] += quote(b_.size[k], price);
        }
    }
}

void Cascade::start_summary() {
    const double s0 = b_.start_mark;
    // After the last exogenous move, only the cascade itself moves price.
    for (std::size_t t = 1; t < path_.size(); ++t)
        if (path_[t] != path_[t - 1])
            exogenous_end_ = t;
    if (exogenous_steps_ > 0)
        exogenous_end_ = std::max(exogenous_end_, exogenous_steps_ - 1);
    sum_.start_price = s0;
    sum_.insurance_fund_min = fund_;
    sum_.leverage_capped = b_.capped_count;
    for (double q : b_.size)
        open_interest_size_ += q;
    previous_mark_ = peak_ = s0;
}

void Cascade::begin_step(std::size_t t) {
    step_ = t;
    time_ = double(t) * dt_;
    flows_ = Flows{};
    step_notional_ = 0.0;
    adl_[0].reset();
    adl_[1].reset();
    if (t > 0)
        market_.advance(dt_);
    market_.set_index(path_[t]);
}

// An outside order (a whale, a depeg dump) walks the same depth as forced orders: it moves the book
// and, with withdrawal, thins it; its cash is the outside world's, not the venue's ledger.
void Cascade::exogenous_order() {
    if (step_ < exogenous_steps_)
        market_.fill(exogenous_side_, exogenous_per_step_);
}

// The fund sells into the book what it took over last step.
void Cascade::unwind_takeovers() {
    if (fund_inventory_ == 0.0)
        return;
    const int side = fund_inventory_ > 0 ? 1 : -1;
    const double q = std::abs(fund_inventory_);
    const double vwap = market_.fill(side, q);
    const double pnl = contract_.pnl(side, q, fund_basis_, vwap);
    flows_.fund += pnl;
    flows_.external -= pnl;
    fund_ += pnl;
    if (pnl < 0)
        sum_.fund_loss -= pnl;
    fund_inventory_ = 0.0;
}

// Triggers the mark has crossed, in the order it crossed them, and partial liquidations whose
// cool-down is over.
void Cascade::collect_triggers() {
    batch_.clear();
    const TriggerLadder& longs = b_.long_ladder;
    const TriggerLadder& shorts = b_.short_ladder;
    while (long_next_ < longs.price.size() && longs.price[long_next_] >= mark_)
        batch_.push_back(longs.position[long_next_++]);
    const std::size_t from_longs = batch_.size();
    while (short_next_ < shorts.price.size() && shorts.price[short_next_] <= mark_)
        batch_.push_back(shorts.position[short_next_++]);
    const std::size_t from_ladders = batch_.size();
    if (!pending_.empty()) {
        std::size_t keep = 0;
        for (std::uint32_t k : pending_) {
            const bool due = time_ >= cooldown_until_[k] && remaining_[k] > 0;
            const bool beyond = b_.side[k] > 0 ? b_.liquidation[k] >= mark_ : b_.liquidation[k] <= mark_;
            if (due && beyond)
                batch_.push_back(k);
            else if (remaining_[k] > 0)
                pending_[keep++] = k;
        }
        pending_.resize(keep);
    }
    // Each ladder's part is already in the order the mark crossed it; merge only when there is
    // more than one part (both sides, or partial liquidations coming back).
    const bool mixed = (from_longs > 0) + (from_ladders > from_longs) + (batch_.size() > from_ladders) > 1;
    if (mixed)
        order_batch();
}

// Orders the batch by distance of each trigger from the previous mark.
void Cascade::order_batch() {
    const double from = std::log(previous_mark_);
    order_keys_.clear();
    for (std::uint32_t k : batch_)
        order_keys_.emplace_back(std::abs(std::log(b_.liquidation[k]) - from), k);
    std::stable_sort(order_keys_.begin(), order_keys_.end(),
                     [](const auto& a, const auto& c) { return a.first < c.first; });
    for (std::size_t i = 0; i < batch_.size(); ++i)
        batch_[i] = order_keys_[i].second;
}

// The frame: prices after this step's fills, open levels, and the summary's running figures.
void Cascade::record_frame(std::size_t t) {
    const double s0 = b_.start_mark;
    const double book_price = market_.book_price();
    frames_.index[t] = market_.index();
    frames_.book[t] = book_price;
    frames_.mark[t] = mark_;
    frames_.fund_balance[t] = fund_;
    frames_.withdrawal[t] = market_.withdrawal();
    if (outputs_.histograms) {
        const std::size_t bins = frames_.bins;
        double* ol = frames_.open_long.data() + t * bins;
        double* os = frames_.open_short.data() + t * bins;
        for (std::size_t i = 0; i < bins; ++i) {
            ol[i] = std::max(open_long_[i], 0.0);
            os[i] = std::max(open_short_[i], 0.0);
        }
    }
    sum_.ledger_max_imbalance = std::max(sum_.ledger_max_imbalance, std::abs(flows_.sum()));
    sum_.insurance_fund_min = std::min(sum_.insurance_fund_min, fund_);
    // The range covers the start price too, as the drawdown's peak does.
    sum_.min_price = std::min(t == 0 ? s0 : sum_.min_price, book_price);
    sum_.max_price = std::max(t == 0 ? s0 : sum_.max_price, book_price);
    peak_ = std::max(peak_, book_price);
    sum_.max_drawdown = std::max(sum_.max_drawdown, 1.0 - book_price / peak_);
    sum_.peak_liquidation_rate_quote_per_s = std::max(sum_.peak_liquidation_rate_quote_per_s, step_notional_ / dt_);
    if (step_notional_ > 0) {
        if (first_active_ < 0)
            first_active_ = long(t);
        last_active_ = long(t);
    }
    previous_mark_ = mark_;
}

// Nothing left to happen: nothing fired, nothing waits, impact has faded (the caller checks that
// the path is done).
bool Cascade::settled() const {
    return batch_.empty() && pending_.empty() && fund_inventory_ == 0.0 && market_.at_rest();
}

void Cascade::trim_frames(std::size_t run) {
    frames_.trim(run, outputs_.histograms);
    // Open interest per step at that step's mark, from the positions' remaining sizes over time.
    double open = open_interest_size_;
    for (std::size_t i = 0; i < run; ++i) {
        open -= closed_size_[i];
        frames_.open_interest[i] = quote(std::max(open, 0.0), frames_.mark[i]);
    }
}

void Cascade::finish_summary(std::size_t run) {
    const double s0 = b_.start_mark;
    sum_.steps_run = run;
    sum_.final_price = run > 0 ? frames_.book[run - 1] : s0;
    for (std::uint32_t k = 0; k < b_.positions(); ++k)
        if (touched_[k])
            ++(b_.side[k] > 0 ? sum_.liquidated_count_long : sum_.liquidated_count_short);
    sum_.liquidated_count = sum_.liquidated_count_long + sum_.liquidated_count_short;
    for (std::size_t i = 0; i < run; ++i) {
        sum_.liquidated_notional_long += frames_.liquidated_notional_long[i];
        sum_.liquidated_notional_short += frames_.liquidated_notional_short[i];
    }
    const double oi = b_.open_interest_quote();
    sum_.liquidated_share_of_oi = oi > 0 ? (sum_.liquidated_notional_long + sum_.liquidated_notional_short) / oi : 0.0;
    if (p_.shock != 0 && run > 0) {
        const double extreme = p_.shock < 0 ? sum_.min_price : sum_.max_price;
        sum_.amplification = std::abs(std::log(extreme / s0)) / std::abs(std::log1p(p_.shock));
    }
    sum_.cascade_duration_s = first_active_ < 0 ? 0.0 : double(last_active_ - first_active_ + 1) * dt_;
    sum_.price_floor_hit = floor_.hit() || market_.floor_hit();
}

RunResult Cascade::run(const StepCallback& on_step) {
    read_parameters();
    const double s0 = b_.start_mark;
    // The exhaustion bound, and the bins it spans.
    const double end = path_.empty() ? 0.0 : (p_.shock != 0 ? std::log1p(p_.shock) : path_.back());
    const bool down = end < 0 || (end == 0 && exogenous_side_ > 0);
    const double shocked = s0 * std::exp(end);
    // The exogenous order counts where it walks the side the move goes down (up) through.
    const double exogenous = exogenous_side_ == (down ? 1 : -1) ? exogenous_per_step_ * double(exogenous_steps_) : 0.0;
    sum_.exhaustion_price = std::max(
        market_.exhaustion_price(down ? b_.long_ladder : b_.short_ladder, shocked, down, exogenous), floor_.level());
    setup_bins(sum_.exhaustion_price);
    allocate_frames();
    reset_positions();
    place_open_levels();
    start_summary();

    const std::size_t steps = path_.size();
    std::size_t t = 0;
    for (; t < steps; ++t) {
        begin_step(t);
        exogenous_order();
        unwind_takeovers();
        mark_ = floor_(market_.index() * std::exp(beta_ * market_.book_offset()));
        collect_triggers();
        for (std::uint32_t k : batch_)
            if (remaining_[k] > 0) // ADL may have closed it as a winner earlier in the step
                liquidate(k);
        record_frame(t);
        if (on_step) {
            const bool go_on = on_step(t, frames_);
            clear_vector_upper_state(); // the callback may have run anything
            if (!go_on) {
                result_.cancelled = true;
                ++t;
                break;
            }
        }
        if (t >= exogenous_end_ && settled()) {
            ++t;
            break;
        }
    }
    const std::size_t run = std::min(t, steps);
    trim_frames(run);
    finish_summary(run);
    return std::move(result_);
}

// The engine's own preconditions (the front ends check the parameters before, with their limits);
// messages name the parameter keys.
void check_run_inputs(const std::vector<double>& index_path, const RunParameters& params) {
    if (index_path.empty())
        throw std::invalid_argument("steps: expected an index path of at least one step, found none");
    if (!(params.step_seconds > 0))
        throw std::invalid_argument("step_seconds: expected a number > 0, found " + format_plain(params.step_seconds));
    if (!(params.half_life_s > 0))
        throw std::invalid_argument("half_life_s: expected a number > 0, found " + format_plain(params.half_life_s));
    if (!(params.permanent_fraction >= 0) || !(params.permanent_fraction < 1))
        throw std::invalid_argument("permanent_fraction: expected a number in [0, 1), found " +
                                    format_plain(params.permanent_fraction));
}

} // namespace

RunResult run_cascade(const PreparedBook& book, CascadeMarket& market, const std::vector<double>& index_path,
                      const RunParameters& params, const StepCallback& on_step, RunOutputs outputs) {
    check_run_inputs(index_path, params);
    if (market.start_price() != book.start_mark)
        throw std::invalid_argument("the market must start at the book's start mark");
    clear_vector_upper_state();
    Cascade cascade(book, market, index_path, params, outputs);
    return cascade.run(on_step);
}

RunResult run_cascade(const PreparedBook& book, const BookDepth& depth, const std::vector<double>& index_path,
                      const RunParameters& params, const StepCallback& on_step, RunOutputs outputs) {
    check_run_inputs(index_path, params);
    DepthCurveMarket market(depth, book.start_mark, params);
    return run_cascade(book, market, index_path, params, on_step, outputs);
}

} // namespace levex
