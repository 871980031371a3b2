// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled Aave stETH samples (resources/samples/aave-*-steth-2023-06.csv, converted by
// tools/convert_aave_steth.py) read with the bundled profiles reproduce the protocol's own health factors.
#include "core/io/LendingBookReader.h"
#include "core/model/HealthFactor.h"
#include "core/model/LendingTerms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace levex;

namespace {

struct Sample {
    ProtocolProfile profile;
    LendingBook book;
};

Sample load(const std::string& protocol, const std::string& file) {
    Sample s{load_protocol_profile(protocol, std::string(LEVEX_RESOURCE_DIR) + "/protocols"), {}};
    LendingCsvOptions options;
    options.profile = &s.profile;
    LendingCsvResult r = read_lending_csv(std::string(LEVEX_RESOURCE_DIR) + "/samples/" + file, options);
    const Issue* error = r.first_error();
    EXPECT_TRUE(r.ok) << (error ? format_issue(*error) : "");
    s.book = std::move(r.book);
    return s;
}

// The largest relative difference between the computed and the protocol's health factor.
double worst_difference(const Sample& s) {
    const LendingTerms terms = resolve_lending_terms(s.book, &s.profile);
    const LendingState state = LendingState::of(s.book);
    double worst = 0.0;
    for (std::size_t a = 0; a < s.book.accounts(); ++a) {
        const double computed = account_health(s.book, terms, state, a).health_factor();
        const double protocol = s.book.account_protocol_health_factor[a];
        EXPECT_TRUE(std::isfinite(protocol) && protocol > 0.0) << s.book.account_names[a];
        const double difference = std::abs(computed / protocol - 1.0);
        EXPECT_LT(difference, 0.005) << s.book.account_names[a] << ": computed " << computed << ", protocol "
                                     << protocol;
        worst = std::max(worst, difference);
    }
    return worst;
}

double total_collateral(const LendingBook& book, const std::string& asset) {
    const std::size_t k = book.find_asset(asset);
    double total = 0.0;
    for (std::size_t r = 0; r < book.rows(); ++r)
        total += book.row_asset[r] == k ? book.collateral[r] : 0.0;
    return total;
}

} // namespace

TEST(LendingSamples, AaveV2ReproducesEveryHealthFactor) {
    const Sample s = load("aave-v2-ethereum", "aave-v2-steth-2023-06.csv");
    EXPECT_EQ(s.book.accounts(), 1309u);
    // What is left is the protocol's own rounding of its average threshold to whole basis points.
    EXPECT_LT(worst_difference(s), 2e-4);
    EXPECT_NEAR(total_collateral(s.book, "STETH"), 880539.506, 1e-3); // every aSTETH balance of the source
}

TEST(LendingSamples, AaveV3ReproducesEveryHealthFactor) {
    const Sample s = load("aave-v3-ethereum", "aave-v3-steth-2023-06.csv");
    EXPECT_EQ(s.book.accounts(), 502u);
    EXPECT_LT(worst_difference(s), 2e-4);
    EXPECT_NEAR(total_collateral(s.book, "STETH") / 1.128802, 299907.878, 0.5); // the source's awstETH
    const auto in_emode = std::count(s.book.account_emode.begin(), s.book.account_emode.end(), 1u);
    EXPECT_EQ(in_emode, 130);
}
