// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/ParameterTable.h"

#include "core/base/NumberFormat.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace levex {

ParameterSpec& ParameterSpec::in(double low, double high, bool low_open, bool high_open) {
    lo = low;
    hi = high;
    lo_open = low_open;
    hi_open = high_open;
    return *this;
}

ParameterSpec& ParameterSpec::infinite_as(std::string word) {
    infinite = std::move(word);
    return *this;
}

ParameterSpec& ParameterSpec::unset_means(std::string meaning) {
    unset = std::move(meaning);
    return *this;
}

ParameterSpec& ParameterSpec::zero_also(std::string meaning) {
    zero_valid = true;
    note = "(0 = " + meaning + ")";
    return *this;
}

ParameterSpec& ParameterSpec::annotate(std::string text) {
    note = std::move(text);
    return *this;
}

ParameterSpec& ParameterSpec::noun(std::string noun_text, std::string unit_name) {
    what = std::move(noun_text);
    unit = std::move(unit_name);
    return *this;
}

ParameterSpec& ParameterSpec::cli(std::string name, std::string value, std::size_t part_of_value) {
    option = std::move(name);
    value_name = std::move(value);
    part = part_of_value;
    return *this;
}

ParameterSpec& ParameterSpec::cli_key(std::string name, std::string value, std::size_t part_of_value,
                                      std::string key_name) {
    value_key = std::move(key_name);
    return cli(std::move(name), std::move(value), part_of_value);
}

ParameterSpec& ParameterSpec::control(std::string name, double low, double high) {
    label = std::move(name);
    typical_lo = low;
    typical_hi = high;
    return *this;
}

ParameterSpec& ParameterSpec::choosing(DepthModel model) {
    selects = model;
    return *this;
}

ParameterSpec& ParameterSpec::describe(std::string line) {
    doc = std::move(line);
    return *this;
}

ParameterSpec& ParameterSpec::cited(std::string figure) {
    basis = DefaultBasis::Cited;
    source = std::move(figure);
    return *this;
}

ParameterSpec& ParameterSpec::assumed(std::string why) {
    basis = DefaultBasis::Assumption;
    source = std::move(why);
    return *this;
}

