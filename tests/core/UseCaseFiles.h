// SPDX-License-Identifier: GPL-3.0-or-later
// Files for the use-case tests: a fresh folder per test, books and scenarios written into it.
#pragma once

#include "core/base/TextFile.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

namespace levex::test {

/// A folder of its own for the running test (removed first, so each run starts empty).
inline std::filesystem::path test_folder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const auto dir = std::filesystem::temp_directory_path() / ("levex-usecase-" + std::to_string(::getpid())) /
                     (std::string(info->test_suite_name()) + "." + info->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

/// A small linear book of one symbol with its mark (the liquidation of the first long is at 95).
inline constexpr const char* kSmallBook = "id,side,size,entry_price,leverage,mark_price\n"
                                          "1,long,1,100,10,100\n"
                                          "2,long,2,99,20,100\n"
                                          "3,short,1,101,10,100\n";

/// A book of `rows` positions: long enough for the reader to ask its progress callback (it does
/// every 65,536 rows), so a cancel can be tested.
inline std::string long_book(std::size_t rows) {
    std::string csv = "id,side,size,entry_price,leverage,mark_price\n";
    for (std::size_t i = 0; i < rows; ++i)
        csv += std::to_string(i) + ",long,1,100,10,100\n";
    return csv;
}

inline std::string write_file(const std::filesystem::path& path, const std::string& text) {
    write_text_file(path.string(), text);
    return path.string();
}

} // namespace levex::test
