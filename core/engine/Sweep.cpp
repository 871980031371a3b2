// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/Sweep.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/base/RadixSort.h"
#include "core/engine/ExhaustionSolver.h"
#include "core/engine/PreparedBook.h"
#include "core/engine/Simulation.h"
#include "core/market/DepthFromParameters.h"
#include "core/market/IndexPath.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <mutex>
#include <thread>

namespace levex {

std::vector<double> AxisRange::values() const {
    std::vector<double> v(count);
    for (std::size_t i = 0; i < count; ++i)
        v[i] = count == 1 ? from : from + (to - from) * double(i) / double(count - 1);
    return v;
}

const char* axis_name(SweepAxis axis) {
    switch (axis) {
    case SweepAxis::Shock: return "shock";
    case SweepAxis::LeverageMult: return "leverage-mult";
    case SweepAxis::DepthScale: return "depth-scale";
    case SweepAxis::MmrScale: return "mmr-scale";
    case SweepAxis::HalfLife: return "half-life";
    }
    return "shock";
}

AxisRange parse_axis(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t colon = text.find(':', start);
        parts.push_back(text.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    const std::string shape = "expected NAME:FROM:TO:COUNT (NAME one of shock, leverage-mult, depth-scale, "
                              "mmr-scale, half-life), found '" +
                              text + "'";
    if (parts.size() != 4)
        throw UsageError(shape);
    AxisRange r;
    bool known = false;
    for (SweepAxis a :
         {SweepAxis::Shock, SweepAxis::LeverageMult, SweepAxis::DepthScale, SweepAxis::MmrScale, SweepAxis::HalfLife})
        if (parts[0] == axis_name(a)) {
            r.axis = a;
            known = true;
        }
    const auto from = parse_finite(parts[1]), to = parse_finite(parts[2]);
    const auto count = parse_finite(parts[3]);
    if (!known || !from || !to || !count || *count < 1 || *count > 4096 || std::floor(*count) != *count)
        throw UsageError(shape);
    r.from = *from;
    r.to = *to;
    r.count = static_cast<std::size_t>(*count);
    const double lo = std::min(r.from, r.to);
    const bool ok = r.axis == SweepAxis::Shock ? lo > -1 : lo > 0;
    if (!ok)
        throw UsageError(std::string(axis_name(r.axis)) +
                         (r.axis == SweepAxis::Shock ? ": expected shocks above -1" : ": expected values > 0"));
    return r;
}

namespace {

bool is_fixed_point_metric(const std::string& m) {
    return m == "exhaustion_price" || m == "endogenous_move";
}

void apply(RunParameters& p, SweepAxis axis, double v) {
    switch (axis) {
    case SweepAxis::Shock: p.shock = v; break;
    case SweepAxis::LeverageMult: p.leverage_mult = v; break;
    case SweepAxis::DepthScale: p.depth_scale = v; break;
    case SweepAxis::MmrScale: p.mmr_scale = v; break;
    case SweepAxis::HalfLife: p.half_life_s = v; break;
    }
}

bool changes_margins(SweepAxis a) {
    return a == SweepAxis::LeverageMult || a == SweepAxis::MmrScale;
}

// Only what the fixed point needs: each side's triggers and sizes in trigger order.
struct Ladders {
    TriggerLadder longs, shorts;
};

Ladders build_ladders(const PositionBook& book, const LiquidationPriceSolver& solver, const RunParameters& p) {
    std::vector<double> liq;
    solver.solve({p.leverage_mult, p.mmr_scale}, liq);
    // One pass splits the sides; each is then ordered by radix on the price.
    std::vector<double> keys[2], sizes[2];
    for (auto& v : keys)
        v.reserve(liq.size());
    for (auto& v : sizes)
        v.reserve(liq.size());
    for (std::size_t j = 0; j < liq.size(); ++j) {
        const double price = liq[j];
        const std::uint32_t i = solver.rows()[j];
        if (std::isnan(price))
            continue;
        const int g = book.side[i] > 0 ? 0 : 1;
        keys[g].push_back(g == 0 ? -price : price);
        sizes[g].push_back(book.size[i]);
    }
    Ladders out;
    for (int g = 0; g < 2; ++g) {
        radix_sort(keys[g], sizes[g]);
        if (g == 0)
            for (double& k : keys[g])
                k = -k;
        TriggerLadder& ladder = g == 0 ? out.longs : out.shorts;
        ladder.price = std::move(keys[g]);
        ladder.size = std::move(sizes[g]);
    }
    return out;
}

// The smallest |shock| (in 0.1 % steps, in the direction of the shock axis) whose endogenous move
// |ln(P*/S)| exceeds the threshold: one incremental scan down the ladder.
std::optional<double> critical_shock(const TriggerLadder& longs, const TriggerLadder& shorts, const BookDepth& depth,
                                     double mark, const SweepSpec& spec) {
    const double extreme = std::abs(spec.x.from) > std::abs(spec.x.to) ? spec.x.from : spec.x.to;
    const bool falling = extreme < 0;
    ExhaustionScan scan(falling ? longs : shorts, falling ? depth.bids : depth.asks, falling);
    const double reach = std::min(std::abs(extreme), 0.99);
    for (std::size_t i = 0; double(i) / 1000.0 <= reach + 1e-12; ++i) {
        const double m = double(i) / 1000.0;
        const double shocked = mark * (falling ? 1.0 - m : 1.0 + m);
        if (std::abs(std::log(scan.at(shocked) / shocked)) > spec.critical_threshold)
            return falling ? -m : m;
    }
    return std::nullopt;
}

} // namespace

SweepResult run_sweep(const PositionBook& book, const VenueProfile& venue, const RunParameters& base,
                      const SweepSpec& spec, const MarketInputs& market, const SweepProgress& progress) {
    const std::optional<PriceSeries>& series = market.price_series;
    const OrderBook* l2 = market.l2_book ? &*market.l2_book : nullptr;
    if (spec.x.axis == spec.y.axis)
        throw UsageError(std::string("--x and --y sweep the same parameter (") + axis_name(spec.x.axis) + ")");
    const auto& names = sweep_metric_names();
    if (std::find(names.begin(), names.end(), spec.metric) == names.end()) {
        std::string list;
        for (const std::string& n : names)
            list += (list.empty() ? "" : ", ") + n;
        throw UsageError("unknown metric '" + spec.metric + "'; expected one of: " + list);
    }
    const std::size_t symbol = resolve_symbol(book, base.symbol);
    const double mark = resolve_mark(book, symbol, base);

    SweepResult result;
    result.xs = spec.x.values();
    result.ys = spec.y.values();
    const std::size_t nx = result.xs.size(), ny = result.ys.size();
    result.values.assign(nx * ny, 0.0);
    result.defined.assign(nx * ny, 0);
    result.critical_shock.assign(ny, std::nullopt);
    const bool fast = is_fixed_point_metric(spec.metric);
    std::optional<LiquidationPriceSolver> price_solver;
    if (fast)
        price_solver.emplace(book, venue, symbol);

    std::atomic<std::size_t> next_row{0}, done{0};
    std::atomic<bool> cancel{false};
    std::mutex report;
    std::exception_ptr failure;

    auto report_cell = [&](std::size_t iy) {
        const std::size_t finished = ++done;
        if (progress) {
            std::lock_guard lock(report);
            if (!progress(finished, nx * ny, iy))
                cancel = true;
        }
    };
    auto store = [&](std::size_t iy, std::size_t ix, std::optional<double> value) {
        result.values[iy * nx + ix] = value.value_or(0.0);
        result.defined[iy * nx + ix] = value.has_value();
        report_cell(iy);
    };

    // The fixed-point metrics: ladders per row (or per cell when x changes the margins), and along a
    // shock axis one incremental scan per direction, cells taken in order of growing |shock|.
    auto fixed_point_row = [&](std::size_t iy, const RunParameters& row) {
        std::optional<Ladders> ladders;
        if (!changes_margins(spec.x.axis))
            ladders = build_ladders(book, *price_solver, row);
        auto metric = [&](double p_star, double shocked) {
            return spec.metric == "exhaustion_price" ? p_star : std::abs(std::log(p_star / shocked));
        };
        if (spec.x.axis == SweepAxis::Shock) {
            const BookDepth depth = build_depth(row, mark, l2);
            std::vector<std::size_t> cells(nx);
            for (std::size_t ix = 0; ix < nx; ++ix)
                cells[ix] = ix;
            std::stable_sort(cells.begin(), cells.end(), [&](std::size_t a, std::size_t b) {
                return std::abs(result.xs[a]) < std::abs(result.xs[b]);
            });
            ExhaustionScan down(ladders->longs, depth.bids, true), up(ladders->shorts, depth.asks, false);
            for (std::size_t ix : cells) {
                if (cancel)
                    return;
                const double shock = result.xs[ix], shocked = mark * (1.0 + shock);
                store(iy, ix, metric(shock <= 0 ? down.at(shocked) : up.at(shocked), shocked));
            }
            result.critical_shock[iy] = critical_shock(ladders->longs, ladders->shorts, depth, mark, spec);
            return;
        }
        for (std::size_t ix = 0; ix < nx && !cancel; ++ix) {
            RunParameters cell = row;
            apply(cell, spec.x.axis, result.xs[ix]);
            if (changes_margins(spec.x.axis))
                ladders = build_ladders(book, *price_solver, cell);
            const BookDepth depth = build_depth(cell, mark, l2);
            const bool falling = cell.shock <= 0;
            const double shocked = mark * (1.0 + cell.shock);
            ExhaustionScan scan(falling ? ladders->longs : ladders->shorts, falling ? depth.bids : depth.asks, falling);
            store(iy, ix, metric(scan.at(shocked), shocked));
        }
    };

    // Any other metric: a full run per cell, the prepared book reused along the row.
    auto full_row = [&](std::size_t iy, const RunParameters& row) {
        std::optional<PreparedBook> prepared;
        const std::vector<double> fixed_path =
            spec.x.axis == SweepAxis::Shock ? std::vector<double>{} : build_index_path(row, series);
        for (std::size_t ix = 0; ix < nx && !cancel; ++ix) {
            RunParameters cell = row;
            apply(cell, spec.x.axis, result.xs[ix]);
            if (!prepared || changes_margins(spec.x.axis))
                prepared = prepare_book(book, venue, {cell.leverage_mult, cell.mmr_scale}, symbol, mark);
            const std::vector<double> path =
                spec.x.axis == SweepAxis::Shock ? build_index_path(cell, series) : fixed_path;
            const RunResult r = run_cascade(*prepared, build_depth(cell, mark, l2), path, cell, {}, kSummaryOnly);
            store(iy, ix, summary_metric(r.summary, spec.metric));
        }
        if (spec.x.axis == SweepAxis::Shock && !cancel) // the critical shock needs only the fixed point
            result.critical_shock[iy] =
                critical_shock(prepared->long_ladder, prepared->short_ladder, build_depth(row, mark, l2), mark, spec);
    };

    auto work_row = [&](std::size_t iy) {
        RunParameters row = base;
        apply(row, spec.y.axis, result.ys[iy]);
        if (fast)
            fixed_point_row(iy, row);
        else
            full_row(iy, row);
    };

    const unsigned threads = std::max(
        1u, std::min<unsigned>(spec.threads ? spec.threads : std::thread::hardware_concurrency(), unsigned(ny)));
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (std::size_t iy; !cancel && (iy = next_row++) < ny;) {
                try {
                    work_row(iy);
                } catch (...) {
                    std::lock_guard lock(report);
                    if (!failure)
                        failure = std::current_exception();
                    cancel = true;
                }
            }
        });
    for (std::thread& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
    result.cancelled = cancel;
    return result;
}

} // namespace levex