namespace {

ParameterSpec row(std::string key, ParameterMember member) {
    ParameterSpec spec;
    spec.key = std::move(key);
    spec.member = member;
    return spec;
}

using P = RunParameters;

// The table. Valid ranges are the hard limits every front end enforces; control spans are what a
// box or slider offers. docs/model.md describes each parameter; docs/command-line.md the options.
// What is shocked and how hard.
void add_shock_rows(std::vector<ParameterSpec>& t) {
    t.push_back(row("symbol", &P::symbol)
                    .unset_means("the book's only symbol")
                    .cli("symbol", "S")
                    .control("Symbol", 0, 0)
                    .describe("the symbol to shock, needed when the book holds several"));
    t.push_back(row("mark", &P::mark)
                    .above(0)
                    .unset_means("the book's mark_price")
                    .noun("a price", "quote")
                    .cli("mark", "P")
                    .control("Mark price", 0, 1e9)
                    .describe("start mark price of the shocked symbol"));
    t.push_back(row("shock", &P::shock)
                    .in(-1, 10, true, true)
                    .noun("a fraction", "fraction")
                    .cli("shock", "F")
                    .control("Shock", -0.6, 0.6)
                    .annotate("(-0.10 = -10 %)")
                    .describe("index move as a fraction, -0.10 = -10 %"));
    t.push_back(row("shock_steps", &P::shock_steps)
                    .in(0, 10'000'000)
                    .noun("a whole number of steps", "steps")
                    .cli("shock-steps", "K")
                    .control("Shock spread", 0, 100000)
                    .describe("spread the shock over this many steps, 0 = at once"));
    t.push_back(row("sell", &P::sell)
                    .at_least(0)
                    .noun("a base quantity", "base")
                    .cli("sell", "Q")
                    .control("Sell order", 0, 1e9)
                    .describe("an exogenous market sale of this much base, walking the same depth as forced orders, "
                              "at step 0 or spread like the shock; alone or with a shock"));
    t.push_back(row("buy", &P::buy)
                    .at_least(0)
                    .noun("a base quantity", "base")
                    .cli("buy", "Q")
                    .control("Buy order", 0, 1e9)
                    .describe("an exogenous market purchase of this much base, like --sell"));
    t.push_back(row("leverage_mult", &P::leverage_mult)
                    .above(0)
                    .cli("leverage-mult", "K")
                    .control("Leverage ×", 0.25, 5)
                    .describe("multiply every position's leverage; margins and cross collateral are divided by it, "
                              "each position capped at its tier's max leverage"));
    t.push_back(row("mmr_scale", &P::mmr_scale)
                    .above(0)
                    .cli("mmr-scale", "S")
                    .control("Maintenance scale", 0.1, 10)
                    .describe("scale every maintenance requirement"));
}

// How depth answers forced orders (docs/model.md §2).
void add_depth_rows(std::vector<ParameterSpec>& t) {
    t.push_back(row("depth_model", &P::depth_model)
                    .noun("flat, v-shaped, metaorder, l2-book, power-law or amm")
                    .control("Depth model", 0, 0)
                    .describe("how depth answers forced orders; the command line chooses it by the depth option "
                              "given"));
    t.push_back(row("depth_quote_per_pct", &P::depth_quote_per_pct)
                    .above(0)
                    .noun("a quote amount", "quote")
                    .cli("depth-quote-per-pct", "D")
                    .choosing(DepthModel::Flat)
                    .control("Depth", 1e5, 1e12)
                    .describe("flat book: quote depth in every 1 % band, linear impact")
                    .assumed("an illustrative depth, a tenth of the V-shaped default within 1 %"));
    t.push_back(row("depth_quote_within_1pct", &P::depth_quote_within_1pct)
                    .above(0)
                    .noun("a quote amount", "quote")
                    .cli("depth-quote-within-1pct", "D")
                    .choosing(DepthModel::VShaped)
                    .control("Depth", 1e5, 1e12)
                    .describe("V-shaped book: quote depth within 1 % of the price, square-root impact")
                    .cited("BTC perpetuals held about $20M within ±1 % before the 10 Oct 2025 crash "
                           "(a news-level figure)"));
    t.push_back(row("depth_exponent", &P::depth_exponent)
                    .above(0)
                    .noun("an exponent")
                    .cli("depth-exponent", "K")
                    .choosing(DepthModel::PowerLaw)
                    .control("Depth exponent", 0.5, 3)
                    .describe("power-law book: depth within x of the price grows as (x / 1 %)^K from the depth within "
                              "1 % (--depth-quote-within-1pct); 1 = flat, 2 = V-shaped")
                    .cited("price moves grew as (forced volume / depth)^0.875 over 639 liquidation events on 21 "
                           "Binance perpetuals, 2023-2026: K = 1/0.875"));
    t.push_back(row("metaorder_y", &P::metaorder_y)
                    .above(0)
                    .cli("metaorder", "Y:SIGMA:ADV", 0)
                    .choosing(DepthModel::Metaorder)
                    .control("Metaorder Y", 0.1, 10)
                    .describe("V-shaped book from the metaorder law Y*sigma_daily*sqrt(V/ADV), ADV in quote")
                    .assumed("Y of order one, as square-root-law fits report"));
    t.push_back(row("metaorder_sigma_daily", &P::metaorder_sigma_daily)
                    .above(0)
                    .noun("a daily volatility", "fraction")
                    .cli("metaorder", "Y:SIGMA:ADV", 1)
                    .choosing(DepthModel::Metaorder)
                    .control("Daily volatility", 0.001, 1)
                    .describe("daily volatility of the metaorder law")
                    .assumed("3 % a day, a typical BTC figure"));
    t.push_back(row("metaorder_adv_quote", &P::metaorder_adv_quote)
                    .above(0)
                    .noun("a quote amount", "quote")
                    .cli("metaorder", "Y:SIGMA:ADV", 2)
                    .choosing(DepthModel::Metaorder)
                    .control("Daily volume", 1e6, 1e12)
                    .describe("average daily volume of the metaorder law, in quote")
                    .assumed("a round daily volume for BTC perpetuals"));
    t.push_back(row("book_file", &P::book_file)
                    .noun("an L2 book file")
                    .cli("book", "L2.csv")
                    .choosing(DepthModel::L2Book)
                    .control("L2 book", 0, 0)
                    .describe("an L2 order book snapshot, side,price,size rows, each side continued past its last "
                              "level by the power law fitted to its own levels"));
    t.push_back(row("depth_scale", &P::depth_scale)
                    .above(0)
                    .cli("depth-scale", "K")
                    .control("Depth scale", 0.1, 10)
                    .describe("multiply every depth"));
}

// An AMM pool as the venue's depth (docs/liquidity.md §4), all set by one KIND:KEY=VALUE,… option.
void add_pool_rows(std::vector<ParameterSpec>& t) {
    const std::string value = "KIND:fee=F,base=X,quote=Y[,A=A]";
    t.push_back(row("amm_kind", &P::amm_kind)
                    .noun("constant-product or stableswap")
                    .cli_key("amm", value, 0, "")
                    .choosing(DepthModel::Amm)
                    .control("Pool kind", 0, 0)
                    .describe("an AMM pool as the venue's depth, constant-product (Uniswap v2) or stableswap "
                              "(Curve, 2 coins); base is the reserve of the shocked asset, quote of the numeraire; "
                              "the half-life is the arbitrage's"));
    t.push_back(row("amm_base_reserve", &P::amm_base_reserve)
                    .above(0)
                    .unset_means("none")
                    .noun("a reserve", "base")
                    .cli_key("amm", value, 1, "base")
                    .control("Base reserve", 1e-6, 1e15)
                    .describe("the pool's reserve of the shocked asset, in base"));
    t.push_back(row("amm_quote_reserve", &P::amm_quote_reserve)
                    .above(0)
                    .unset_means("none")
                    .noun("a reserve", "quote")
                    .cli_key("amm", value, 2, "quote")
                    .control("Quote reserve", 1e-6, 1e15)
                    .describe("the pool's reserve of the numeraire, in quote"));
    t.push_back(row("amm_fee", &P::amm_fee)
                    .in(0, 1, false, true)
                    .unset_means("the kind's, 0.003 constant-product and 0.0004 stableswap")
                    .noun("a fraction", "fraction")
                    .cli_key("amm", value, 3, "fee")
                    .control("Pool fee", 0, 0.05)
                    .annotate("(0.003 = 0.3 %)")
                    .describe("the pool's swap fee")
                    .cited("Uniswap v2 charges 0.3 %, Curve's stETH/ETH pool 0.04 %"));
    t.push_back(row("amm_amplification", &P::amm_amplification)
                    .above(0)
                    .unset_means("none")
                    .noun("an amplification")
                    .cli_key("amm", value, 4, "A")
                    .control("Amplification A", 0.01, 10000)
                    .describe("StableSwap's A, the invariant's own: Curve's contracts and UI show 2A for two coins"));
}

// Depth market makers pull while forced flow hits them (docs/liquidity.md §3).
void add_withdrawal_rows(std::vector<ParameterSpec>& t) {
    t.push_back(row("withdrawal", &P::withdrawal)
                    .noun("on or off")
                    .cli("withdrawal", "on|off")
                    .control("Stress withdrawal", 0, 0)
                    .describe("forced flow thins the resting depth, which recovers with its own half-life; off = a "
                              "static book")
                    .cited("depth within 1 % thinned a median 3.4x (p90 17x) in liquidation events on Binance "
                           "perpetuals"));
    t.push_back(row("withdrawal_flow_scale", &P::withdrawal_flow_scale)
                    .above(0)
                    .noun("a flow", "depths within 1 %")
                    .cli("withdrawal-flow-scale", "C")
                    .control("Withdrawal flow scale", 0.1, 100)
                    .describe("stress withdrawal: depth is scaled by (1 + s/C)^-A, s the forced flow the book "
                              "remembers in resting depths within 1 %")
                    .cited("fitted to a median 3.4x thinning at 1.41 depths of flow and 17x at 4.55"));
    t.push_back(row("withdrawal_exponent", &P::withdrawal_exponent)
                    .above(0)
                    .noun("an exponent")
                    .cli("withdrawal-exponent", "A")
                    .control("Withdrawal exponent", 0.1, 10)
                    .describe("stress withdrawal: the exponent A of (1 + s/C)^-A")
                    .cited("fitted to a median 3.4x thinning at 1.41 depths of flow and 17x at 4.55"));
    t.push_back(row("withdrawal_half_life_s", &P::withdrawal_half_life_s)
                    .above(0)
                    .infinite_as("inf")
                    .noun("seconds", "s")
                    .cli("withdrawal-half-life", "SECONDS|inf")
                    .control("Withdrawal half-life", 1, 1e6)
                    .describe("stress withdrawal: the remembered flow halves in this time and the depth comes back; "
                              "inf = never")
                    .assumed("chosen against reports of books empty for a few minutes, not measured"));
}

// Time: resilience, impact, steps (docs/model.md §3).
void add_time_rows(std::vector<ParameterSpec>& t) {
    t.push_back(row("half_life_s", &P::half_life_s)
                    .above(0)
                    .infinite_as("inf")
                    .noun("seconds", "s")
                    .cli("half-life", "SECONDS|inf")
                    .control("Half-life", 1, 1e7)
                    .describe("resilience of consumed depth, how fast it refills; inf = permanent")
                    .assumed("no published figure"));
    t.push_back(row("permanent_fraction", &P::permanent_fraction)
                    .in(0, 1, false, true)
                    .noun("a fraction", "fraction")
                    .cli("permanent-fraction", "F")
                    .control("Permanent impact", 0, 0.99)
                    .describe("share of each fill's impact that moves the index"));
    t.push_back(row("step_seconds", &P::step_seconds)
                    .above(0)
                    .noun("seconds", "s")
                    .cli("step-seconds", "S")
                    .control("Step length", 0.001, 3600)
                    .describe("step length"));
    t.push_back(row("steps", &P::steps)
                    .in(1, 10'000'000)
                    .noun("a whole number of steps", "steps")
                    .cli("steps", "T")
                    .control("Length", 1, 100000)
                    .describe("number of steps; a run stops earlier once nothing more can happen")
                    .assumed("ten minutes of one-second steps"));
}

// The index path: random returns, jumps, a replayed series (docs/model.md §3).
void add_random_rows(std::vector<ParameterSpec>& t) {
    t.push_back(row("vol", &P::vol)
                    .at_least(0)
                    .noun("a volatility", "fraction")
                    .cli("vol", "V")
                    .control("Random vol / step", 0, 0.2)
                    .describe("per-step volatility of random index returns, 0 = none"));
    t.push_back(row("student_nu", &P::student_nu)
                    .above(2)
                    .zero_also("normal returns")
                    .noun("degrees of freedom")
                    .cli("student-t", "NU")
                    .control("Student-t ν", 0, 1000)
                    .describe("Student-t returns with this many degrees of freedom, 0 = normal returns"));
    t.push_back(row("jump_rate", &P::jump_rate)
                    .in(0, 10)
                    .noun("a rate of jumps per step")
                    .cli("jumps", "RATE:MEAN:STDEV", 0)
                    .control("Jumps per step", 0, 1)
                    .describe("jumps per step, mean and stdev of the log jump; rate 0 = none"));
    t.push_back(row("jump_mean", &P::jump_mean)
                    .noun("a finite number")
                    .cli("jumps", "RATE:MEAN:STDEV", 1)
                    .control("Mean log jump", -1, 1)
                    .describe("mean log jump"));
    t.push_back(row("jump_stdev", &P::jump_stdev)
                    .at_least(0)
                    .noun("a standard deviation")
                    .cli("jumps", "RATE:MEAN:STDEV", 2)
                    .control("Log jump stdev", 0, 1)
                    .describe("standard deviation of the log jump"));
    t.push_back(row("seed", &P::seed)
                    .at_least(0)
                    .noun("a whole number")
                    .cli("seed", "N")
                    .control("Seed", 0, 2147483647)
                    .describe("seed of the random path: the same seed gives the same path"));
    t.push_back(row("price_series_file", &P::price_series_file)
                    .cli("price-series", "FILE")
                    .control("Price series", 0, 0)
                    .describe("replay a price series, a Binance kline CSV, instead of a shock"));
}

// What the venue's profile gives unless set, and the frames' resolution.
void add_venue_rows(std::vector<ParameterSpec>& t) {
    t.push_back(row("fee", &P::fee)
                    .in(0, 0.5, false, true)
                    .unset_means("the venue's")
                    .noun("a rate", "fraction")
                    .cli("fee", "R")
                    .control("Liquidation fee", 0, 0.2)
                    .describe("liquidation fee rate on the liquidated notional"));
    t.push_back(row("fund", &P::fund)
                    .at_least(0)
                    .infinite_as("unlimited")
                    .unset_means("the venue's")
                    .noun("a quote amount", "quote")
                    .cli("fund", "Q|unlimited")
                    .control("Insurance fund", 0, 1e12)
                    .describe("insurance fund at the start, in quote"));
    t.push_back(row("mark_passthrough", &P::mark_passthrough)
                    .in(0, 1)
                    .unset_means("the venue's")
                    .cli("mark-passthrough", "B")
                    .control("Mark pass-through β", 0, 1)
                    .describe("pass-through beta of the mark: mark = index*(book/index)^beta"));
    t.push_back(row("bins", &P::bins)
                    .in(2, 100000)
                    .noun("a whole number of bins", "bins")
                    .cli("bins", "N")
                    .control("Price bins", 16, 4096)
                    .describe("price bins of the frames' histograms"));
}

// Lending books (docs/lending.md §7): the protocol a book is judged by and its liquidators.
void add_lending_rows(std::vector<ParameterSpec>& t) {
    t.push_back(row("protocol", &P::protocol)
                    .unset_means("each book's own")
                    .noun("a protocol profile")
                    .cli("protocol", "NAME|FILE")
                    .control("Protocol", 0, 0)
                    .describe("protocol profile of a lending book that names none (BOOK.csv@NAME names one)"));
    t.push_back(row("protocol_base_value", &P::protocol_base_value)
                    .above(0)
                    .noun("a price", "protocol base per book base")
                    .cli("protocol-base-value", "V")
                    .control("Protocol base value", 1e-9, 1e9)
                    .describe("one unit of the lending books' base currency in the protocol's (USD per ETH for an "
                              "ETH book under Aave v3), for its close-factor and leftover rules in base value")
                    .assumed("1,719.57 USD per ETH, the Aave v3 oracle's ETH price on 19 June 2023 behind the "
                             "bundled samples; set it for other books"));
    t.push_back(row("liquidator_gas_cost_base", &P::liquidator_gas_cost_base)
                    .at_least(0)
                    .noun("an amount", "book base")
                    .cli("liquidator-gas-cost", "G")
                    .control("Liquidation gas cost", 0, 1e6)
                    .describe("gas a liquidation costs its liquidator, in the book's base currency (counted when "
                              "liquidators act only where it pays)"));
    t.push_back(row("liquidator_sell_share", &P::liquidator_sell_share)
                    .in(0, 1)
                    .noun("a fraction", "fraction")
                    .cli("liquidator-sell-share", "F")
                    .control("Liquidator sell share", 0, 1)
                    .describe("share of the seized collateral a liquidator sells into the market, 1 = all of it"));
    t.push_back(row("liquidate_only_when_profitable", &P::liquidate_only_when_profitable)
                    .in(0, 1)
                    .noun("0 or 1")
                    .cli("profitable-only", "0|1")
                    .control("Only profitable liquidations", 0, 1)
                    .describe("1: liquidators act only when the bonus is worth more than selling and gas cost, "
                              "0: every liquidation happens"));
    t.push_back(row("oracle_passthrough", &P::oracle_passthrough)
                    .in(0, 1)
                    .unset_means("the protocol's")
                    .cli("oracle-passthrough", "B")
                    .control("Oracle pass-through β", 0, 1)
                    .describe("how far the lending oracle follows the shocked asset's market: 1 = one for one, "
                              "0 = not at all (an exchange-rate oracle)"));
}

std::vector<ParameterSpec> build_table() {
    std::vector<ParameterSpec> t;
    add_shock_rows(t);
    add_depth_rows(t);
    add_pool_rows(t);
    add_withdrawal_rows(t);
    add_time_rows(t);
    add_random_rows(t);
    add_venue_rows(t);
    add_lending_rows(t);
    return t;
}

// The member `spec` names if it has type T, else nullptr (Params: RunParameters, const or not).
template <typename T, typename Params>
auto* member_of(Params& params, const ParameterSpec& spec) {
    const auto* m = std::get_if<T RunParameters::*>(&spec.member);
    return m ? &(params.*(*m)) : nullptr;
}

// Every value of a choice type, in the order its names are listed.
constexpr DepthModel kDepthModels[] = {DepthModel::Flat,   DepthModel::VShaped,  DepthModel::Metaorder,
                                       DepthModel::L2Book, DepthModel::PowerLaw, DepthModel::Amm};
constexpr AmmKind kAmmKinds[] = {AmmKind::ConstantProduct, AmmKind::StableSwap};

const char* switch_name(bool on) {
    return on ? "on" : "off";
}

} // namespace

