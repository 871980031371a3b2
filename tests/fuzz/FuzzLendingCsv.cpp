// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the lending book CSV reader, in strict and skip-bad-rows mode, with and without a
// protocol profile, then the health-factor maths, a liquidation of every account and the inspect table
// over any book it accepts. Bad input must come back as issues or a DataError: never a crash, a hang,
// or a non-finite balance, price or health factor in an accepted book.
#include "core/base/Issue.h"
#include "core/base/TextFile.h"
#include "core/io/LendingBookReader.h"
#include "core/io/LendingInspectReport.h"
#include "core/model/HealthFactor.h"
#include "core/model/LendingLiquidation.h"
#include "core/model/LendingTerms.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const levex::ProtocolProfile& v3_profile() {
    static const levex::ProtocolProfile profile = levex::parse_protocol_profile(
        levex::read_text_file(LEVEX_RESOURCE_DIR "/protocols/aave-v3-ethereum.json"), "aave-v3-ethereum.json");
    return profile;
}

void check_book(const levex::LendingBook& book) {
    if (book.account_row_begin.size() != book.accounts() + 1 || book.account_row_begin.back() != book.rows())
        std::abort();
    for (std::size_t r = 0; r < book.rows(); ++r)
        if (!(book.collateral[r] >= 0) || !std::isfinite(book.collateral[r]) || !(book.debt[r] >= 0) ||
            !std::isfinite(book.debt[r]) || book.row_asset[r] >= book.assets() ||
            book.row_account[r] >= book.accounts())
            std::abort();
    for (double price : book.asset_price)
        if (!(price > 0) || !std::isfinite(price))
            std::abort();
}

void exercise(const levex::LendingBook& book, const levex::ProtocolProfile& profile) {
    try {
        const levex::LendingTerms terms = levex::resolve_lending_terms(book, &profile);
        levex::LendingState state = levex::LendingState::of(book);
        for (std::size_t a = 0; a < book.accounts(); ++a) {
            if (std::isnan(levex::account_health(book, terms, state, a).health_factor()))
                std::abort();
            for (std::size_t asset = 0; asset < book.assets(); ++asset)
                levex::liquidation_price(book, terms, state, a, asset);
            const levex::LiquidationStep s = levex::liquidate_account(book, terms, profile, state, a);
            if (s.outcome == levex::LiquidationOutcome::Liquidated &&
                (!std::isfinite(s.debt_repaid) || !(s.collateral_seized >= s.protocol_fee) ||
                 std::isnan(s.bad_debt_base)))
                std::abort();
        }
        levex::write_lending_inspect_csv(book, profile);
    } catch (const levex::DataError&) {
        // e.g. an OTHER row without its threshold: a reported error, not a crash
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (const levex::BadRowPolicy policy : {levex::BadRowPolicy::Strict, levex::BadRowPolicy::SkipBadRows}) {
        for (const levex::ProtocolProfile* profile :
             {static_cast<const levex::ProtocolProfile*>(nullptr), &v3_profile()}) {
            levex::LendingCsvOptions options;
            options.policy = policy;
            options.profile = profile;
            const levex::LendingCsvResult result = levex::parse_lending_csv(bytes, "fuzz.csv", options);
            if (!result.ok)
                continue;
            check_book(result.book);
            exercise(result.book, v3_profile());
        }
    }
    return 0;
}
