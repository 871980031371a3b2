// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/CsvTokenizer.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace levex {
namespace {

// A field's text, line and column, for comparing whole records at once.
struct Cell {
    std::string text;
    std::size_t line, column;
    bool operator==(const Cell&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Cell& c) {
    return out << "{\"" << c.text << "\" " << c.line << ":" << c.column << "}";
}

std::vector<std::vector<Cell>> records(std::string_view bytes, char delimiter = ',') {
    CsvTokenizer tokenizer(bytes, delimiter, "t.csv");
    std::vector<std::vector<Cell>> out;
    std::vector<CsvField> fields;
    while (tokenizer.next(fields)) {
        std::vector<Cell> record;
        for (const CsvField& f : fields)
            record.push_back({std::string(f.text), f.line, f.column});
        out.push_back(std::move(record));
    }
    EXPECT_FALSE(tokenizer.error().has_value()) << tokenizer.error()->message;
    return out;
}

// Tokenizes until the syntax error and returns it.
Issue error_of(std::string_view bytes, std::size_t* records_before = nullptr) {
    CsvTokenizer tokenizer(bytes, ',', "t.csv");
    std::vector<CsvField> fields;
    std::size_t n = 0;
    while (tokenizer.next(fields))
        ++n;
    if (records_before)
        *records_before = n;
    EXPECT_TRUE(tokenizer.error().has_value());
    EXPECT_FALSE(tokenizer.next(fields)); // stays stopped
    return tokenizer.error().value_or(Issue{});
}

TEST(CsvTokenizer, PlainFieldsWithLinesAndColumns) {
    const auto r = records("id,size\np1,12\n");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0], (std::vector<Cell>{{"id", 1, 1}, {"size", 1, 4}}));
    EXPECT_EQ(r[1], (std::vector<Cell>{{"p1", 2, 1}, {"12", 2, 4}}));
}

TEST(CsvTokenizer, QuotedDelimiter) {
    const auto r = records("a,\"b,c\",d\n");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0], (std::vector<Cell>{{"a", 1, 1}, {"b,c", 1, 3}, {"d", 1, 9}}));
}

TEST(CsvTokenizer, DoubledQuotes) {
    // Several doubled quotes in one record: each field keeps its own text.
    const auto r = records("\"say \"\"hi\"\"\",x,\"\"\"\",\"\"\n");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0], (std::vector<Cell>{{"say \"hi\"", 1, 1}, {"x", 1, 14}, {"\"", 1, 16}, {"", 1, 21}}));
}

TEST(CsvTokenizer, ManyDoubledQuotesInOneRecord) {
    std::string line;
    std::vector<std::string> expected;
    for (int k = 0; k < 64; ++k) {
        const std::string n = std::to_string(k);
        line.append(k ? ",\"v" : "\"v").append(n).append("\"\"q\"");
        expected.push_back(std::string("v").append(n).append("\"q"));
    }
    const auto r = records(line + "\n");
    ASSERT_EQ(r.size(), 1u);
    ASSERT_EQ(r[0].size(), 64u);
    for (std::size_t k = 0; k < 64; ++k)
        EXPECT_EQ(r[0][k].text, expected[k]);
}

TEST(CsvTokenizer, NewlineInQuotesKeepsLineNumbers) {
    const auto r = records("a,\"x\ny\r\nz\",b\nc,d\n");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0], (std::vector<Cell>{{"a", 1, 1}, {"x\ny\r\nz", 1, 3}, {"b", 3, 4}}));
    EXPECT_EQ(r[1], (std::vector<Cell>{{"c", 4, 1}, {"d", 4, 3}}));
}

TEST(CsvTokenizer, RecordLineIsWhereTheRecordStarts) {
    CsvTokenizer tokenizer("a\n\"b\nc\"\nd\n", ',', "t.csv");
    std::vector<CsvField> fields;
    std::vector<std::size_t> lines;
    while (tokenizer.next(fields))
        lines.push_back(tokenizer.record_line());
    EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2, 4}));
}