std::vector<std::string> choice_names(const ParameterSpec& spec) {
    std::vector<std::string> out;
    if (std::holds_alternative<DepthModel RunParameters::*>(spec.member))
        for (DepthModel m : kDepthModels)
            out.emplace_back(depth_model_name(m));
    else if (std::holds_alternative<AmmKind RunParameters::*>(spec.member))
        for (AmmKind k : kAmmKinds)
            out.emplace_back(amm_kind_name(k));
    else if (std::holds_alternative<bool RunParameters::*>(spec.member))
        out = {"off", "on"};
    return out;
}

std::string choice_value(const RunParameters& params, const ParameterSpec& spec) {
    if (const auto* m = member_of<DepthModel>(params, spec))
        return depth_model_name(*m);
    if (const auto* k = member_of<AmmKind>(params, spec))
        return amm_kind_name(*k);
    if (const auto* b = member_of<bool>(params, spec))
        return switch_name(*b);
    throw std::logic_error("parameter '" + spec.key + "' is not a choice");
}

bool set_choice_value(RunParameters& params, const ParameterSpec& spec, std::string_view name) {
    if (auto* m = member_of<DepthModel>(params, spec)) {
        const auto model = depth_model_from_name(name);
        if (model)
            *m = *model;
        return model.has_value();
    }
    if (auto* k = member_of<AmmKind>(params, spec)) {
        const auto kind = amm_kind_from_name(name);
        if (kind)
            *k = *kind;
        return kind.has_value();
    }
    if (auto* b = member_of<bool>(params, spec)) {
        if (name != "on" && name != "off")
            return false;
        *b = name == "on";
        return true;
    }
    throw std::logic_error("parameter '" + spec.key + "' is not a choice");
}

