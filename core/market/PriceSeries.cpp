// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/PriceSeries.h"

#include <algorithm>

namespace levex {

double PriceSeries::at(double t) const {
    if (t <= time_s.front())
        return price.front();
    if (t >= time_s.back())
        return price.back();
    const auto it = std::upper_bound(time_s.begin(), time_s.end(), t);
    const std::size_t k = std::size_t(it - time_s.begin());
    const double w = (t - time_s[k - 1]) / (time_s[k] - time_s[k - 1]);
    return price[k - 1] + w * (price[k] - price[k - 1]);
}

} // namespace levex
