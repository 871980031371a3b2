// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/LendingCascade.h"

#include "core/base/VectorUnitState.h"
#include "core/model/HealthFactor.h"
#include "core/model/LendingLiquidation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace levex {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint32_t kNoBin = std::numeric_limits<std::uint32_t>::max();

// An account watched for its liquidation price (oracle terms of its book).
struct Watch {
    double price;
    std::uint32_t account;
};
// Falls: the highest price is reached first; rises: the lowest. Ties by account: runs reproduce.
bool falls_after(const Watch& a, const Watch& b) {
    return a.price < b.price || (a.price == b.price && a.account > b.account);
}
bool rises_after(const Watch& a, const Watch& b) {
    return a.price > b.price || (a.price == b.price && a.account > b.account);
}

struct Candidate {
    double health_factor;
    std::uint32_t book, account;
};

// One book's state in a run: its balances, its oracle, the accounts it watches, its open levels.
struct BookRun {
    const PreparedLendingBook& p;
    LendingState state;
    double posted = 0.0;    // the shocked asset's oracle price now
    double last_post = 0.0; // when the oracle last posted (s)
    double quote_per_base = 1.0;
    std::vector<Watch> falls, rises; // heaps
    std::vector<std::uint32_t> bin;  // each account's open level: its bin (kNoBin: none) ...
    std::vector<double> level;       // ... its value (market quote) ...
    std::vector<std::int8_t> side;   // ... and side (+1 fall, -1 rise)
    std::vector<std::uint8_t> touched;
    LendingBookSummary summary;

    explicit BookRun(const PreparedLendingBook& prepared) : p(prepared), state(LendingState::of(*prepared.book)) {}
    bool shocked() const { return p.asset != LendingBook::npos; }
};

void add_totals(LendingTotals& to, const LendingTotals& from) {
    to.accounts += from.accounts;
    to.accounts_liquidated += from.accounts_liquidated;
    to.liquidations += from.liquidations;
    to.accounts_with_bad_debt += from.accounts_with_bad_debt;
    to.collateral_seized += from.collateral_seized;
    to.collateral_sold += from.collateral_sold;
    to.debt_bought += from.debt_bought;
    to.collateral_seized_base += from.collateral_seized_base;
    to.debt_repaid_base += from.debt_repaid_base;
    to.bonus_base += from.bonus_base;
    to.protocol_fee_base += from.protocol_fee_base;
    to.bad_debt_base += from.bad_debt_base;
}

double debt_base(const LendingBook& book, const LendingState& state, std::size_t account) {
    double sum = 0.0;
    for (std::size_t r = book.row_begin(account); r < book.row_end(account); ++r)
        sum += state.debt[r] * state.price[book.row_asset[r]];
    return sum;
}

// One run of the books against the market.
class LendingRun {
public:
    LendingRun(const std::vector<const PreparedLendingBook*>& books, CascadeMarket& market,
               const std::vector<double>& path, const RunParameters& params, const ExogenousFlow& flow,
               RunOutputs outputs)
        : market_(market), path_(path), p_(params), flow_(flow), outputs_(outputs), m0_(market.start_price()) {
        for (const PreparedLendingBook* b : books)
            books_.emplace_back(*b);
    }

    LendingRunResult run(const StepCallback& on_step);

private:
    // Before the first step.
    void start_books();
    void setup_bins(double exhaustion);
    void allocate_frames();
    // One step, in order.
    void begin_step(std::size_t t);
    void post_oracles();
    void collect_candidates();
    void liquidate(const Candidate& c);
    void record_frame(std::size_t t);
    void trim_frames(std::size_t run);
    void finish_summary(std::size_t run);

