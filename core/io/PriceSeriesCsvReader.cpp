// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/PriceSeriesCsvReader.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/base/TextFile.h"
#include "core/io/CsvTokenizer.h"
#include "core/io/FieldText.h"

#include <algorithm>
#include <cctype>

namespace levex {

PriceSeries parse_price_series_csv(std::string_view bytes, const std::string& file) {
    CsvTokenizer tokenizer(bytes, detect_delimiter(bytes), file);
    const std::vector<std::string> header = read_csv_header(tokenizer, bytes, file, "a header line");
    int time_col = -1, price_col = -1;
    double time_unit = 1.0;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& name = header[i];
        if (time_col < 0 && (name == "open_time" || name == "time_ms")) {
            time_col = int(i);
            time_unit = 1e-3;
        } else if (time_col < 0 && (name == "time" || name == "timestamp" || name == "time_s")) {
            time_col = int(i);
        } else if (price_col < 0 && (name == "close" || name == "price")) {
            price_col = int(i);
        }
    }
    if (time_col < 0 || price_col < 0)
        throw DataError({Severity::Error, file, tokenizer.record_line(), 1, "",
                         "expected a time column (open_time, time_ms, time or timestamp) and a price column (close or "
                         "price) in the header, found: " +
                             summarize_header(header),
                         IssueCode::MissingColumn});
    PriceSeries series;
    series.source = file;
    std::vector<CsvField> fields;
    const std::size_t width = header.size();
    std::size_t last_line = 1;
    while (tokenizer.next(fields)) {
        const std::size_t line = tokenizer.record_line();
        last_line = line;
        require_record_width(fields, width, file, line);
        const CsvField& tf = fields[std::size_t(time_col)];
        const CsvField& pf = fields[std::size_t(price_col)];
        const auto t = parse_finite(tf.text);
        if (!t)
            throw DataError({Severity::Error, file, line, tf.column, "time",
                             "expected a time, found '" + std::string(tf.text) + "'", bad_number_code(tf.text)});
        const auto p = parse_finite(pf.text);
        if (!p || !(*p > 0))
            throw DataError({Severity::Error, file, line, pf.column, "price",
                             "expected a price > 0, found '" + std::string(pf.text) + "'",
                             p ? IssueCode::OutOfRange : bad_number_code(pf.text)});
        const double seconds = *t * time_unit;
        if (!series.time_s.empty() && !(seconds > series.time_s.back()))
            throw DataError({Severity::Error, file, line, tf.column, "time",
                             "expected times in increasing order, found " + format_plain(*t) + " after " +
                                 format_plain(series.time_s.back() / time_unit),
                             IssueCode::OutOfOrder});
        series.time_s.push_back(seconds);
        series.price.push_back(*p);
    }
    if (tokenizer.error())
        throw DataError(*tokenizer.error());
    if (series.price.size() < 2)
        throw DataError(
            {Severity::Error, file, last_line + 1, 1, "",
             "expected at least two prices, found " + std::to_string(series.price.size()) + " by the end of the file",
             IssueCode::EmptyInput});
    return series;
}

PriceSeries read_price_series_csv(const std::string& path) {
    return parse_price_series_csv(read_text_file(path), path);
}

} // namespace levex
