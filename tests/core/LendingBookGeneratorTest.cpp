// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/LendingBookGenerator.h"

#include "core/io/LendingBookReader.h"
#include "core/model/HealthFactor.h"
#include "core/model/LendingTerms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace levex;

namespace {

ProtocolProfile bundled(const std::string& name) {
    return load_protocol_profile(name, std::string(LEVEX_RESOURCE_DIR) + "/protocols");
}

std::vector<double> health_factors(const LendingBook& book, const ProtocolProfile& profile) {
    const LendingTerms terms = resolve_lending_terms(book, &profile);
    const LendingState state = LendingState::of(book);
    std::vector<double> out;
    for (std::size_t a = 0; a < book.accounts(); ++a)
        out.push_back(account_health(book, terms, state, a).health_factor());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<double> sample_health_factors(const std::string& protocol, const std::string& file) {
    const ProtocolProfile p = bundled(protocol);
    LendingCsvOptions options;
    options.profile = &p;
    const LendingCsvResult r = read_lending_csv(std::string(LEVEX_RESOURCE_DIR) + "/samples/" + file, options);
    EXPECT_TRUE(r.ok);
    std::vector<double> hf(r.book.account_protocol_health_factor);
    std::sort(hf.begin(), hf.end());
    return hf;
}

// Kolmogorov–Smirnov distance between two sorted samples.
double ks_distance(const std::vector<double>& x, const std::vector<double>& y) {
    double d = 0.0;
    std::size_t i = 0, j = 0;
    while (i < x.size() && j < y.size()) {
        const double v = std::min(x[i], y[j]);
        while (i < x.size() && x[i] <= v)
            ++i;
        while (j < y.size() && y[j] <= v)
            ++j;
        d = std::max(d, std::abs(double(i) / double(x.size()) - double(j) / double(y.size())));
    }
    return d;
}

} // namespace

TEST(LendingBookGenerator, DeterministicInTheSeed) {
    const ProtocolProfile p = bundled("aave-v3-ethereum");
    LendingGeneratorSettings s;
    s.accounts = 500;
    const LendingBook a = generate_lending_book(s, p), b = generate_lending_book(s, p);
    EXPECT_EQ(a.collateral, b.collateral);
    EXPECT_EQ(a.debt, b.debt);
    EXPECT_EQ(a.account_emode, b.account_emode);
    s.seed = 2;
    EXPECT_NE(generate_lending_book(s, p).collateral, a.collateral);
    // Account i is the same whatever the book's size.
    s.seed = 1;
    s.accounts = 50;
    const LendingBook small = generate_lending_book(s, p);
    EXPECT_EQ(small.debt[small.rows() - 1], a.debt[small.rows() - 1]);
    EXPECT_EQ(a.asset_names, (std::vector<std::string>{"STETH", "ETH", "USD"}));
}

// The generated health factors follow the samples' distribution (KS distance against both samples
// together), under either profile, and every account has collateral, debt and the e-mode it was drawn with.
TEST(LendingBookGenerator, HealthFactorsSpreadAsInTheSamples) {
    std::vector<double> samples = sample_health_factors("aave-v2-ethereum", "aave-v2-steth-2023-06.csv");
    const std::vector<double> v3 = sample_health_factors("aave-v3-ethereum", "aave-v3-steth-2023-06.csv");
    samples.insert(samples.end(), v3.begin(), v3.end());
    std::sort(samples.begin(), samples.end());
    for (const char* protocol : {"aave-v2-ethereum", "aave-v3-ethereum"}) {
        SCOPED_TRACE(protocol);
        const ProtocolProfile p = bundled(protocol);
        LendingGeneratorSettings s;
        s.accounts = 20000;
        const LendingBook book = generate_lending_book(s, p);
        const std::vector<double> generated = health_factors(book, p);
        EXPECT_LT(ks_distance(generated, samples), 0.04);
        EXPECT_NEAR(generated[generated.size() / 2], samples[samples.size() / 2], 0.1);
        for (std::size_t a = 0; a < book.accounts(); ++a) {
            double collateral = 0.0, debt = 0.0;
            for (std::size_t r = book.row_begin(a); r < book.row_end(a); ++r) {
                collateral += book.collateral[r];
                debt += book.debt[r];
            }
            ASSERT_GT(collateral, 0.0);
            ASSERT_GT(debt, 0.0);
        }
        const auto emode = std::count(book.account_emode.begin(), book.account_emode.end(), 1u);
        if (p.emode_categories.empty())
            EXPECT_EQ(emode, 0);
        else
            EXPECT_NEAR(double(emode) / 20000.0, 0.2297 * 0.862 + 0.7079 * 0.003 + 0.0624 * 0.435, 0.01);
    }
}

TEST(LendingBookGenerator, QuantileTableAndBadSettings) {
    EXPECT_DOUBLE_EQ(sample_health_factor_quantile(0, 0.5), 1.268);
    EXPECT_DOUBLE_EQ(sample_health_factor_quantile(1, 0.0), 0.8363);
    EXPECT_DOUBLE_EQ(sample_health_factor_quantile(2, 0.999), 4.976);
    EXPECT_NEAR(sample_health_factor_quantile(1, 0.55), std::sqrt(2.225 * 2.634), 1e-12); // log-linear
    const ProtocolProfile p = bundled("aave-v2-ethereum");
    LendingGeneratorSettings s;
    s.steth_price = 0.0;
    EXPECT_THROW(generate_lending_book(s, p), std::invalid_argument);
}