    // An account after its state changed: active again next step, or watched at its new level.
    void follow(std::uint32_t b, std::uint32_t account);
    void place_level(BookRun& b, std::uint32_t account, const LiquidationLevel& level);
    void remove_level(BookRun& b, std::uint32_t account);
    bool worth_it(const BookRun& b, const LiquidationStep& s, double sold, bool buys) const;
    double estimated_fill(int side, double qty) const;
    double oracle_scale(const BookRun& b, double price) const { return m0_ * price / b.p.start_price; }
    void count(BookRun& b, std::uint32_t account, const LiquidationStep& s, double sold, double bought);

    CascadeMarket& market_;
    const std::vector<double>& path_;
    const RunParameters& p_;
    const ExogenousFlow& flow_;
    const RunOutputs outputs_;
    const double m0_;
    std::vector<BookRun> books_;

    LendingRunResult result_;
    RunFrames& frames_ = result_.frames;
    LendingSummary& sum_ = result_.summary;
    std::size_t step_ = 0;
    double time_ = 0.0, dt_ = 1.0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pending_; // (book, account) to look at this step
    std::vector<std::pair<std::uint32_t, std::uint32_t>> active_;  // below the threshold after a step
    std::vector<Candidate> candidates_;
    std::vector<double> open_long_, open_short_;
    double open_debt_quote_ = 0.0, fund_quote_ = 0.0;
    double step_collateral_imbalance_ = 0.0, step_debt_imbalance_ = 0.0;
    std::size_t step_liquidations_ = 0;
    bool oracles_behind_ = false; // an oracle has not posted the market's move yet
    std::size_t exogenous_end_ = 0;
    double peak_ = 0.0;
    long first_active_ = -1, last_active_ = -1;
};

// Each book's balances and oracle, its accounts below the threshold (active at once) and the others
// watched at their liquidation price.
void LendingRun::start_books() {
    std::size_t accounts = 0;
    for (std::uint32_t b = 0; b < books_.size(); ++b) {
        BookRun& r = books_[b];
        const std::size_t n = r.p.accounts();
        accounts += n;
        r.posted = r.p.start_price;
        r.quote_per_base = r.shocked() ? m0_ / r.p.start_price : 1.0;
        r.bin.assign(n, kNoBin);
        r.level.assign(n, 0.0);
        r.side.assign(n, 0);
        r.touched.assign(n, 0);
        r.falls.reserve(n);
        r.rises.reserve(n);
        r.summary.label = r.p.label;
        r.summary.protocol = r.p.profile.name;
        r.summary.totals.accounts = n;
        r.summary.start_oracle_price = r.summary.final_oracle_price = r.summary.min_oracle_price = r.p.start_price;
        for (std::uint32_t a = 0; a < n; ++a) {
            open_debt_quote_ += debt_base(*r.p.book, r.state, a) * r.quote_per_base;
            const LiquidationLevel level{r.p.liquidation[a], r.p.direction[a]};
            place_level(r, a, level);
            if (r.p.health_factor[a] < r.p.threshold())
                active_.emplace_back(b, a);
            else if (!std::isnan(level.price) && level.direction > 0)
                r.falls.push_back({level.price, a});
            else if (!std::isnan(level.price) && level.direction < 0)
                r.rises.push_back({level.price, a});
        }
        std::make_heap(r.falls.begin(), r.falls.end(), falls_after);
        std::make_heap(r.rises.begin(), r.rises.end(), rises_after);
    }
    pending_.reserve(accounts);
    active_.reserve(accounts);
    candidates_.reserve(accounts);
}

namespace {
constexpr double kLendingMinimumSpan = 0.10; // the levels' price range around the start, at least
} // namespace

