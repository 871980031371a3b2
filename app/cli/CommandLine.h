// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace levex::cli {

/// One option a subcommand accepts.
struct OptionSpec {
    std::string name;  ///< without the leading "--"
    std::string value; ///< placeholder for its value ("" = a flag without value)
    std::string help;
};

/// A subcommand's parsed arguments: `--name value`, `--name=value`, flags and positionals.
/// Unknown options and missing values throw UsageError (exit 2).
class CommandLine {
public:
    CommandLine(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::string text(const std::string& name, const std::string& fallback) const;
    std::optional<std::string> text(const std::string& name) const;
    double number(const std::string& name, double fallback) const;
    std::uint64_t whole(const std::string& name, std::uint64_t fallback, std::uint64_t min = 0) const;
    const std::vector<std::string>& positionals() const { return positionals_; }

private:
    std::map<std::string, std::string> values_;
    std::vector<std::string> positionals_;
};

/// Formats a subcommand's --help text.
std::string format_help(const std::string& usage, const std::string& summary, const std::vector<OptionSpec>& specs);

} // namespace levex::cli
