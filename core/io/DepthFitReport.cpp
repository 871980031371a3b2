// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/DepthFitReport.h"

#include "core/base/NumberFormat.h"

namespace levex {

namespace {

void append_row(std::string& out, const char* side, const DepthFit& fit) {
    out += side;
    out += ',';
    out += format_plain(fit.depth_within_1pct);
    out += ',';
    out += format_plain(fit.exponent);
    out += ',';
    out += format_plain(fit.r2);
    out += '\n';
}

} // namespace

std::string depth_fit_csv(const BookFit& fit) {
    std::string out = "side,depth_within_1pct_quote,exponent,r2\n";
    append_row(out, "bid", fit.bids);
    append_row(out, "ask", fit.asks);
    return out;
}

} // namespace levex
