// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace levex::cli {

/// One option a subcommand accepts.
struct OptionSpec {
    std::string name;  ///< without the leading "--"
    std::string value; ///< placeholder for its value ("" = a flag without value)
    std::string help;
};

/// A subcommand's command line, parsed by CLI11: `--name value`, `--name=value`, flags and
/// positionals (numbers such as -0.05 are values, not options). Unknown options and missing values
/// throw UsageError (exit 2). Values are kept as text: each command reads them with the parameter
/// table's rules (inf, ranges, keys in messages).
class CommandLine {
public:
    /// `usage` and `summary` head the --help text.
    CommandLine(std::string usage, std::string summary);
    CommandLine(const CommandLine&) = delete;
    CommandLine& operator=(const CommandLine&) = delete;

    void add(const OptionSpec& spec);
    void add(const std::vector<OptionSpec>& specs);

    /// Parses the arguments after the subcommand's name; false when --help was asked (then print
    /// help() and exit 0).
    bool parse(const std::vector<std::string>& args);
    /// The --help text: usage, summary and every option in the order added.
    std::string help() const;

    bool has(const std::string& name) const;
    std::string text(const std::string& name, const std::string& fallback) const;
    std::optional<std::string> text(const std::string& name) const;
    double number(const std::string& name, double fallback) const;
    std::uint64_t whole(const std::string& name, std::uint64_t fallback, std::uint64_t min = 0) const;
    const std::vector<std::string>& positionals() const { return positionals_; }

private:
    std::unique_ptr<CLI::App> app_;
    std::set<std::string> names_;               // the options added
    std::map<std::string, std::string> values_; // storage CLI11 writes into (node addresses are stable)
    std::vector<std::string> positionals_;
};

/// The option `key` of a core message stands for ("half_life_s" -> "--half-life"), through the
/// parameter table, else by spelling ("paths" -> "--paths"); with its value placeholder when
/// `with_value` ("--mark P").
std::string option_for_key(const std::string& key, bool with_value);

/// A core error that names a key, as the command line says it: `--half-life: expected …`.
/// Messages that begin with a key the program has an option for ("paths: expected …") are
/// phrased the same way; anything else is returned unchanged.
std::string phrase_for_command_line(const std::exception& error);

} // namespace levex::cli