TEST(CsvTokenizer, CrlfAndCrLineEnds) {
    const auto crlf = records("a,b\r\nc,d\r\n");
    ASSERT_EQ(crlf.size(), 2u);
    EXPECT_EQ(crlf[0], (std::vector<Cell>{{"a", 1, 1}, {"b", 1, 3}}));
    EXPECT_EQ(crlf[1], (std::vector<Cell>{{"c", 2, 1}, {"d", 2, 3}}));
    const auto cr = records("a,b\rc,\"d\re\"\rf,g");
    ASSERT_EQ(cr.size(), 3u);
    EXPECT_EQ(cr[1], (std::vector<Cell>{{"c", 2, 1}, {"d\re", 2, 3}}));
    EXPECT_EQ(cr[2], (std::vector<Cell>{{"f", 4, 1}, {"g", 4, 3}}));
}

TEST(CsvTokenizer, Utf8ByteOrderMarkIsSkipped) {
    const auto r = records("\xEF\xBB\xBFid,x\n1,2\n");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0], (std::vector<Cell>{{"id", 1, 1}, {"x", 1, 4}}));
    EXPECT_EQ(utf8_bom_length("\xEF\xBB\xBFid"), 3u);
    EXPECT_EQ(utf8_bom_length("id"), 0u);
    EXPECT_EQ(utf8_bom_length("\xEF\xBB"), 0u);
}

TEST(CsvTokenizer, BlankLinesAreSkippedEmptyFieldsKept) {
    const auto r = records("\n\na,,b,\n\r\n\n,\nlast");
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0], (std::vector<Cell>{{"a", 3, 1}, {"", 3, 3}, {"b", 3, 4}, {"", 3, 6}}));
    EXPECT_EQ(r[1], (std::vector<Cell>{{"", 6, 1}, {"", 6, 2}}));
    EXPECT_EQ(r[2], (std::vector<Cell>{{"last", 7, 1}})); // no final newline
}

TEST(CsvTokenizer, OtherDelimiters) {
    EXPECT_EQ(records("a;b,c\n", ';')[0], (std::vector<Cell>{{"a", 1, 1}, {"b,c", 1, 3}}));
    EXPECT_EQ(records("a\tb c\n", '\t')[0], (std::vector<Cell>{{"a", 1, 1}, {"b c", 1, 3}}));
}

TEST(CsvTokenizer, SpacesAreKept) {
    // Trimming is the reader's business; the tokenizer returns the bytes.
    EXPECT_EQ(records(" a , b \n")[0], (std::vector<Cell>{{" a ", 1, 1}, {" b ", 1, 5}}));
}

TEST(CsvTokenizer, RecordEndColumn) {
    CsvTokenizer tokenizer("ab,cd\n\"x\",\"y\"\r\n", ',', "t.csv");
    std::vector<CsvField> fields;
    ASSERT_TRUE(tokenizer.next(fields));
    EXPECT_EQ(tokenizer.record_end_column(), 6u);
    ASSERT_TRUE(tokenizer.next(fields));
    EXPECT_EQ(tokenizer.record_end_column(), 8u);
    EXPECT_FALSE(tokenizer.next(fields));
    EXPECT_FALSE(tokenizer.error().has_value());
    EXPECT_EQ(tokenizer.progress(), 1.0);
}

TEST(CsvTokenizer, Progress) {
    CsvTokenizer tokenizer("a,b\nc,d\n", ',', "t.csv");
    std::vector<CsvField> fields;
    EXPECT_EQ(tokenizer.progress(), 0.0);
    ASSERT_TRUE(tokenizer.next(fields));
    EXPECT_EQ(tokenizer.progress(), 0.5);
    EXPECT_EQ(CsvTokenizer("", ',', "t.csv").progress(), 1.0);
}

TEST(CsvTokenizer, UnterminatedQuoteIsReportedWhereItOpens) {
    std::size_t before = 0;
    const Issue e = error_of("a,b\nc,\"open\nmore\n", &before);
    EXPECT_EQ(before, 1u);
    EXPECT_EQ(e.severity, Severity::Error);
    EXPECT_EQ(e.code, IssueCode::CsvSyntax);
    EXPECT_EQ(e.file, "t.csv");
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.column, 3u);
    EXPECT_NE(e.message.find("expected a closing quote"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("end of the file"), std::string::npos) << e.message;
}

TEST(CsvTokenizer, TextAfterClosingQuote) {
    const Issue e = error_of("a,\"b\"c,d\n");
    EXPECT_EQ(e.code, IssueCode::CsvSyntax);
    EXPECT_EQ(e.line, 1u);
    EXPECT_EQ(e.column, 6u);
    EXPECT_NE(e.message.find("expected a delimiter or the end of the line after a closing quote, found 'c'"),
              std::string::npos)
        << e.message;
}

