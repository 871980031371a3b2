// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace levex {

/// A replayed price path (docs/formats.md §3): times in seconds, prices > 0, times strictly increasing.
struct PriceSeries {
    std::string source;
    std::vector<double> time_s;
    std::vector<double> price;

    /// Linear interpolation at time t (clamped to the ends).
    double at(double t) const;
    double duration_s() const { return time_s.empty() ? 0.0 : time_s.back() - time_s.front(); }
};

} // namespace levex