void LendingRun::setup_bins(double exhaustion) {
    double span = std::max(1.5 * std::abs(p_.shock), std::abs(exhaustion / m0_ - 1.0));
    for (double y : path_)
        span = std::max(span, std::abs(std::exp(y) - 1.0) * 1.1);
    // At least ±10 %: an outside order's move is not known before the run, and the collateral
    // nearest the price (Aave's stETH books sit a few per cent below it) stays in view.
    span = std::max(span, kLendingMinimumSpan);
    const double lo = m0_ * std::max(1.0 - span, 0.01), hi = m0_ * (1.0 + span);
    frames_.bins = std::max<std::size_t>(p_.bins, 2);
    frames_.edges.resize(frames_.bins + 1);
    const double w = std::log(hi / lo) / double(frames_.bins);
    for (std::size_t i = 0; i <= frames_.bins; ++i)
        frames_.edges[i] = lo * std::exp(w * double(i));
    open_long_.assign(frames_.bins, 0.0);
    open_short_.assign(frames_.bins, 0.0);
}

void LendingRun::allocate_frames() {
    frames_.allocate(path_.size(), outputs_.histograms);
}

// The account's open level: the value of its shocked collateral (a fall) or debt (a rise) at its
// liquidation price, on the oracle's scale (docs/lending.md §8).
void LendingRun::place_level(BookRun& b, std::uint32_t account, const LiquidationLevel& level) {
    remove_level(b, account);
    if (!b.shocked() || level.direction == 0 || std::isnan(level.price))
        return;
    const LendingBook& book = *b.p.book;
    double units = 0.0;
    for (std::size_t r = book.row_begin(account); r < book.row_end(account); ++r)
        if (book.row_asset[r] == b.p.asset)
            units += level.direction > 0 ? b.state.collateral[r] : b.state.debt[r];
    const double price = oracle_scale(b, level.price);
    b.bin[account] = static_cast<std::uint32_t>(frames_.bin_of(price));
    b.level[account] = units * price;
    b.side[account] = static_cast<std::int8_t>(level.direction);
    (level.direction > 0 ? open_long_ : open_short_)[b.bin[account]] += b.level[account];
}

void LendingRun::remove_level(BookRun& b, std::uint32_t account) {
    if (b.bin[account] == kNoBin)
        return;
    (b.side[account] > 0 ? open_long_ : open_short_)[b.bin[account]] -= b.level[account];
    b.bin[account] = kNoBin;
}

void LendingRun::follow(std::uint32_t b, std::uint32_t account) {
    BookRun& r = books_[b];
    const LiquidationLevel level =
        r.shocked() ? liquidation_level(*r.p.book, r.p.terms, r.state, account, r.p.asset, r.p.threshold())
                    : LiquidationLevel{};
    place_level(r, account, level);
    if (account_health(*r.p.book, r.p.terms, r.state, account).health_factor() < r.p.threshold()) {
        active_.emplace_back(b, account);
        return;
    }
    if (!r.shocked() || std::isnan(level.price))
        return; // healthy at every price of the shocked asset
    std::vector<Watch>& heap = level.direction > 0 ? r.falls : r.rises;
    heap.push_back({level.price, account});
    std::push_heap(heap.begin(), heap.end(), level.direction > 0 ? falls_after : rises_after);
}

void LendingRun::begin_step(std::size_t t) {
    step_ = t;
    time_ = double(t) * dt_;
    step_collateral_imbalance_ = step_debt_imbalance_ = 0.0;
    step_liquidations_ = 0;
    if (t > 0)
        market_.advance(dt_);
    market_.set_index(path_[t]);
    if (t < flow_.size() && flow_[t] != 0.0)
        market_.fill(flow_[t] > 0 ? 1 : -1, std::abs(flow_[t]));
}

