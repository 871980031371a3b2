// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/ParameterTable.h"

#include "core/base/NumberFormat.h"

#include <cmath>
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
                    .noun("flat, v-shaped, metaorder or l2-book")
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
                    .describe("an L2 order book snapshot, side,price,size rows, continued by a V-shaped tail"));
    t.push_back(row("depth_scale", &P::depth_scale)
                    .above(0)
                    .cli("depth-scale", "K")
                    .control("Depth scale", 0.1, 10)
                    .describe("multiply every depth"));
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

std::vector<ParameterSpec> build_table() {
    std::vector<ParameterSpec> t;
    add_shock_rows(t);
    add_depth_rows(t);
    add_time_rows(t);
    add_random_rows(t);
    add_venue_rows(t);
    return t;
}

// The member `spec` names if it has type T, else nullptr (Params: RunParameters, const or not).
template <typename T, typename Params>
auto* member_of(Params& params, const ParameterSpec& spec) {
    const auto* m = std::get_if<T RunParameters::*>(&spec.member);
    return m ? &(params.*(*m)) : nullptr;
}

} // namespace

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
        return depth_model_name(params.depth_model);
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
        return depth_model_name(defaults.depth_model);
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

std::vector<std::string> changed_parameters(const RunParameters& a, const RunParameters& b) {
    std::vector<std::string> keys;
    for (const ParameterSpec& spec : parameter_table()) {
        bool same = false;
        if (spec.is_choice())
            same = a.depth_model == b.depth_model;
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