namespace {

// 'text', as messages quote what was given.
std::string quoted(std::string_view text) {
    std::string out(1, '\'');
    out.append(text);
    out += '\'';
    return out;
}

// The row of option `option` set as `key`= inside its value, or nullptr.
const ParameterSpec* row_of_value_key(std::string_view option, std::string_view key) {
    for (const ParameterSpec* spec : parameters_of_option(option))
        if (spec->value_key == key)
            return spec;
    return nullptr;
}

// "fee, base, quote and A": the keys an option's value takes.
std::string value_keys_text(std::string_view option) {
    std::vector<std::string> keys;
    for (const ParameterSpec* spec : parameters_of_option(option))
        if (!spec->value_key.empty())
            keys.push_back(spec->value_key);
    std::string out;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        out += i == 0 ? "" : i + 1 == keys.size() ? " or " : ", ";
        out += keys[i];
    }
    return out;
}

// One KEY=VALUE of a key-value option into its row.
std::optional<ParameterProblem> apply_value_key(std::string_view option, std::string_view item,
                                                const std::string& option_key, RunParameters& params) {
    const std::size_t equals = item.find('=');
    const std::string_view key = item.substr(0, equals);
    const ParameterSpec* spec = equals == std::string_view::npos ? nullptr : row_of_value_key(option, key);
    if (spec == nullptr || key.empty())
        return ParameterProblem{option_key, "KEY=VALUE with KEY one of " + value_keys_text(option), quoted(item)};
    const std::string text(item.substr(equals + 1));
    double value = std::numeric_limits<double>::quiet_NaN();
    if (!spec->infinite.empty() && (text == "inf" || text == "unlimited"))
        value = std::numeric_limits<double>::infinity();
    else if (const auto x = parse_finite(text))
        value = *x;
    if (std::isnan(value) || !value_is_valid(*spec, value))
        return ParameterProblem{spec->key, expected_text(*spec), quoted(text)};
    set_number_value(params, *spec, value);
    return std::nullopt;
}

} // namespace