// Each book's oracle follows the market by its pass-through, posting only past its deviation
// threshold or heartbeat when it has them (docs/lending.md §7).
void LendingRun::post_oracles() {
    const double m = market_.book_price();
    oracles_behind_ = false;
    for (BookRun& b : books_) {
        if (!b.shocked())
            continue;
        const OracleRule& rule = b.p.oracle;
        const double target = b.p.start_price * std::pow(m / m0_, rule.passthrough);
        const bool gated = !std::isnan(rule.deviation_threshold) || !std::isnan(rule.heartbeat_s);
        const bool deviated =
            !std::isnan(rule.deviation_threshold) && std::abs(target / b.posted - 1.0) > rule.deviation_threshold;
        const bool due = !std::isnan(rule.heartbeat_s) && time_ - b.last_post >= rule.heartbeat_s;
        if (!gated || deviated || due) {
            b.posted = target;
            b.last_post = time_;
        }
        oracles_behind_ = oracles_behind_ || b.posted != target;
        b.state.price[b.p.asset] = b.posted;
        b.summary.final_oracle_price = b.posted;
        b.summary.min_oracle_price = std::min(b.summary.min_oracle_price, b.posted);
    }
}

// Every account below its protocol's threshold at the step's oracle, lowest health factor first: those
// whose liquidation price the oracle crossed and those still below after the last step.
void LendingRun::collect_candidates() {
    pending_.assign(active_.begin(), active_.end());
    active_.clear();
    for (std::uint32_t b = 0; b < books_.size(); ++b) {
        BookRun& r = books_[b];
        while (!r.falls.empty() && r.falls.front().price > r.posted) {
            pending_.emplace_back(b, r.falls.front().account);
            std::pop_heap(r.falls.begin(), r.falls.end(), falls_after);
            r.falls.pop_back();
        }
        while (!r.rises.empty() && r.rises.front().price < r.posted) {
            pending_.emplace_back(b, r.rises.front().account);
            std::pop_heap(r.rises.begin(), r.rises.end(), rises_after);
            r.rises.pop_back();
        }
    }
    candidates_.clear();
    for (const auto& [b, a] : pending_) {
        const BookRun& r = books_[b];
        const double hf = account_health(*r.p.book, r.p.terms, r.state, a).health_factor();
        if (hf < r.p.threshold())
            candidates_.push_back({hf, b, a});
        else
            follow(b, a); // a rounding hair above it, or the price came back
    }
    std::sort(candidates_.begin(), candidates_.end(), [](const Candidate& x, const Candidate& y) {
        return x.health_factor < y.health_factor ||
               (x.health_factor == y.health_factor && (x.book < y.book || (x.book == y.book && x.account < y.account)));
    });
}

// The price a market order of `qty` would get, estimated without placing it: about the middle of the
// book price now and the price it would leave.
double LendingRun::estimated_fill(int side, double qty) const {
    const double now = market_.book_price();
    double lo = side > 0 ? now * kPriceFloorFraction : now, hi = side > 0 ? now : now * 2.0;
    if (side < 0)
        for (int k = 0; k < 60 && market_.quantity_to(side, hi) < qty; ++k)
            hi *= 2.0;
    else if (market_.quantity_to(side, lo) < qty)
        return 0.5 * (now + lo);
    for (int k = 0; k < 60 && hi / lo > 1.0 + 1e-9; ++k) {
        const double mid = std::sqrt(lo * hi);
        const bool enough = market_.quantity_to(side, mid) >= qty;
        (side > 0) == enough ? lo = mid : hi = mid;
    }
    return 0.5 * (now + (side > 0 ? lo : hi));
}

// docs/lending.md §7: a liquidator acts only when the bonus it keeps is worth more than what selling
// the collateral (or buying the debt) costs against the oracle, and its gas.
bool LendingRun::worth_it(const BookRun& b, const LiquidationStep& s, double sold, bool buys) const {
    const LendingBook& book = *b.p.book;
    const double pc = b.state.price[book.row_asset[s.collateral_row]];
    const double pd = b.state.price[book.row_asset[s.debt_row]];
    double value = s.liquidator_collateral * pc - s.debt_repaid_base - b.p.settings.gas_cost_base;
    if (sold > 0)
        value -= sold * (pc - estimated_fill(1, sold) / b.quote_per_base);
    if (buys && s.debt_repaid > 0)
        value -= s.debt_repaid * (estimated_fill(-1, s.debt_repaid) / b.quote_per_base - pd);
    return value > 0.0;
}

