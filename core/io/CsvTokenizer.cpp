// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/CsvTokenizer.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cctype>
#include <cstring>

namespace levex {

std::vector<std::string> read_csv_header(CsvTokenizer& tokenizer, std::string_view bytes, const std::string& file,
                                         const char* expected) {
    if (auto bad = check_text_encoding(bytes, file))
        throw DataError(*bad);
    std::vector<CsvField> fields;
    if (!tokenizer.next(fields))
        throw DataError(tokenizer.error() ? *tokenizer.error()
                                          : Issue{Severity::Error, file, 1, 1, "", std::string("expected ") + expected,
                                                  IssueCode::EmptyInput});
    std::vector<std::string> names;
    for (const CsvField& f : fields) {
        std::string name(f.text);
        for (char& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        names.push_back(std::move(name));
    }
    return names;
}

void require_record_width(const std::vector<CsvField>& fields, std::size_t width, const std::string& file,
                          std::size_t line) {
    if (fields.size() != width)
        throw DataError(
            {Severity::Error, file, line, fields.empty() ? 1 : fields.back().column, "",
             "expected " + std::to_string(width) + " fields as in the header, found " + std::to_string(fields.size()),
             IssueCode::FieldCount});
}

std::string summarize_header(const std::vector<std::string>& names) {
    constexpr std::size_t kShown = 16, kNameChars = 40;
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < kShown; ++i) {
        out += i == 0 ? "" : ", ";
        out += names[i].size() > kNameChars ? names[i].substr(0, kNameChars) + "…" : names[i];
    }
    if (names.size() > kShown)
        out += ", … (" + std::to_string(names.size()) + " columns in all)";
    return out;
}

std::size_t utf8_bom_length(std::string_view bytes) {
    return bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

CsvTokenizer::CsvTokenizer(std::string_view bytes, char delimiter, std::string file)
    : CsvTokenizer(bytes, delimiter, std::move(file), utf8_bom_length(bytes), SIZE_MAX, 1) {}

CsvTokenizer::CsvTokenizer(std::string_view bytes, char delimiter, std::string file, std::size_t begin,
                           std::size_t limit, std::size_t first_line)
    : bytes_(bytes), delimiter_(delimiter), file_(std::move(file)), pos_(begin), limit_(limit), line_(first_line),
      line_start_(begin) {
    for (char c : {delimiter, '\n', '\r', '"'})
        stops_[static_cast<unsigned char>(c)] = true;
}

// Where the plain run of an unquoted field that starts at `i` ends: at the first delimiter, CR,
// LF or quote (or n). Sixteen bytes at a time where the input has them, so most fields take one
// step; byte by byte near the end of the input, which is never read past.
std::size_t CsvTokenizer::plain_run_end(const char* data, std::size_t i, std::size_t n) const {
#if defined(__SSE2__)
    const __m128i delimiter = _mm_set1_epi8(delimiter_), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                  quote = _mm_set1_epi8('"');
    for (; i + 16 <= n; i += 16) {
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
        const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, delimiter), _mm_cmpeq_epi8(c, lf)),
                                          _mm_or_si128(_mm_cmpeq_epi8(c, cr), _mm_cmpeq_epi8(c, quote)));
        if (const int mask = _mm_movemask_epi8(stop))
            return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    while (i < n && !stops_[static_cast<unsigned char>(data[i])])
        ++i;
    return i;
}

