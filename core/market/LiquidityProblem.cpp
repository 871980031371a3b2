// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/LiquidityProblem.h"

namespace levex {

std::string describe(const LiquidityProblem& problem) {
    return problem.key + ": expected " + problem.expected + ", found " + problem.found;
}

LiquidityError::LiquidityError(LiquidityProblem problem)
    : UsageError(describe(problem)), problem_(std::move(problem)) {}

} // namespace levex