TEST(CsvTokenizer, QuoteInsideUnquotedField) {
    const Issue e = error_of("x\nab,c\"d\n");
    EXPECT_EQ(e.code, IssueCode::CsvSyntax);
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.column, 5u);
    EXPECT_NE(e.message.find("expected a quote only at the start of a field"), std::string::npos) << e.message;
}

TEST(CsvTokenizer, DetectDelimiter) {
    EXPECT_EQ(detect_delimiter("a,b,c\n"), ',');
    EXPECT_EQ(detect_delimiter("a;b;c\n"), ';');
    EXPECT_EQ(detect_delimiter("a\tb\tc\n"), '\t');
    EXPECT_EQ(detect_delimiter("a;b,c\n"), ',');                // tie
    EXPECT_EQ(detect_delimiter("a\tb,c\n"), ',');               // tie
    EXPECT_EQ(detect_delimiter("abc\n"), ',');                  // none
    EXPECT_EQ(detect_delimiter(""), ',');                       // empty
    EXPECT_EQ(detect_delimiter("\"a;b;c\",d\n"), ',');          // quoted ones do not count
    EXPECT_EQ(detect_delimiter("a;b;c\nd,e,f,g,h\n"), ';');     // header line only
    EXPECT_EQ(detect_delimiter("a;b;c\r\nd,e,f,g,h\r\n"), ';'); // CRLF
    EXPECT_EQ(detect_delimiter("\xEF\xBB\xBF"
                               "a\tb\n"),
              '\t');
}

TEST(CsvTokenizer, EncodingChecks) {
    auto message = [](std::string_view bytes) {
        const auto issue = check_text_encoding(bytes, "f.csv");
        return issue ? issue->message : std::string();
    };
    EXPECT_FALSE(check_text_encoding("id,size\n", "f.csv").has_value());
    EXPECT_FALSE(check_text_encoding("\xEF\xBB\xBFid,size\n", "f.csv").has_value());
    EXPECT_FALSE(check_text_encoding("caf\xC3\xA9,x\n", "f.csv").has_value());

    const auto empty = check_text_encoding("", "f.csv");
    ASSERT_TRUE(empty.has_value());
    EXPECT_EQ(empty->file, "f.csv");
    EXPECT_EQ(empty->line, 1u);
    EXPECT_EQ(empty->column, 1u);
    EXPECT_NE(empty->message.find("empty file"), std::string::npos);
    EXPECT_EQ(empty->code, IssueCode::EmptyInput);

    using namespace std::string_view_literals;
    EXPECT_NE(message("\xFF\xFEi\0d\0"sv).find("found UTF-16 (a byte-order mark"), std::string::npos);
    EXPECT_NE(message("\xFE\xFF\0i\0d"sv).find("found UTF-16 (a byte-order mark"), std::string::npos);
    EXPECT_NE(message("i\0d\0,\0x\0\n\0"sv).find("found UTF-16 or binary data"), std::string::npos);
    EXPECT_NE(message("id,size\n1,2\0\n3,4\n5,6\n7,8\n"sv).find("binary data (a NUL byte at offset 11)"),
              std::string::npos);
    for (std::string_view bytes : {"\xFF\xFEi\0d\0"sv, "i\0d\0,\0x\0\n\0"sv, "id\n1\0\n"sv})
        EXPECT_EQ(check_text_encoding(bytes, "f.csv").value_or(Issue{}).code, IssueCode::BadEncoding);
}

TEST(CsvTokenizer, SmallReadersHeaderAndWidthErrorsCarryCodes) {
    CsvTokenizer blank("\n\n", ',', "f.csv");
    try {
        read_csv_header(blank, "\n\n", "f.csv", "a header line");
        ADD_FAILURE() << "expected a DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), IssueCode::EmptyInput);
        EXPECT_EQ(e.issue().line, 1u);
    }
    CsvTokenizer tokenizer("a,b\n1\n", ',', "f.csv");
    std::vector<CsvField> fields;
    ASSERT_TRUE(tokenizer.next(fields));
    ASSERT_TRUE(tokenizer.next(fields));
    try {
        require_record_width(fields, 2, "f.csv", 2);
        ADD_FAILURE() << "expected a DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), IssueCode::FieldCount);
        EXPECT_EQ(e.issue().line, 2u);
        EXPECT_NE(std::string(e.what()).find("expected 2 fields as in the header, found 1"), std::string::npos);
    }
}

} // namespace
} // namespace levex
