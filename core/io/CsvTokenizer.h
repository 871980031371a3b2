// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace levex {

/// One field of a CSV record, with where it starts in the file (1-based line and byte column).
struct CsvField {
    std::string_view text; ///< unquoted, with doubled quotes undone
    std::size_t line = 0;
    std::size_t column = 0;
};

/// RFC 4180 tokenizer over an in-memory file: quoted fields, doubled quotes, delimiters and newlines
/// inside quotes, CRLF/LF/CR line ends, a leading UTF-8 BOM. Blank lines are skipped. It allocates
/// only when a record contains doubled quotes.
class CsvTokenizer {
public:
    CsvTokenizer(std::string_view bytes, char delimiter, std::string file);

    /// A tokenizer for the records of `bytes` that start in [begin, limit): it starts at byte
    /// `begin` (a record's start, or a line's start before blank lines), counting that as line
    /// `first_line`, and stops without an error before the first record that starts at or after
    /// `limit`. Parts of one file read this way, each from where the one before stopped, give
    /// exactly the records of one pass.
    CsvTokenizer(std::string_view bytes, char delimiter, std::string file, std::size_t begin, std::size_t limit,
                 std::size_t first_line);

    /// Reads the next record into `fields`. Its views stay valid until the second call after this one,
    /// so a reader can look one record ahead. Returns false at the end of input, or on a syntax error
    /// (then `error()` is set).
    bool next(std::vector<CsvField>& fields);

    const std::optional<Issue>& error() const { return error_; }
    /// 1-based line where the last record started, and its byte offset.
    std::size_t record_line() const { return record_line_; }
    std::size_t record_offset() const { return record_offset_; }
    /// 1-based column just past the last record's last field (for "too few fields" messages).
    std::size_t record_end_column() const { return end_column_; }
    /// Fraction of the input consumed, for progress reports.
    double progress() const { return bytes_.empty() ? 1.0 : double(pos_) / double(bytes_.size()); }
    /// Where reading goes on: the byte offset and its line (after a record, or where it stopped).
    std::size_t offset() const { return pos_; }
    std::size_t line() const { return line_; }

private:
    std::size_t plain_run_end(const char* data, std::size_t i, std::size_t n) const;

    std::string_view bytes_;
    char delimiter_;
    std::string file_;
    std::size_t pos_ = 0;
    std::size_t limit_ = SIZE_MAX; // no record starting here or later is read
    std::size_t line_ = 1;
    std::size_t line_start_ = 0;
    std::size_t record_line_ = 0;
    std::size_t record_offset_ = 0;
    std::size_t end_column_ = 0;
    std::string scratch_[2]; // alternate records unescape into alternate buffers
    // The record's fields whose text is in the scratch buffer (which may move while the record
    // is read): their views are made once it is complete.
    struct ScratchField {
        std::size_t index, begin, end;
    };
    std::vector<ScratchField> scratch_fields_;
    unsigned parity_ = 0;
    std::optional<Issue> error_;
    bool stops_[256] = {}; // bytes that end an unquoted field's plain run: the delimiter, CR, LF, '"'
};

/// Picks the delimiter from the header line: the most frequent of ',' ';' '\t' outside quotes
/// (ties go to ',').
char detect_delimiter(std::string_view bytes);

/// Checks the encoding of a text file before it is tokenized; returns an error issue for UTF-16/32,
/// binary data (NUL bytes) or an empty file.
std::optional<Issue> check_text_encoding(std::string_view bytes, const std::string& file);

/// Checks the encoding, then reads the header line of a small reader's CSV (order books, price
/// series): the header names lower-cased. Throws DataError saying `expected` when there is none.
std::vector<std::string> read_csv_header(CsvTokenizer& tokenizer, std::string_view bytes, const std::string& file,
                                         const char* expected);

/// Throws DataError when a small reader's record (at `line`) has not `width` fields, as its header.
void require_record_width(const std::vector<CsvField>& fields, std::size_t width, const std::string& file,
                          std::size_t line);

/// The header names for an error message: the first few (each cut short), then how many there are
/// in all, so a million-column header gives a readable line, not megabytes.
std::string summarize_header(const std::vector<std::string>& names);

/// Length of a leading UTF-8 byte-order mark (0 or 3).
std::size_t utf8_bom_length(std::string_view bytes);

} // namespace levex