void LendingRun::count(BookRun& b, std::uint32_t account, const LiquidationStep& s, double sold, double bought) {
    LendingTotals& t = b.summary.totals;
    const LendingBook& book = *b.p.book;
    const bool shocked_collateral = book.row_asset[s.collateral_row] == b.p.asset;
    ++t.liquidations;
    ++step_liquidations_;
    const int side = b.side[account] < 0 ? -1 : 1;
    if (!b.touched[account]) {
        b.touched[account] = 1;
        ++t.accounts_liquidated;
        ++(side > 0 ? frames_.liquidated_count_long : frames_.liquidated_count_short)[step_];
    }
    if (shocked_collateral)
        t.collateral_seized += s.collateral_seized;
    t.collateral_sold += sold;
    t.debt_bought += bought;
    t.collateral_seized_base += s.collateral_seized_base;
    t.debt_repaid_base += s.debt_repaid_base;
    t.bonus_base += s.bonus_base;
    t.protocol_fee_base += s.protocol_fee_base;
    t.bad_debt_base += s.bad_debt_base;
    t.accounts_with_bad_debt += s.collateral_exhausted && s.bad_debt_base > 0;
    const double seized_quote = s.collateral_seized_base * b.quote_per_base;
    (side > 0 ? frames_.liquidated_notional_long : frames_.liquidated_notional_short)[step_] += seized_quote;
    if (outputs_.histograms && b.bin[account] != kNoBin)
        (side > 0 ? frames_.executed_long : frames_.executed_short)[step_ * frames_.bins + b.bin[account]] +=
            seized_quote;
    open_debt_quote_ -= (s.debt_repaid_base + s.bad_debt_base) * b.quote_per_base;
    fund_quote_ += (s.protocol_fee_base - s.bad_debt_base) * b.quote_per_base;
}

// One close-factor liquidation of an account below the threshold (docs/lending.md §3, §7), its
// liquidator's trades in the market, and both ledgers.
void LendingRun::liquidate(const Candidate& c) {
    BookRun& b = books_[c.book];
    const LendingBook& book = *b.p.book;
    const LiquidationStep s =
        plan_liquidation(book, b.p.terms, b.p.profile, b.state, c.account, {b.p.settings.protocol_base_value, true});
    if (s.outcome == LiquidationOutcome::DustRule) {
        active_.emplace_back(c.book, c.account); // a later price may allow it
        return;
    }
    if (s.outcome != LiquidationOutcome::Liquidated) {
        if (s.outcome != LiquidationOutcome::NothingToSeize)
            follow(c.book, c.account);
        return; // nothing to seize: below the threshold for good, and nobody can act
    }
    const bool shocked_collateral = book.row_asset[s.collateral_row] == b.p.asset;
    const bool buys = book.row_asset[s.debt_row] == b.p.asset && s.debt_repaid > 0;
    const double sold = shocked_collateral ? s.liquidator_collateral * b.p.settings.sell_share : 0.0;
    if (b.p.settings.only_when_profitable && !worth_it(b, s, sold, buys)) {
        active_.emplace_back(c.book, c.account);
        return;
    }
    const double collateral_before = b.state.collateral[s.collateral_row];
    const double debt_before = debt_base(book, b.state, c.account);
    apply_liquidation(book, s, b.state);
    // The liquidator buys the debt it repays (when it is the shocked asset), then sells what it seized.
    if (buys)
        market_.fill(-1, s.debt_repaid);
    const double vwap = sold > 0 ? market_.fill(1, sold) : kNaN;
    const double kept = s.liquidator_collateral - sold;
    step_collateral_imbalance_ +=
        (collateral_before - b.state.collateral[s.collateral_row]) - (sold + kept + s.protocol_fee);
    step_debt_imbalance_ +=
        (debt_before - debt_base(book, b.state, c.account)) - (s.debt_repaid_base + s.bad_debt_base);
    count(b, c.account, s, shocked_collateral ? sold : 0.0, buys ? s.debt_repaid : 0.0);
    if (outputs_.log)
        result_.log.push_back({static_cast<std::uint32_t>(step_), c.book, c.account, book.row_asset[s.collateral_row],
                               book.row_asset[s.debt_row], s.debt_repaid, s.collateral_seized, s.protocol_fee, sold,
                               s.health_factor_before, s.health_factor_after, vwap, s.bad_debt_base});
    if (s.collateral_exhausted)
        remove_level(b, c.account); // nothing left to liquidate: the rest of its debt was written off
    else
        follow(c.book, c.account);
}

