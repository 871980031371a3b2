// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/PositionColumns.h"

namespace levex {

const std::vector<PositionColumn>& position_columns() {
    static const std::vector<PositionColumn> columns = {
        {"id", {}, false, "position identifier (text); default: the row number"},
        {"account", {"user", "address"}, false, "owner; default: the id"},
        {"symbol", {"coin", "market"}, false, "instrument; default: DEFAULT"},
        {"side", {}, false, "long/short, buy/sell, 1/-1; without it the size is signed"},
        {"size", {"qty", "szi"}, true, "base units (contracts for inverse)"},
        {"entry_price", {"entry", "entryPx"}, true, "average entry price, > 0"},
        {"leverage", {}, false, "initial leverage (isolated rows need leverage or margin)"},
        {"margin", {"marginUsed", "isolated_margin"}, false, "isolated margin; wins over leverage"},
        {"margin_mode", {}, false, "isolated (default) or cross"},
        {"collateral", {"wallet_balance", "cross_wallet"}, false, "cross wallet balance, repeated on each cross row"},
        {"account_equity", {"accountValue"}, false, "wallet + unrealised PnL at mark (alternative to collateral)"},
        {"maint_margin_rate", {"mmr"}, false, "explicit maintenance rate, 0 <= mmr < 1; default: venue tiers"},
        {"maint_amount", {"cum"}, false, "maintenance amount (tier deduction), with maint_margin_rate"},
        {"mark_price", {"markPx"}, false, "the symbol's mark price at snapshot time"},
        {"liquidation_price", {"liquidationPx"}, false, "the exchange's own figure, shown beside the computed one"},
    };
    return columns;
}

const char* position_field_name(PositionField field) {
    return position_columns()[static_cast<std::size_t>(field)].name;
}

} // namespace levex