bool is_key_value_option(std::string_view option) {
    for (const ParameterSpec* spec : parameters_of_option(option))
        if (!spec->value_key.empty())
            return true;
    return false;
}

std::optional<ParameterProblem> apply_key_value_option(std::string_view option, std::string_view text,
                                                       RunParameters& params) {
    const ParameterSpec* kind = row_of_value_key(option, "");
    if (kind == nullptr)
        throw std::logic_error("option '" + std::string(option) + "' has no KIND row");
    std::string option_key(option);
    std::replace(option_key.begin(), option_key.end(), '-', '_');
    const std::size_t colon = text.find(':');
    const std::string_view kind_name = text.substr(0, colon);
    if (!set_choice_value(params, *kind, kind_name))
        return ParameterProblem{kind->key, kind->what + " before the ':' of " + kind->value_name, quoted(kind_name)};
    for (std::size_t start = colon == std::string_view::npos ? text.size() : colon + 1; start < text.size();) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        if (auto problem = apply_value_key(option, text.substr(start, comma - start), option_key, params))
            return problem;
        start = comma + 1;
    }
    if (kind->selects)
        params.depth_model = *kind->selects;
    return std::nullopt;
}

const std::vector<ParameterSpec>& parameter_table() {
    static const std::vector<ParameterSpec> table = build_table();
    return table;
}

