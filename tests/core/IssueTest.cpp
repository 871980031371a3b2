// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/Issue.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace levex {
namespace {

TEST(Issue, CodesHaveStableDistinctNames) {
    // Programs and tests match these names: they never change once released.
    EXPECT_STREQ(issue_code_name(IssueCode::Unspecified), "unspecified");
    EXPECT_STREQ(issue_code_name(IssueCode::MissingColumn), "missing_column");
    EXPECT_STREQ(issue_code_name(IssueCode::NotANumber), "not_a_number");
    EXPECT_STREQ(issue_code_name(IssueCode::OutOfRange), "out_of_range");
    EXPECT_STREQ(issue_code_name(IssueCode::DuplicateId), "duplicate_id");
    EXPECT_STREQ(issue_code_name(IssueCode::BadSide), "bad_side");
    EXPECT_STREQ(issue_code_name(IssueCode::MixedValues), "mixed_values");
    EXPECT_STREQ(issue_code_name(IssueCode::IoError), "io_error");
    std::set<std::string> names;
    const int last = static_cast<int>(IssueCode::Adjusted);
    for (int c = 0; c <= last; ++c) {
        const std::string name = issue_code_name(static_cast<IssueCode>(c));
        EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string::npos) << name;
        EXPECT_TRUE(names.insert(name).second) << name << " twice";
    }
}

TEST(Issue, DataErrorCarriesTheCodeBesideTheMessage) {
    const DataError e(
        {Severity::Error, "f.csv", 3, 7, "size", "expected a number for size, found 'x'", IssueCode::NotANumber});
    EXPECT_EQ(e.code(), IssueCode::NotANumber);
    EXPECT_EQ(e.issue().field, "size");
    EXPECT_STREQ(e.what(), "f.csv:3:7: expected a number for size, found 'x'");
}

TEST(Issue, AnIssueWithoutACodeIsUnspecified) {
    const Issue issue{Severity::Warning, "f.csv", 0, 0, "", "a front end's own message"};
    EXPECT_EQ(issue.code, IssueCode::Unspecified);
    EXPECT_EQ(format_issue(issue), "f.csv: a front end's own message");
}

} // namespace
} // namespace levex
