// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/LendingSimulation.h"

#include "core/engine/DepthCurveMarket.h"
#include "core/market/DepthFromParameters.h"
#include "core/market/IndexPath.h"
#include "core/model/ParameterError.h"

#include <cmath>

namespace levex {

namespace {

// A depth-curve market that owns its curves (DepthCurveMarket keeps them by reference).
class OwningDepthMarket final : public CascadeMarket {
public:
    OwningDepthMarket(BookDepth depth, double start_price, const RunParameters& params)
        : depth_(std::move(depth)), market_(depth_, start_price, params) {}

    double start_price() const override { return market_.start_price(); }
    void advance(double dt) override { market_.advance(dt); }
    void set_index(double path_offset) override { market_.set_index(path_offset); }
    double index() const override { return market_.index(); }
    double book_offset() const override { return market_.book_offset(); }
    double book_price() const override { return market_.book_price(); }
    double fill(int side, double qty) override { return market_.fill(side, qty); }
    double quantity_to(int side, double limit) const override { return market_.quantity_to(side, limit); }
    bool at_rest() const override { return market_.at_rest(); }
    double exhaustion_price(const TriggerLadder& ladder, double shocked, bool down) const override {
        return market_.exhaustion_price(ladder, shocked, down);
    }
    bool floor_hit() const override { return market_.floor_hit(); }

private:
    BookDepth depth_;
    DepthCurveMarket market_;
};

} // namespace

double lending_start_price(const std::vector<const PreparedLendingBook*>& books, const RunParameters& params) {
    if (!std::isnan(params.mark))
        return params.mark;
    for (const PreparedLendingBook* b : books)
        if (b->asset != LendingBook::npos)
            return b->start_price;
    throw ParameterError({"symbol", "an asset one of the lending books holds", "'" + params.symbol + "'"});
}

std::unique_ptr<CascadeMarket> make_lending_market(const RunParameters& params, double start_price,
                                                   const MarketInputs& market) {
    BookDepth depth = build_depth(params, start_price, market.l2_book ? &*market.l2_book : nullptr);
    return std::make_unique<OwningDepthMarket>(std::move(depth), start_price, params);
}

ExogenousFlow exogenous_flow(const RunParameters&) {
    return {};
}

LendingRunResult simulate_lending(const std::vector<const PreparedLendingBook*>& books, const RunParameters& params,
                                  const MarketInputs& market, const StepCallback& on_step, RunOutputs outputs,
                                  std::uint64_t stream) {
    const std::unique_ptr<CascadeMarket> venue =
        make_lending_market(params, lending_start_price(books, params), market);
    return run_lending_cascade(books, *venue, build_index_path(params, market.price_series, stream), params,
                               exogenous_flow(params), on_step, outputs);
}

} // namespace levex