// The reader's hot loop, kept as one function on purpose (the one exception to the 140-line rule):
// every byte of a book passes through this state machine, and its states (plain run, quoted run,
// doubled quote, record end) share the position, line and scratch state in registers; split into
// calls they would spill them per field.
bool CsvTokenizer::next(std::vector<CsvField>& fields) {
    fields.clear();
    if (error_)
        return false;
    const std::size_t n = bytes_.size();
    const char* data = bytes_.data();

    // Skip blank lines.
    while (pos_ < n && (data[pos_] == '\n' || data[pos_] == '\r')) {
        if (data[pos_] == '\r' && pos_ + 1 < n && data[pos_ + 1] == '\n')
            ++pos_;
        ++pos_;
        ++line_;
        line_start_ = pos_;
    }
    if (pos_ >= n || pos_ >= limit_)
        return false;
    record_line_ = line_;
    record_offset_ = pos_;

    // Quoted fields with doubled quotes are unescaped into a scratch buffer, whose views are made
    // once the record is complete (the buffer may reallocate); every other field views the bytes.
    scratch_fields_.clear();
    parity_ ^= 1u;
    std::string& scratch = scratch_[parity_];
    scratch.clear();

    for (;;) {
        const std::size_t field_line = line_;
        const std::size_t field_column = pos_ - line_start_ + 1;
        if (pos_ < n && data[pos_] == '"') {
            const std::size_t open_line = line_, open_column = field_column;
            ++pos_;
            std::size_t begin = pos_;
            bool in_scratch = false;
            std::size_t scratch_begin = scratch.size();
            for (;;) {
                const char* q = static_cast<const char*>(std::memchr(data + pos_, '"', n - pos_));
                // Count newlines inside the quoted text for line tracking.
                const std::size_t stop = q ? std::size_t(q - data) : n;
                for (std::size_t i = pos_; i < stop; ++i)
                    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= n || data[i + 1] != '\n'))) {
                        ++line_;
                        line_start_ = i + 1;
                    }
                if (!q) {
                    error_ = Issue{Severity::Error,
                                   file_,
                                   open_line,
                                   open_column,
                                   "",
                                   "expected a closing quote for the field opened here, found the end of "
                                   "the file",
                                   IssueCode::CsvSyntax};
                    fields.clear();
                    return false;
                }
                const std::size_t qpos = std::size_t(q - data);
                if (qpos + 1 < n && data[qpos + 1] == '"') { // doubled quote
                    if (!in_scratch) {
                        in_scratch = true;
                        scratch_begin = scratch.size();
                    }
                    scratch.append(data + begin, qpos + 1 - begin);
                    pos_ = qpos + 2;
                    begin = pos_;
                    continue;
                }
                if (in_scratch) {
                    scratch.append(data + begin, qpos - begin);
                    scratch_fields_.push_back({fields.size(), scratch_begin, scratch.size()});
                    fields.push_back({std::string_view(), field_line, field_column});
                } else {
                    fields.push_back({std::string_view(data + begin, qpos - begin), field_line, field_column});
                }
                pos_ = qpos + 1;
                break;
            }
            if (pos_ < n && data[pos_] != delimiter_ && data[pos_] != '\n' && data[pos_] != '\r') {
                error_ = Issue{Severity::Error,
                               file_,
                               line_,
                               pos_ - line_start_ + 1,
                               "",
                               std::string("expected a delimiter or the end of the line after a closing quote, "
                                           "found '") +
                                   data[pos_] + "'",
                               IssueCode::CsvSyntax};
                fields.clear();
                return false;
            }
        } else {
            std::size_t end = plain_run_end(data, pos_, n);
            while (end < n && data[end] != delimiter_ && data[end] != '\n' && data[end] != '\r') {
                if (data[end] == '"') {
                    error_ = Issue{Severity::Error,
                                   file_,
                                   line_,
                                   end - line_start_ + 1,
                                   "",
                                   "expected a quote only at the start of a field, found '\"' inside an "
                                   "unquoted field (quote the whole field and double the quote)",
                                   IssueCode::CsvSyntax};
                    fields.clear();
                    return false;
                }
                ++end;
            }
            fields.push_back({std::string_view(data + pos_, end - pos_), field_line, field_column});
            pos_ = end;
        }
        if (pos_ < n && data[pos_] == delimiter_) {
            ++pos_;
            continue;
        }
        end_column_ = pos_ - line_start_ + 1;
        if (pos_ < n) { // end of line
            if (data[pos_] == '\r' && pos_ + 1 < n && data[pos_ + 1] == '\n')
                ++pos_;
            ++pos_;
            ++line_;
            line_start_ = pos_;
        }
        break;
    }
    for (const ScratchField& s : scratch_fields_)
        fields[s.index].text = std::string_view(scratch).substr(s.begin, s.end - s.begin);
    return true;
}

char detect_delimiter(std::string_view bytes) {
    std::size_t counts[3] = {0, 0, 0}; // , ; tab
    bool quoted = false;
    for (std::size_t i = utf8_bom_length(bytes); i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            ++counts[0];
        else if (!quoted && c == ';')
            ++counts[1];
        else if (!quoted && c == '\t')
            ++counts[2];
    }
    if (counts[1] > counts[0] && counts[1] >= counts[2])
        return ';';
    if (counts[2] > counts[0] && counts[2] > counts[1])
        return '\t';
    return ',';
}

std::optional<Issue> check_text_encoding(std::string_view bytes, const std::string& file) {
    auto issue = [&](std::string message, IssueCode code = IssueCode::BadEncoding) {
        return Issue{Severity::Error, file, 1, 1, "", std::move(message), code};
    };
    if (bytes.empty())
        return issue("expected a CSV header line, found an empty file", IssueCode::EmptyInput);
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
        return issue("expected UTF-8 text, found UTF-16 (a byte-order mark FF FE / FE FF): save the file as "
                     "UTF-8 CSV");
    const std::size_t probe = std::min<std::size_t>(bytes.size(), 4096);
    const std::size_t nul = bytes.substr(0, probe).find('\0');
    if (nul != std::string_view::npos) {
        // Every other byte NUL: UTF-16 without a byte-order mark.
        std::size_t zeros = 0;
        for (std::size_t i = 0; i < probe; ++i)
            zeros += bytes[i] == '\0';
        if (zeros * 3 >= probe)
            return issue("expected UTF-8 text, found UTF-16 or binary data (NUL bytes): save the file as "
                         "UTF-8 CSV");
        return issue("expected UTF-8 text, found binary data (a NUL byte at offset " + std::to_string(nul) + ")");
    }
    return std::nullopt;
}

} // namespace levex
