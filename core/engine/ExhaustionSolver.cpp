// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/ExhaustionSolver.h"

#include <cmath>

namespace levex {

double ExhaustionScan::at(double shocked) {
    double p = shocked;
    for (;;) {
        // Every trigger the current price has reached adds its size; the curve answers with a price.
        while (next_ < ladder_.price.size() && reached(next_, p))
            consumed_ += ladder_.size[next_++];
        const double after = price_after(shocked);
        const bool more = next_ < ladder_.price.size() && reached(next_, after);
        p = after;
        if (!more)
            return p;
    }
}

} // namespace levex