void LendingRun::record_frame(std::size_t t) {
    const double book_price = market_.book_price();
    frames_.index[t] = market_.index();
    frames_.book[t] = book_price;
    frames_.mark[t] = m0_;
    for (const BookRun& b : books_)
        if (b.shocked()) {
            frames_.mark[t] = oracle_scale(b, b.posted);
            break;
        }
    frames_.open_interest[t] = std::max(open_debt_quote_, 0.0);
    frames_.fund_balance[t] = fund_quote_;
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
    sum_.ledger_max_imbalance =
        std::max({sum_.ledger_max_imbalance, std::abs(step_collateral_imbalance_), std::abs(step_debt_imbalance_)});
    sum_.min_price = std::min(t == 0 ? m0_ : sum_.min_price, book_price);
    sum_.max_price = std::max(t == 0 ? m0_ : sum_.max_price, book_price);
    peak_ = std::max(peak_, book_price);
    sum_.max_drawdown = std::max(sum_.max_drawdown, 1.0 - book_price / peak_);
    if (step_liquidations_ > 0) {
        if (first_active_ < 0)
            first_active_ = long(t);
        last_active_ = long(t);
    }
}

void LendingRun::trim_frames(std::size_t run) {
    frames_.trim(run, outputs_.histograms);
}

void LendingRun::finish_summary(std::size_t run) {
    sum_.steps_run = run;
    sum_.start_price = m0_;
    sum_.final_price = run > 0 ? frames_.book[run - 1] : m0_;
    if (p_.shock != 0 && run > 0) {
        const double extreme = p_.shock < 0 ? sum_.min_price : sum_.max_price;
        sum_.amplification = std::abs(std::log(extreme / m0_)) / std::abs(std::log1p(p_.shock));
    }
    sum_.cascade_duration_s = first_active_ < 0 ? 0.0 : double(last_active_ - first_active_ + 1) * dt_;
    sum_.price_floor_hit = market_.floor_hit();
    for (const BookRun& b : books_) {
        if (sum_.symbol.empty() && b.shocked())
            sum_.symbol = b.p.book->asset_names[b.p.asset];
        add_totals(sum_.totals, b.summary.totals);
        sum_.books.push_back(b.summary);
    }
}

