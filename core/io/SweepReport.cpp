// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/SweepReport.h"

#include "core/base/NumberFormat.h"

namespace levex {

std::string sweep_grid_csv(const SweepSpec& spec, const SweepResult& r) {
    std::string grid = std::string(axis_name(spec.x.axis)) + "," + axis_name(spec.y.axis) + "," + spec.metric + "\n";
    for (std::size_t iy = 0; iy < r.ys.size(); ++iy)
        for (std::size_t ix = 0; ix < r.xs.size(); ++ix) {
            append_plain(grid, r.xs[ix]);
            grid += ',';
            append_plain(grid, r.ys[iy]);
            grid += ',';
            const std::size_t cell = iy * r.xs.size() + ix;
            if (r.defined[cell])
                append_plain(grid, r.values[cell]);
            grid += '\n';
        }
    return grid;
}

std::string critical_shock_csv(const SweepSpec& spec, const SweepResult& r) {
    std::string critical = std::string(axis_name(spec.y.axis)) + ",critical_shock\n";
    for (std::size_t iy = 0; iy < r.ys.size(); ++iy) {
        append_plain(critical, r.ys[iy]);
        critical += ',';
        if (iy < r.critical_shock.size() && r.critical_shock[iy])
            append_plain(critical, *r.critical_shock[iy]);
        critical += '\n';
    }
    return critical;
}

} // namespace levex
