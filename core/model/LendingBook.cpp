// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/LendingBook.h"

#include <algorithm>
#include <cmath>

namespace levex {

std::size_t LendingBook::find_asset(std::string_view name) const {
    const auto it = std::find(asset_names.begin(), asset_names.end(), name);
    return it == asset_names.end() ? npos : std::size_t(it - asset_names.begin());
}

std::size_t LendingBook::find_account(std::string_view name) const {
    const auto it = std::find(account_names.begin(), account_names.end(), name);
    return it == account_names.end() ? npos : std::size_t(it - account_names.begin());
}

std::uint32_t LendingBook::add_account(std::string name, std::uint32_t emode, double protocol_health_factor) {
    if (account_row_begin.empty())
        account_row_begin.push_back(0);
    account_names.push_back(std::move(name));
    account_emode.push_back(emode);
    account_protocol_health_factor.push_back(protocol_health_factor);
    account_row_begin.push_back(static_cast<std::uint32_t>(rows()));
    return static_cast<std::uint32_t>(accounts() - 1);
}

std::uint32_t LendingBook::add_asset(std::string name, double price) {
    asset_names.push_back(std::move(name));
    asset_price.push_back(price);
    return static_cast<std::uint32_t>(assets() - 1);
}

void LendingBook::add_row(std::uint32_t account, std::uint32_t asset, double collateral_units, double debt_units) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    row_account.push_back(account);
    row_asset.push_back(asset);
    collateral.push_back(collateral_units);
    debt.push_back(debt_units);
    liquidation_threshold.push_back(nan);
    liquidation_bonus.push_back(nan);
    liquidation_protocol_fee.push_back(nan);
    line.push_back(0);
    account_row_begin.back() = static_cast<std::uint32_t>(rows());
}

void LendingBook::reserve(std::size_t account_count, std::size_t row_count) {
    account_names.reserve(account_count);
    account_emode.reserve(account_count);
    account_protocol_health_factor.reserve(account_count);
    account_row_begin.reserve(account_count + 1);
    for (auto* column : {&row_account, &row_asset, &line})
        column->reserve(row_count);
    for (auto* column : {&collateral, &debt, &liquidation_threshold, &liquidation_bonus, &liquidation_protocol_fee})
        column->reserve(row_count);
}

LendingState LendingState::of(const LendingBook& book) {
    return {book.collateral, book.debt, book.asset_price};
}

} // namespace levex
