// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/Sweep.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/base/Parallel.h"
#include "core/base/RadixSort.h"
#include "core/engine/DepthCurveMarket.h"
#include "core/engine/ExhaustionSolver.h"
#include "core/engine/PreparedBook.h"
#include "core/engine/Simulation.h"
#include "core/market/DepthFromParameters.h"
#include "core/market/IndexPath.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

namespace levex {

std::vector<double> AxisRange::values() const {
    std::vector<double> v(count);
    for (std::size_t i = 0; i < count; ++i)
        // std::lerp is exact at both ends: the last value is `to` itself (0, not 8.7e-19).
        v[i] = count == 1 ? from : std::lerp(from, to, double(i) / double(count - 1));
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

const char* axis_parameter_key(SweepAxis axis) {
    switch (axis) {
    case SweepAxis::Shock: return "shock";
    case SweepAxis::LeverageMult: return "leverage_mult";
    case SweepAxis::DepthScale: return "depth_scale";
    case SweepAxis::MmrScale: return "mmr_scale";
    case SweepAxis::HalfLife: return "half_life_s";
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

// One side of the book the run walks, as the fixed point sees it: the resting curve, or with stress
// withdrawal the curve whose band within 1 % thins under the flow (docs/liquidity.md §3).
struct FixedPointDepth {
    FixedPointDepth(const BookDepth& depth, const RunParameters& p, bool down)
        : resting(down ? depth.bids : depth.asks) {
        if (const auto withdrawal = withdrawal_parameters(p))
            thinning.emplace(resting, *withdrawal);
    }
    const DepthCurve& resting;
    std::optional<WithdrawnDepth> thinning;
};

// Calls `f` with an incremental exhaustion scan of `ladder` on the side of `depth` the run walks.
template <class F>
auto with_scan(const TriggerLadder& ladder, const FixedPointDepth& depth, bool down, F&& f) {
    if (depth.thinning) {
        BasicExhaustionScan<WithdrawnDepth> scan(ladder, *depth.thinning, down);
        return f(scan);
    }
    ExhaustionScan scan(ladder, depth.resting, down);
    return f(scan);
}

// Walks the shocks of 0.1 % steps up to `extreme` until the endogenous move exceeds the threshold.
template <class Scan>
std::optional<double> first_critical(Scan& scan, double mark, bool falling, double extreme, const SweepSpec& spec) {
    const double reach = std::min(std::abs(extreme), 0.99);
    for (std::size_t i = 0; double(i) / 1000.0 <= reach + 1e-12; ++i) {
        const double m = double(i) / 1000.0;
        const double shocked = mark * (falling ? 1.0 - m : 1.0 + m);
        if (std::abs(std::log(scan.at(shocked) / shocked)) > spec.critical_threshold)
            return falling ? -m : m;
    }
    return std::nullopt;
}

// The smallest |shock| (in 0.1 % steps, in the direction of the shock axis) whose endogenous move
// |ln(P*/S)| exceeds the threshold: one incremental scan down the ladder.
std::optional<double> critical_shock(const TriggerLadder& longs, const TriggerLadder& shorts, const BookDepth& depth,
                                     const RunParameters& p, double mark, const SweepSpec& spec) {
    const double extreme = std::abs(spec.x.from) > std::abs(spec.x.to) ? spec.x.from : spec.x.to;
    const bool falling = extreme < 0;
    const FixedPointDepth side(depth, p, falling);
    return with_scan(falling ? longs : shorts, side, falling,
                     [&](auto& scan) { return first_critical(scan, mark, falling, extreme, spec); });
}

// Checks a spec before any work; errors name the parameter keys.
void check_spec(const SweepSpec& spec) {
    if (spec.x.axis == spec.y.axis)
        throw UsageError(std::string("y: expected a parameter other than x's (") + axis_name(spec.x.axis) +
                         "), found the same");
    const auto& names = sweep_metric_names();
    if (std::find(names.begin(), names.end(), spec.metric) == names.end()) {
        std::string list;
        for (const std::string& n : names)
            list += (list.empty() ? "" : ", ") + n;
        throw UsageError("metric: expected one of " + list + ", found '" + spec.metric + "'");
    }
}

// One sweep: the grid, the inputs every cell shares, and the work of a row. Rows run in parallel
// and each writes only its own cells and critical shock.
class SweepRun {
public:
    SweepRun(const PositionBook& book, const VenueProfile& venue, const RunParameters& base, const SweepSpec& spec,
             const MarketInputs& market, const SweepProgress& progress)
        : book_(book), venue_(venue), base_(base), spec_(spec), series_(market.price_series),
          l2_(market.l2_book ? &*market.l2_book : nullptr), progress_(progress),
          symbol_(resolve_symbol(book, base.symbol)), mark_(resolve_mark(book, symbol_, base)),
          fast_(is_fixed_point_metric(spec.metric)) {
        result_.xs = spec.x.values();
        result_.ys = spec.y.values();
        nx_ = result_.xs.size();
        ny_ = result_.ys.size();
        result_.values.assign(nx_ * ny_, 0.0);
        result_.defined.assign(nx_ * ny_, 0);
        result_.critical_shock.assign(ny_, std::nullopt);
        if (fast_)
            price_solver_.emplace(book, venue, symbol_);
    }

    SweepResult run() {
        result_.cancelled =
            !parallel_each(ny_, thread_count(spec_.threads, ny_), cancel_, [this](std::size_t iy) { work_row(iy); });
        return std::move(result_);
    }

private:
    void work_row(std::size_t iy) {
        RunParameters row = base_;
        apply(row, spec_.y.axis, result_.ys[iy]);
        if (fast_)
            fixed_point_row(iy, row);
        else
            full_row(iy, row);
    }

    void store(std::size_t iy, std::size_t ix, std::optional<double> value) {
        result_.values[iy * nx_ + ix] = value.value_or(0.0);
        result_.defined[iy * nx_ + ix] = value.has_value();
        const std::size_t finished = ++done_;
        if (progress_) {
            const std::lock_guard lock(report_);
            if (!progress_(finished, nx_ * ny_, iy))
                cancel_.request();
        }
    }

    double fixed_point_metric(double p_star, double shocked) const {
        return spec_.metric == "exhaustion_price" ? p_star : std::abs(std::log(p_star / shocked));
    }

    // The fixed-point metrics: ladders per row (or per cell when x changes the margins).
    void fixed_point_row(std::size_t iy, const RunParameters& row) {
        std::optional<Ladders> ladders;
        if (!changes_margins(spec_.x.axis))
            ladders = build_ladders(book_, *price_solver_, row);
        if (spec_.x.axis == SweepAxis::Shock) {
            fixed_point_shock_row(iy, row, *ladders);
            return;
        }
        for (std::size_t ix = 0; ix < nx_ && !cancel_.requested(); ++ix) {
            RunParameters cell = row;
            apply(cell, spec_.x.axis, result_.xs[ix]);
            if (changes_margins(spec_.x.axis))
                ladders = build_ladders(book_, *price_solver_, cell);
            const BookDepth depth = build_depth(cell, mark_, l2_);
            const bool falling = cell.shock <= 0;
            const double shocked = mark_ * (1.0 + cell.shock);
            const double p_star =
                with_scan(falling ? ladders->longs : ladders->shorts, FixedPointDepth(depth, cell, falling), falling,
                          [&](auto& scan) { return scan.at(shocked); });
            store(iy, ix, fixed_point_metric(p_star, shocked));
        }
    }

    // Along a shock axis: one incremental scan per direction, cells taken in order of growing |shock|.
    void fixed_point_shock_row(std::size_t iy, const RunParameters& row, const Ladders& ladders) {
        const BookDepth depth = build_depth(row, mark_, l2_);
        std::vector<std::size_t> cells(nx_);
        for (std::size_t ix = 0; ix < nx_; ++ix)
            cells[ix] = ix;
        std::stable_sort(cells.begin(), cells.end(), [&](std::size_t a, std::size_t b) {
            return std::abs(result_.xs[a]) < std::abs(result_.xs[b]);
        });
        const FixedPointDepth bids(depth, row, true), asks(depth, row, false);
        with_scan(ladders.longs, bids, true, [&](auto& down) {
            with_scan(ladders.shorts, asks, false, [&](auto& up) {
                for (std::size_t ix : cells) {
                    if (cancel_.requested())
                        return;
                    const double shock = result_.xs[ix], shocked = mark_ * (1.0 + shock);
                    store(iy, ix, fixed_point_metric(shock <= 0 ? down.at(shocked) : up.at(shocked), shocked));
                }
            });
        });
        if (!cancel_.requested())
            result_.critical_shock[iy] = critical_shock(ladders.longs, ladders.shorts, depth, row, mark_, spec_);
    }

    // Any other metric: a full run per cell, the prepared book reused along the row.
    void full_row(std::size_t iy, const RunParameters& row) {
        std::optional<PreparedBook> prepared;
        const bool shock_axis = spec_.x.axis == SweepAxis::Shock;
        const std::vector<double> fixed_path = shock_axis ? std::vector<double>{} : build_index_path(row, series_);
        for (std::size_t ix = 0; ix < nx_ && !cancel_.requested(); ++ix) {
            RunParameters cell = row;
            apply(cell, spec_.x.axis, result_.xs[ix]);
            if (!prepared || changes_margins(spec_.x.axis))
                prepared = prepare_book(book_, venue_, {cell.leverage_mult, cell.mmr_scale}, symbol_, mark_);
            const std::vector<double> path = shock_axis ? build_index_path(cell, series_) : fixed_path;
            // The market simulate() builds for these parameters: a cell is that run.
            DepthCurveMarket market(build_depth(cell, mark_, l2_), mark_, cell, withdrawal_parameters(cell));
            const RunResult r = run_cascade(*prepared, market, path, cell, {}, kSummaryOnly);
            store(iy, ix, summary_metric(r.summary, spec_.metric));
        }
        if (shock_axis && !cancel_.requested()) // the critical shock needs only the fixed point
            result_.critical_shock[iy] = critical_shock(prepared->long_ladder, prepared->short_ladder,
                                                        build_depth(row, mark_, l2_), row, mark_, spec_);
    }

    const PositionBook& book_;
    const VenueProfile& venue_;
    const RunParameters& base_;
    const SweepSpec& spec_;
    const std::optional<PriceSeries>& series_;
    const OrderBook* l2_;
    const SweepProgress& progress_;
    const std::size_t symbol_;
    const double mark_;
    const bool fast_;
    std::optional<LiquidationPriceSolver> price_solver_;
    SweepResult result_;
    std::size_t nx_ = 0, ny_ = 0;
    std::atomic<std::size_t> done_{0};
    std::mutex report_;
    Cancellation cancel_;
};

} // namespace

SweepResult run_sweep(const PositionBook& book, const VenueProfile& venue, const RunParameters& base,
                      const SweepSpec& spec, const MarketInputs& market, const SweepProgress& progress) {
    check_spec(spec);
    if (base.depth_model == DepthModel::Amm)
        throw UsageError("amm_kind: expected a book's depth for a sweep (its fixed-point metrics walk depth "
                         "curves), found a pool");
    return SweepRun(book, venue, base, spec, market, progress).run();
}

} // namespace levex
