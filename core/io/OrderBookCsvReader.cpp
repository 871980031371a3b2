// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/OrderBookCsvReader.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/base/TextFile.h"
#include "core/io/CsvTokenizer.h"
#include "core/io/FieldText.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace levex {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

OrderBook parse_order_book_csv(std::string_view bytes, const std::string& file) {
    CsvTokenizer tokenizer(bytes, detect_delimiter(bytes), file);
    const std::vector<std::string> header = read_csv_header(tokenizer, bytes, file, "a header side,price,size");
    int col[3] = {-1, -1, -1};
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& name = header[i];
        const char* wanted[3] = {"side", "price", "size"};
        for (int k = 0; k < 3; ++k)
            if (name == wanted[k] || (k == 2 && (name == "qty" || name == "quantity")))
                col[k] = int(i);
    }
    if (col[0] < 0 || col[1] < 0 || col[2] < 0)
        throw DataError({Severity::Error, file, 1, 1, "",
                         "expected the columns side, price and size in the header, found: " + summarize_header(header),
                         IssueCode::MissingColumn});
    // price -> (size, line of its first row), so that a crossed book can name its rows
    std::map<double, std::pair<double, std::size_t>, std::greater<double>> bids;
    std::map<double, std::pair<double, std::size_t>> asks;
    std::size_t last_line = 1;
    std::vector<CsvField> fields;
    const std::size_t width = header.size();
    while (tokenizer.next(fields)) {
        const std::size_t line = tokenizer.record_line();
        last_line = line;
        require_record_width(fields, width, file, line);
        const CsvField& sf = fields[std::size_t(col[0])];
        const CsvField& pf = fields[std::size_t(col[1])];
        const CsvField& qf = fields[std::size_t(col[2])];
        const std::string side = lower(sf.text);
        const bool bid = side == "bid" || side == "buy" || side == "b";
        if (!bid && side != "ask" && side != "sell" && side != "a")
            throw DataError({Severity::Error, file, line, sf.column, "side",
                             "expected side bid or ask, found '" + std::string(sf.text) + "'", IssueCode::BadSide});
        const auto price = parse_finite(pf.text);
        if (!price || !(*price > 0))
            throw DataError({Severity::Error, file, line, pf.column, "price",
                             "expected a price > 0, found '" + std::string(pf.text) + "'",
                             price ? IssueCode::OutOfRange : bad_number_code(pf.text)});
        const auto size = parse_finite(qf.text);
        if (!size || !(*size >= 0))
            throw DataError({Severity::Error, file, line, qf.column, "size",
                             "expected a size >= 0, found '" + std::string(qf.text) + "'",
                             size ? IssueCode::OutOfRange : bad_number_code(qf.text)});
        if (*size > 0) {
            auto& level = bid ? bids[*price] : asks[*price];
            if (level.first == 0)
                level.second = line;
            level.first += *size;
        }
    }
    if (tokenizer.error())
        throw DataError(*tokenizer.error());
    if (bids.empty() || asks.empty())
        throw DataError({Severity::Error, file, last_line + 1, 1, "",
                         std::string("expected levels with a size > 0 on both sides, found no ") +
                             (bids.empty() ? "bids" : "asks") + " by the end of the file",
                         IssueCode::EmptyInput});
    const auto& [bid_price, bid_level] = *bids.begin();
    const auto& [ask_price, ask_level] = *asks.begin();
    if (bid_price >= ask_price)
        throw DataError({Severity::Error, file, std::max(bid_level.second, ask_level.second), 1, "",
                         "expected the best bid below the best ask, found bid " + format_plain(bid_price) + " (line " +
                             std::to_string(bid_level.second) + ") >= ask " + format_plain(ask_price) + " (line " +
                             std::to_string(ask_level.second) + "): a crossed book",
                         IssueCode::CrossedBook});
    OrderBook book;
    book.source = file;
    for (const auto& [p, q] : bids) {
        book.bid_price.push_back(p);
        book.bid_size.push_back(q.first);
    }
    for (const auto& [p, q] : asks) {
        book.ask_price.push_back(p);
        book.ask_size.push_back(q.first);
    }
    return book;
}

OrderBook read_order_book_csv(const std::string& path) {
    return parse_order_book_csv(read_text_file(path), path);
}

} // namespace levex