const ParameterSpec* find_parameter(std::string_view key) {
    for (const ParameterSpec& spec : parameter_table())
        if (spec.key == key)
            return &spec;
    return nullptr;
}

const ParameterSpec& parameter(std::string_view key) {
    if (const ParameterSpec* spec = find_parameter(key))
        return *spec;
    throw std::out_of_range("no run parameter '" + std::string(key) + "'");
}

std::vector<const ParameterSpec*> parameters_of_option(std::string_view option) {
    std::vector<const ParameterSpec*> out;
    for (const ParameterSpec& spec : parameter_table())
        if (!option.empty() && spec.option == option)
            out.push_back(&spec);
    return out;
}

double number_value(const RunParameters& params, const ParameterSpec& spec) {
    if (const double* x = member_of<double>(params, spec))
        return *x;
    if (const std::uint64_t* n = member_of<std::uint64_t>(params, spec))
        return static_cast<double>(*n);
    throw std::logic_error("parameter '" + spec.key + "' is not a number");
}

void set_number_value(RunParameters& params, const ParameterSpec& spec, double value) {
    if (double* x = member_of<double>(params, spec))
        *x = value;
    else if (std::uint64_t* u = member_of<std::uint64_t>(params, spec))
        *u = static_cast<std::uint64_t>(value);
    else
        throw std::logic_error("parameter '" + spec.key + "' is not a number");
}

