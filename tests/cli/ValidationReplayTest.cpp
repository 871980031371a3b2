// SPDX-License-Identifier: GPL-3.0-or-later
// docs/validation.md §2: the commands in that file reproduce its table exactly. Each row of the
// table is run again (generate the book of its mix, replay 10 Oct 2025 with its withdrawal
// setting) and the figures are printed as the table prints them.
#include "core/base/TextFile.h"
#include "tests/cli/CliSupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::string kSeries =
    std::string(LEVEX_RESOURCE_DIR) + "/prices/binance_um_BTCUSDT_1m_2025-10-10_2045-2254UTC.csv";

std::vector<std::string> cells_of(const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream in(line);
    std::string cell;
    std::getline(in, cell, '|'); // before the first bar
    while (std::getline(in, cell, '|')) {
        const auto first = cell.find_first_not_of(' ');
        const auto last = cell.find_last_not_of(' ');
        cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
    }
    if (!cells.empty() && cells.back().empty())
        cells.pop_back();
    return cells;
}

// The table's rows: mix, withdrawal, then the four figures as printed.
std::vector<std::vector<std::string>> table_rows() {
    static const std::set<std::string> mixes = {"retail", "hyperliquid-2025", "bitmex-2019"};
    std::vector<std::vector<std::string>> rows;
    std::stringstream in(levex::read_text_file(std::string(LEVEX_DOCS_DIR) + "/validation.md"));
    for (std::string line; std::getline(in, line);)
        if (line.rfind("| ", 0) == 0)
            if (auto cells = cells_of(line); cells.size() == 6 && mixes.count(cells[0]))
                rows.push_back(cells);
    return rows;
}

std::string fixed(double v, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

// A whole number with thousands separators, as the table prints prices: 100,039.
std::string grouped(double v) {
    const std::string digits = std::to_string(std::llround(v));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::vector<std::string> csv_cells(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');)
        out.push_back(cell);
    return out;
}

// The open interest at the first and the last step of a run's series CSV.
std::pair<double, double> open_interest_ends(const std::string& csv) {
    std::stringstream in(csv);
    std::string header, first, last;
    std::getline(in, header);
    std::getline(in, first);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            last = line;
    const auto names = csv_cells(header), a = csv_cells(first), b = csv_cells(last);
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == "open_interest")
            return {std::stod(a[i]), std::stod(b[i])};
    ADD_FAILURE() << "no open_interest column";
    return {NAN, NAN};
}

} // namespace

TEST(ValidationReplay, TheCommandsReproduceTheTable) {
    const auto rows = table_rows();
    ASSERT_EQ(rows.size(), 6u) << "docs/validation.md §2 has one row per mix and withdrawal setting";
    const auto dir = temp_dir();
    std::map<std::string, std::string> books;
    for (const auto& row : rows) {
        const std::string& mix = row[0];
        if (!books.count(mix)) {
            books[mix] = (dir / ("book-" + mix + ".csv")).string();
            const CliRun gen = cli("generate --positions 200000 --seed 1010 --mark 116970.1 --mix " + mix +
                                   " --oi 32e9 --out '" + books[mix] + "'");
            ASSERT_EQ(gen.status, 0) << gen.err;
        }
        const std::string series = (dir / "series.csv").string();
        const CliRun run = cli("simulate '" + books[mix] + "' --price-series '" + kSeries +
                               "' --step-seconds 10 --steps 780 --depth-exponent 1.14 --depth-quote-within-1pct 244e6"
                               " --withdrawal " +
                               row[1] + " --series '" + series + "'");
        ASSERT_EQ(run.status, 0) << run.err;
        const auto summary = nlohmann::json::parse(run.out);
        const double longs = summary["liquidated_notional_long"], shorts = summary["liquidated_notional_short"];
        const auto [oi_start, oi_end] = open_interest_ends(levex::read_text_file(series));
        EXPECT_EQ(fixed((longs + shorts) / 1e9, 2), row[2]) << mix << " " << row[1];
        EXPECT_EQ(fixed(100.0 * longs / (longs + shorts), 1) + " %", row[3]) << mix << " " << row[1];
        EXPECT_EQ(fixed(100.0 * (1.0 - oi_end / oi_start), 1) + " %", row[4]) << mix << " " << row[1];
        EXPECT_EQ(grouped(summary["min_price"].get<double>()), row[5]) << mix << " " << row[1];
    }
}
