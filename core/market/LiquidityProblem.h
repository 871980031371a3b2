// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"

#include <string>

namespace levex {

/// A market-model parameter outside its valid range, or a trade a pool cannot take: `key` names the
/// parameter as the scenario files do ("amm_amplification"), `expected` says what is valid, `found`
/// what was given. The front ends phrase it beside their own flag or control.
struct LiquidityProblem {
    std::string key;
    std::string expected;
    std::string found;
};

/// "key: expected …, found …".
std::string describe(const LiquidityProblem& problem);

/// Thrown where a market model cannot go on (a bad parameter, a purchase larger than a pool holds);
/// a usage error: the user's values, not a file, are at fault (CLI exit 2).
class LiquidityError : public UsageError {
public:
    explicit LiquidityError(LiquidityProblem problem);
    const LiquidityProblem& problem() const noexcept { return problem_; }

private:
    LiquidityProblem problem_;
};

} // namespace levex