std::uint64_t whole_value(const RunParameters& params, const ParameterSpec& spec) {
    if (const std::uint64_t* n = member_of<std::uint64_t>(params, spec))
        return *n;
    throw std::logic_error("parameter '" + spec.key + "' is not a whole number");
}

void set_whole_value(RunParameters& params, const ParameterSpec& spec, std::uint64_t value) {
    if (std::uint64_t* u = member_of<std::uint64_t>(params, spec))
        *u = value;
    else
        throw std::logic_error("parameter '" + spec.key + "' is not a whole number");
}

std::string& text_value(RunParameters& params, const ParameterSpec& spec) {
    if (std::string* s = member_of<std::string>(params, spec))
        return *s;
    throw std::logic_error("parameter '" + spec.key + "' is not text");
}

const std::string& text_value(const RunParameters& params, const ParameterSpec& spec) {
    if (const std::string* s = member_of<std::string>(params, spec))
        return *s;
    throw std::logic_error("parameter '" + spec.key + "' is not text");
}

std::string expected_text(const ParameterSpec& spec) {
    std::string out = spec.what;
    const bool low = std::isfinite(spec.lo), high = std::isfinite(spec.hi);
    if (spec.is_number() && low && high && spec.lo_open && spec.hi_open)
        out += " above " + format_plain(spec.lo) + " and below " + format_plain(spec.hi);
    else if (spec.is_number() && low && high)
        out += std::string(" in ") + (spec.lo_open ? "(" : "[") + format_plain(spec.lo) + ", " + format_plain(spec.hi) +
               (spec.hi_open ? ")" : "]");
    else if (spec.is_number() && low)
        out += (spec.lo_open ? " > " : " >= ") + format_plain(spec.lo);
    if (!spec.infinite.empty())
        out += " or " + spec.infinite;
    if (!spec.note.empty())
        out += " " + spec.note;
    return out;
}

std::string value_text(const RunParameters& params, const ParameterSpec& spec) {
    if (spec.is_choice())
        return choice_value(params, spec);
    if (spec.is_text()) {
        const std::string& text = text_value(params, spec);
        return text.empty() ? "none" : "'" + text + "'";
    }
    if (spec.is_whole())
        return std::to_string(whole_value(params, spec));
    const double x = number_value(params, spec);
    if (std::isnan(x))
        return "none";
    return format_plain(x);
}

std::string default_text(const ParameterSpec& spec) {
    const RunParameters defaults;
    if (spec.is_choice())
        return choice_value(defaults, spec);
    if (spec.is_text())
        return text_value(defaults, spec).empty() ? spec.unset : "";
    if (spec.is_whole())
        return std::to_string(whole_value(defaults, spec));
    const double x = number_value(defaults, spec);
    return std::isnan(x) ? spec.unset : format_plain(x);
}

std::string option_help(std::string_view option) {
    const std::vector<const ParameterSpec*> specs = parameters_of_option(option);
    if (specs.empty())
        return {};
    if (is_key_value_option(option)) {
        // The KIND must be given; each KEY not given keeps its default, which those that have one say.
        std::string defaults;
        for (const ParameterSpec* spec : specs) {
            const std::string shown = default_text(*spec);
            if (spec->value_key.empty() || shown == "none")
                continue;
            defaults += defaults.empty() ? "" : "; ";
            defaults += spec->value_key;
            defaults += !spec->unset.empty() && shown == spec->unset ? " default: " : " default ";
            defaults += shown;
        }
        return specs.front()->doc + (defaults.empty() ? "" : " (" + defaults + ")");
    }
    std::string value;
    bool assumed = false, from_unset = false;
    for (const ParameterSpec* spec : specs) {
        const std::string shown = default_text(*spec);
        if (shown.empty())
            return specs.front()->doc; // a file or name without a default
        value += (value.empty() ? "" : ":") + shown;
        assumed = assumed || spec->basis == DefaultBasis::Assumption;
        from_unset = !spec->unset.empty() && shown == spec->unset;
    }
    return specs.front()->doc + " (default" + (from_unset ? ": " : " ") + value +
           (assumed ? ", a user assumption)" : ")");
}

