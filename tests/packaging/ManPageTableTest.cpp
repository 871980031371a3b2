// SPDX-License-Identifier: GPL-3.0-or-later
// The man page against the parameter table: every run option with its value, its default, and
// the label of a default that is a user assumption. (check_man_covers_help.cmake checks the
// options --help prints; this checks what the page says about each.)
#include "core/base/TextFile.h"
#include "core/model/ParameterTable.h"

#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace {

using levex::ParameterSpec;

// The page as plain text: no comment lines, plain hyphens, no font changes or quotes.
std::string plain_page() {
    std::string page = levex::read_text_file(LEVEX_MAN_PAGE);
    page = std::regex_replace(page, std::regex(R"((^|\n)\.\\"[^\n]*)"), "$1");
    page = std::regex_replace(page, std::regex(R"(\\-)"), "-");
    page = std::regex_replace(page, std::regex(R"(\\f[BIRP])"), "");
    page = std::regex_replace(page, std::regex(R"(\\\(mu)"), "*");
    page = std::regex_replace(page, std::regex("\""), "");
    page = std::regex_replace(page, std::regex(" {2,}"), " ");
    return page;
}

// The text of section `.SH NAME` up to the next `.SH`.
std::string section(const std::string& page, const std::string& name) {
    const std::size_t start = page.find("\n.SH " + name + "\n");
    if (start == std::string::npos)
        return {};
    const std::size_t end = page.find("\n.SH ", start + 1);
    return page.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The .TP paragraph of `--option` in `text`: its header line (the option and its value, spaces
// around '|' removed) and its description, joined on one line.
struct Paragraph {
    std::string header, body;
};

std::optional<Paragraph> paragraph(const std::string& text, const std::string& option) {
    std::string pattern = "\n\\.(B|BI|BR) --";
    pattern += option;
    pattern += "( [^\n]*)?\n";
    const std::regex header(pattern);
    std::smatch m;
    if (!std::regex_search(text, m, header))
        return std::nullopt;
    Paragraph p;
    p.header = "--";
    p.header += option;
    p.header += std::regex_replace(std::string(m[2]), std::regex(R"( *\| *)"), "|");
    const std::size_t from = std::size_t(m.position(0) + m.length(0));
    const std::size_t to = std::min(text.find("\n.TP", from), text.find("\n.S", from));
    p.body = std::regex_replace(text.substr(from, to - from), std::regex(R"(\n(\.[A-Z]+ )?)"), " ");
    return p;
}

// The run options of the table, each with the rows it sets.
std::vector<std::vector<const ParameterSpec*>> table_options() {
    std::vector<std::vector<const ParameterSpec*>> out;
    for (const ParameterSpec& spec : levex::parameter_table())
        if (!spec.option.empty() && (out.empty() || out.back().front()->option != spec.option))
            out.push_back(levex::parameters_of_option(spec.option));
    return out;
}

TEST(ManPageTable, EveryRunOptionHasItsParagraphWithItsValue) {
    const std::string run_options = section(plain_page(), "RUN OPTIONS");
    ASSERT_FALSE(run_options.empty()) << "no RUN OPTIONS section";
    for (const auto& specs : table_options()) {
        const ParameterSpec& first = *specs.front();
        const auto p = paragraph(run_options, first.option);
        ASSERT_TRUE(p) << "RUN OPTIONS has no paragraph for --" << first.option;
        std::string expected = "--";
        expected += first.option;
        expected += ' ';
        expected += first.value_name;
        EXPECT_EQ(p->header, expected) << "the value of --" << first.option;
    }
}

TEST(ManPageTable, EveryDefaultIsTheTablesAndAssumptionsSaySo) {
    const std::string run_options = section(plain_page(), "RUN OPTIONS");
    for (const auto& specs : table_options()) {
        const ParameterSpec& first = *specs.front();
        const auto p = paragraph(run_options, first.option);
        ASSERT_TRUE(p) << "--" << first.option;
        if (levex::is_key_value_option(first.option)) {
            // KIND:KEY=VALUE,…: each KEY with a default says it as KEY default VALUE.
            for (const ParameterSpec* spec : specs) {
                const std::string shown = levex::default_text(*spec);
                if (spec->value_key.empty() || shown == "none")
                    continue;
                const bool unset = !spec->unset.empty() && shown == spec->unset;
                const std::string said = spec->value_key + (unset ? " default: " : " default ") + shown;
                EXPECT_NE(p->body.find(said), std::string::npos)
                    << "--" << first.option << ": '" << said << "' in: " << p->body;
            }
            continue;
        }
        std::string value;
        bool assumed = false;
        for (const ParameterSpec* spec : specs) {
            if (!value.empty())
                value += ':';
            value += levex::default_text(*spec);
            assumed = assumed || spec->basis == levex::DefaultBasis::Assumption;
        }
        if (value.empty())
            continue; // a file or a name: no default
        const bool unset = !first.unset.empty() && value == first.unset;
        const std::string said = unset ? "default: " + value : "default " + value;
        EXPECT_NE(p->body.find(said), std::string::npos)
            << "--" << first.option << ": '" << said << "' in: " << p->body;
        if (assumed) {
            EXPECT_NE(p->body.find("user assumption"), std::string::npos)
                << "--" << first.option << ": its default is a user assumption; the page must say so: " << p->body;
        }
    }
}

} // namespace
