// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/LendingBook.h"

#include <string>

namespace levex {

/// Writes a lending book as a lending CSV (docs/lending.md §1) that the lending reader reads back to
/// the same accounts, rows and prices; the optional columns only when some row or account has a value.
std::string write_lending_csv(const LendingBook& book);

} // namespace levex