bool value_is_valid(const ParameterSpec& spec, double x) {
    if (!spec.is_number())
        return true;
    if (std::isnan(x))
        return !spec.unset.empty();
    if (std::isinf(x))
        return x > 0 && !spec.infinite.empty();
    if (spec.zero_valid && x == 0.0)
        return true;
    const bool above_low = spec.lo_open ? x > spec.lo : x >= spec.lo;
    const bool below_high = spec.hi_open ? x < spec.hi : x <= spec.hi;
    return above_low && below_high;
}

std::optional<ParameterProblem> check_parameter(const RunParameters& params, const ParameterSpec& spec) {
    if (!spec.is_number() || value_is_valid(spec, number_value(params, spec)))
        return std::nullopt;
    return ParameterProblem{spec.key, expected_text(spec), value_text(params, spec)};
}

namespace {

// The amm depth model needs the pool's reserves, and a StableSwap pool its A.
std::optional<ParameterProblem> check_pool_given(const RunParameters& p) {
    if (p.depth_model != DepthModel::Amm)
        return std::nullopt;
    const char* keys[] = {"amm_base_reserve", "amm_quote_reserve", "amm_amplification"};
    const std::size_t needed = p.amm_kind == AmmKind::StableSwap ? 3 : 2;
    for (std::size_t i = 0; i < needed; ++i) {
        const ParameterSpec& spec = parameter(keys[i]);
        if (std::isnan(number_value(p, spec)))
            return ParameterProblem{spec.key, expected_text(spec) + " for the " + amm_kind_name(p.amm_kind) + " pool",
                                    "none"};
    }
    return std::nullopt;
}

} // namespace

std::vector<std::string> changed_parameters(const RunParameters& a, const RunParameters& b) {
    std::vector<std::string> keys;
    for (const ParameterSpec& spec : parameter_table()) {
        bool same = false;
        if (spec.is_choice())
            same = choice_value(a, spec) == choice_value(b, spec);
        else if (spec.is_text())
            same = text_value(a, spec) == text_value(b, spec);
        else if (spec.is_whole())
            same = whole_value(a, spec) == whole_value(b, spec);
        else {
            const double x = number_value(a, spec), y = number_value(b, spec);
            same = x == y || (std::isnan(x) && std::isnan(y));
        }
        if (!same)
            keys.push_back(spec.key);
    }
    return keys;
}

std::optional<ParameterProblem> check_run_parameters(const RunParameters& p) {
    for (const ParameterSpec& spec : parameter_table())
        if (auto problem = check_parameter(p, spec))
            return problem;
    if (!std::isfinite(p.metaorder_y * p.metaorder_sigma_daily * p.metaorder_adv_quote))
        return ParameterProblem{"metaorder_adv_quote", "three numbers whose product Y*sigma_daily*ADV is finite",
                                format_plain(p.metaorder_y) + ":" + format_plain(p.metaorder_sigma_daily) + ":" +
                                    format_plain(p.metaorder_adv_quote)};
    if (p.depth_model == DepthModel::L2Book && p.book_file.empty())
        return ParameterProblem{"book_file", "an L2 book file for the l2-book depth model", "none"};
    if (auto problem = check_pool_given(p))
        return problem;
    if (p.sell > 0 && p.buy > 0)
        return ParameterProblem{"buy", "0 when sell is given (one exogenous order: a sale or a purchase)",
                                format_plain(p.buy)};
    // A run keeps four steps × bins histograms of doubles: refuse what cannot fit rather than fail
    // in the allocator after the book has been read.
    if (p.steps * p.bins > kMaxHeatmapCells)
        return ParameterProblem{
            "bins", "steps × bins ≤ " + std::to_string(kMaxHeatmapCells) + " (the heatmap holds 32 bytes per cell)",
            std::to_string(p.steps) + " × " + std::to_string(p.bins), "lower the bins or the steps"};
    return std::nullopt;
}

void require_valid_parameters(const RunParameters& p) {
    if (auto problem = check_run_parameters(p))
        throw ParameterError(std::move(*problem));
}

} // namespace levex
