// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/LendingTerms.h"

#include "core/base/Issue.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace levex {

LendingTerms resolve_lending_terms(const LendingBook& book, const ProtocolProfile* profile) {
    const std::size_t n = book.rows();
    LendingTerms t;
    t.liquidation_threshold.resize(n);
    t.liquidation_bonus.resize(n);
    t.protocol_fee.resize(n);
    auto fail = [&](std::size_t row, const std::string& message) {
        throw DataError({Severity::Error, book.source, book.line[row], 0, "", message});
    };

    // The profile's asset behind each of the book's assets, once.
    std::vector<const ProtocolAsset*> asset_of(book.assets(), nullptr);
    if (profile)
        for (std::size_t a = 0; a < book.assets(); ++a)
            asset_of[a] = profile->find_asset(book.asset_names[a]);

    for (std::size_t account = 0; account < book.accounts(); ++account) {
        const std::uint32_t emode = book.account_emode[account];
        const EModeCategory* category = profile && emode != 0 ? profile->find_emode(emode) : nullptr;
        for (std::size_t r = book.row_begin(account); r < book.row_end(account); ++r) {
            const std::uint32_t a = book.row_asset[r];
            const ProtocolAsset* asset = asset_of[a];
            if (profile && !asset)
                fail(r, "expected an asset of protocol " + profile->name + ", found '" + book.asset_names[a] + "'");
            if (profile && emode != 0 && !category)
                fail(r, "expected an e-mode category of protocol " + profile->name + " (or 0), found " +
                            std::to_string(emode));
            const bool member =
                category && std::find(category->members.begin(), category->members.end(),
                                      std::uint32_t(asset - profile->assets.data())) != category->members.end();
            double lt = book.liquidation_threshold[r];
            double bonus = book.liquidation_bonus[r];
            double fee = book.liquidation_protocol_fee[r];
            if (asset) {
                if (std::isnan(lt))
                    lt = member              ? category->liquidation_threshold
                         : asset->collateral ? asset->liquidation_threshold
                                             : 0.0;
                if (std::isnan(bonus))
                    bonus = member ? category->liquidation_bonus : asset->liquidation_bonus;
                if (std::isnan(fee))
                    fee = asset->liquidation_protocol_fee;
            }
            // Terms only matter where there is collateral that may back debt and be seized.
            if (book.collateral[r] > 0.0) {
                const char* source = profile ? "the profile gives none for it" : "no protocol profile is given";
                if (std::isnan(lt))
                    fail(r, "expected a liquidation_threshold for " + book.asset_names[a] + " on this row (" + source +
                                "), found none");
                if (lt > 0.0 && std::isnan(bonus))
                    fail(r, "expected a liquidation_bonus for " + book.asset_names[a] + " on this row (" + source +
                                "), found none");
                if (lt > 0.0 && std::isnan(fee))
                    fail(r, "expected a liquidation_protocol_fee for " + book.asset_names[a] + " on this row (" +
                                source + "), found none");
            }
            t.liquidation_threshold[r] = std::isnan(lt) ? 0.0 : lt;
            t.liquidation_bonus[r] = bonus;
            t.protocol_fee[r] = fee;
        }
    }
    return t;
}

} // namespace levex
