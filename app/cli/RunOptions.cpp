// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/RunOptions.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/base/Sha256.h"
#include "core/base/TextFile.h"
#include "core/io/OrderBookCsvReader.h"
#include "core/io/PriceSeriesCsvReader.h"
#include "core/model/RunParameterLimits.h"

#include <cmath>
#include <limits>

namespace levex::cli {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A number, or inf/unlimited where the option allows it.
double number_or_inf(const CommandLine& cl, const std::string& name, double fallback, bool allow_inf) {
    const auto text = cl.text(name);
    if (!text)
        return fallback;
    if (allow_inf && (*text == "inf" || *text == "unlimited"))
        return kInf;
    const auto x = parse_finite(*text);
    if (!x)
        throw UsageError("--" + name + ": expected a number" + (allow_inf ? " or inf" : "") + ", found '" + *text +
                         "'");
    return *x;
}

// "A:B:C" into three numbers.
std::vector<double> triple(const CommandLine& cl, const std::string& name, const char* shape) {
    const std::string text = *cl.text(name);
    std::vector<double> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t colon = text.find(':', start);
        const auto x = parse_finite(text.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (!x)
            throw UsageError("--" + name + ": expected " + shape + ", found '" + text + "'");
        out.push_back(*x);
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    if (out.size() != 3)
        throw UsageError("--" + name + ": expected " + shape + ", found '" + text + "'");
    return out;
}

// The command-line option that sets a scenario key ("half_life_s" -> "half-life").
std::string option_name(const std::string& key) {
    if (key == "half_life_s")
        return "half-life";
    if (key == "student_nu")
        return "student-t";
    if (key == "book_file")
        return "book";
    std::string name = key;
    for (char& c : name)
        c = c == '_' ? '-' : c;
    return name;
}

void require(bool ok, const std::string& message) {
    if (!ok)
        throw UsageError(message);
}

} // namespace

std::vector<OptionSpec> run_option_specs() {
    return {
        {"venue", "NAME|FILE", "venue profile (default generic)"},
        {"symbol", "S", "the symbol to shock (needed when the book holds several)"},
        {"mark", "P", "start mark price (default: the book's mark_price)"},
        {"shock", "F", "index move as a fraction, -0.10 = -10 % (default 0)"},
        {"shock-steps", "K", "spread the shock over K steps (default 0: at once)"},
        {"leverage-mult", "K", "multiply every position's leverage by K (default 1)"},
        {"mmr-scale", "S", "scale every maintenance requirement (default 1)"},
        {"depth-quote-per-pct", "D", "flat book: D quote in every 1 % band"},
        {"depth-quote-within-1pct", "D", "V-shaped book: D quote within 1 % (default 20000000)"},
        {"metaorder", "Y:SIGMA:ADV", "V-shaped book from the metaorder law Y*sigma_daily*sqrt(V/ADV), ADV in quote"},
        {"book", "L2.csv", "an L2 order book snapshot (side,price,size) with a V-shaped tail"},
        {"depth-scale", "K", "multiply every depth by K (default 1)"},
        {"half-life", "SECONDS|inf", "resilience of consumed depth (default 120; inf = permanent)"},
        {"permanent-fraction", "F", "share of each fill's impact that moves the index (default 0)"},
        {"step-seconds", "S", "step length (default 1)"},
        {"steps", "T", "number of steps (default 600)"},
        {"vol", "V", "per-step volatility of random index returns (default 0)"},
        {"student-t", "NU", "Student-t returns with NU degrees of freedom (default: normal)"},
        {"jumps", "RATE:MEAN:STDEV", "jumps per step, mean and stdev of the log jump (default none)"},
        {"seed", "N", "random seed (default 1)"},
        {"price-series", "FILE", "replay a price series (Binance kline CSV) instead of a shock"},
        {"fee", "R", "liquidation fee rate (default: the venue's)"},
        {"fund", "Q|unlimited", "insurance fund in quote (default: the venue's)"},
        {"mark-passthrough", "B", "mark = index*(book/index)^B (default: the venue's)"},
        {"bins", "N", "price bins of the frames (default 512)"},
        {"skip-bad-rows", "", "skip bad rows of the book instead of stopping"},
    };
}

void apply_run_options(const CommandLine& cl, RunParameters& p) {
    p.symbol = cl.text("symbol", p.symbol);
    p.mark = number_or_inf(cl, "mark", p.mark, false);
    p.shock = number_or_inf(cl, "shock", p.shock, false);
    p.shock_steps = cl.whole("shock-steps", p.shock_steps);
    p.leverage_mult = number_or_inf(cl, "leverage-mult", p.leverage_mult, false);
    p.mmr_scale = number_or_inf(cl, "mmr-scale", p.mmr_scale, false);
    const int depth_options =
        cl.has("depth-quote-per-pct") + cl.has("depth-quote-within-1pct") + cl.has("book") + cl.has("metaorder");
    require(depth_options <= 1,
            "choose one depth: --depth-quote-per-pct, --depth-quote-within-1pct, --metaorder or --book");
    if (cl.has("depth-quote-per-pct")) {
        p.depth_model = DepthModel::Flat;
        p.depth_quote_per_pct = number_or_inf(cl, "depth-quote-per-pct", 0, false);
    } else if (cl.has("depth-quote-within-1pct")) {
        p.depth_model = DepthModel::VShaped;
        p.depth_quote_within_1pct = number_or_inf(cl, "depth-quote-within-1pct", 0, false);
    } else if (cl.has("metaorder")) {
        const auto m = triple(cl, "metaorder", "Y:SIGMA_DAILY:ADV (three numbers > 0)");
        p.depth_model = DepthModel::Metaorder;
        p.metaorder_y = m[0];
        p.metaorder_sigma_daily = m[1];
        p.metaorder_adv_quote = m[2];
    } else if (cl.has("book")) {
        p.depth_model = DepthModel::L2Book;
        p.book_file = *cl.text("book");
    }
    p.depth_scale = number_or_inf(cl, "depth-scale", p.depth_scale, false);
    p.half_life_s = number_or_inf(cl, "half-life", p.half_life_s, true);
    p.permanent_fraction = number_or_inf(cl, "permanent-fraction", p.permanent_fraction, false);
    p.step_seconds = number_or_inf(cl, "step-seconds", p.step_seconds, false);
    p.steps = cl.whole("steps", p.steps, 1);
    p.vol = number_or_inf(cl, "vol", p.vol, false);
    p.student_nu = number_or_inf(cl, "student-t", p.student_nu, false);
    if (cl.has("jumps")) {
        const auto j = triple(cl, "jumps", "RATE:MEAN:STDEV");
        p.jump_rate = j[0];
        p.jump_mean = j[1];
        p.jump_stdev = j[2];
    }
    p.seed = cl.whole("seed", p.seed);
    p.price_series_file = cl.text("price-series", p.price_series_file);
    p.fee = number_or_inf(cl, "fee", p.fee, false);
    p.fund = number_or_inf(cl, "fund", p.fund, true);
    p.mark_passthrough = number_or_inf(cl, "mark-passthrough", p.mark_passthrough, false);
    p.bins = cl.whole("bins", p.bins, 2);
    if (const auto bad = check_run_parameters(p))
        throw UsageError("--" + option_name(bad->key) + ": " + bad->expected);
}

RunInputs load_run_inputs(const RunParameters& params) {
    RunInputs inputs;
    if (params.depth_model == DepthModel::L2Book) {
        const std::string bytes = read_text_file(params.book_file);
        inputs.l2_sha256 = sha256_hex(bytes);
        inputs.market.l2_book = parse_order_book_csv(bytes, params.book_file);
    }
    if (!params.price_series_file.empty()) {
        const std::string bytes = read_text_file(params.price_series_file);
        inputs.series_sha256 = sha256_hex(bytes);
        inputs.market.price_series = parse_price_series_csv(bytes, params.price_series_file);
    }
    return inputs;
}

void check_pinned_hash(const char* what, const std::string& path, const std::string& pinned,
                       const std::string& actual) {
    if (!pinned.empty() && pinned != actual)
        throw DataError({Severity::Error, path, 0, 0, "",
                         std::string("expected the ") + what + " the scenario pinned (sha256 " + pinned.substr(0, 12) +
                             "…), found a different file"});
}

} // namespace levex::cli