LendingRunResult LendingRun::run(const StepCallback& on_step) {
    dt_ = p_.step_seconds;
    // The flow and the path move prices until their last change; after it only the cascade does.
    for (std::size_t t = 1; t < path_.size(); ++t)
        if (path_[t] != path_[t - 1])
            exogenous_end_ = t;
    for (std::size_t t = 0; t < flow_.size(); ++t)
        if (flow_[t] != 0.0)
            exogenous_end_ = std::max(exogenous_end_, t);
    double volume = 0.0;
    for (double q : flow_)
        volume += q;
    const double end = path_.empty() ? 0.0 : path_.back();
    const bool down = p_.shock < 0 || (p_.shock == 0 && (volume > 0 || (volume == 0 && end < 0)));
    const double shocked = m0_ * (p_.shock != 0 ? 1.0 + p_.shock : std::exp(end));
    std::vector<const PreparedLendingBook*> prepared;
    for (const BookRun& b : books_)
        prepared.push_back(&b.p);
    sum_.exhaustion_price = std::max(lending_exhaustion_price(prepared, market_, shocked, down, std::abs(volume)),
                                     m0_ * kPriceFloorFraction);
    setup_bins(sum_.exhaustion_price);
    allocate_frames();
    start_books();
    peak_ = m0_;

    const std::size_t steps = path_.size();
    std::size_t t = 0;
    for (; t < steps; ++t) {
        begin_step(t);
        post_oracles();
        collect_candidates();
        for (const Candidate& c : candidates_)
            liquidate(c);
        record_frame(t);
        if (on_step) {
            const bool go_on = on_step(t, frames_);
            clear_vector_upper_state();
            if (!go_on) {
                result_.cancelled = true;
                ++t;
                break;
            }
        }
        if (t >= exogenous_end_ && step_liquidations_ == 0 && !oracles_behind_ && market_.at_rest()) {
            ++t;
            break;
        }
    }
    const std::size_t run = std::min(t, steps);
    trim_frames(run);
    finish_summary(run);
    return std::move(result_);
}

} // namespace

TriggerLadder lending_exhaustion_ladder(const std::vector<const PreparedLendingBook*>& books, double m0, bool down) {
    const double first = down ? std::numeric_limits<double>::max() : 0.0; // reached before any price
    std::vector<std::pair<double, double>> triggers;                      // (market price, flow)
    for (const PreparedLendingBook* p : books) {
        if (p->asset == LendingBook::npos)
            continue;
        const double beta = p->oracle.passthrough;
        for (std::size_t a = 0; a < p->accounts(); ++a) {
            if (p->direction[a] != (down ? 1 : -1) || !(p->first_flow[a] > 0))
                continue;
            if (p->health_factor[a] < p->threshold())
                triggers.emplace_back(first, p->first_flow[a]);
            else if (beta > 0 && !std::isnan(p->liquidation[a]))
                triggers.emplace_back(m0 * std::pow(p->liquidation[a] / p->start_price, 1.0 / beta), p->first_flow[a]);
        }
    }
    std::stable_sort(triggers.begin(), triggers.end(),
                     [down](const auto& x, const auto& y) { return down ? x.first > y.first : x.first < y.first; });
    TriggerLadder ladder;
    ladder.price.reserve(triggers.size());
    ladder.size.reserve(triggers.size());
    ladder.position.reserve(triggers.size());
    for (const auto& [price, flow] : triggers) {
        ladder.price.push_back(price);
        ladder.size.push_back(flow);
        ladder.position.push_back(static_cast<std::uint32_t>(ladder.position.size()));
    }
    return ladder;
}

double lending_exhaustion_price(const std::vector<const PreparedLendingBook*>& books, const CascadeMarket& market,
                                double shocked, bool down, double exogenous_volume) {
    const TriggerLadder ladder = lending_exhaustion_ladder(books, market.start_price(), down);
    return market.exhaustion_price(ladder, shocked, down, exogenous_volume);
}

LendingRunResult run_lending_cascade(const std::vector<const PreparedLendingBook*>& books, CascadeMarket& market,
                                     const std::vector<double>& index_path, const RunParameters& params,
                                     const ExogenousFlow& flow, const StepCallback& on_step, RunOutputs outputs) {
    if (index_path.empty())
        throw std::invalid_argument("steps: expected an index path of at least one step, found none");
    if (!(params.step_seconds > 0))
        throw std::invalid_argument("step_seconds: expected a number > 0");
    if (books.empty())
        throw std::invalid_argument("a lending run needs at least one book");
    bool any = false;
    for (const PreparedLendingBook* b : books)
        any = any || b->asset != LendingBook::npos;
    if (!any)
        throw std::invalid_argument("symbol: expected an asset one of the books holds");
    clear_vector_upper_state();
    LendingRun run(books, market, index_path, params, flow, outputs);
    return run.run(on_step);
}

} // namespace levex
