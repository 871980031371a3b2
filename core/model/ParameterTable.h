// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/ParameterError.h"
#include "core/model/RunParameters.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace levex {

/// Where a parameter's default comes from (docs/model.md §8): neutral (identity or off: 1, 0,
/// none), a published figure, or a user assumption the program shows as one.
enum class DefaultBasis { Neutral, Cited, Assumption };

// Whole parameters (steps, bins, seed) are one alternative below: std::size_t is 64 bits on every
// platform LevEx targets (the run blobs assume a 64-bit little-endian machine too).
static_assert(std::is_same_v<std::size_t, std::uint64_t>, "whole run parameters share one 64-bit type");

/// The member of RunParameters a table row reads and writes. The last three are choices, read and
/// written by name (choice_names()): the depth model, the AMM kind, and switches ("on", "off").
using ParameterMember =
    std::variant<double RunParameters::*, std::uint64_t RunParameters::*, std::string RunParameters::*,
                 DepthModel RunParameters::*, AmmKind RunParameters::*, bool RunParameters::*>;

/// One run parameter: the single description the command line (options, --help), scenario files
/// (keys, ranges, located errors), the app's controls (ranges, defaults, tooltips) and the man-page
/// check all read. Built with the chained setters below.
struct ParameterSpec {
    static constexpr double kInf = std::numeric_limits<double>::infinity();

    std::string key; ///< the scenario-file key, also what core messages name ("half_life_s")
    ParameterMember member;
    std::string unit; ///< "s", "quote", "fraction", … ("" for a plain number or text)

    // Valid values (numbers): [lo, hi] with open ends where said.
    double lo = -kInf, hi = kInf;
    bool lo_open = false, hi_open = false;
    std::string infinite;          ///< the word for +inf when it is valid ("inf", "unlimited"), else ""
    std::string unset;             ///< when "not set" (NaN, "") is valid: what a run uses then ("the venue's")
    bool zero_valid = false;       ///< 0 is valid outside [lo, hi] (Student-t's 0 = normal returns)
    std::string what = "a number"; ///< the noun of `expected` ("a fraction", "seconds")
    std::string note;              ///< appended to `expected` ("(-0.10 = -10 %)")

    // How front ends offer it.
    std::string option;     ///< command-line option without its dashes ("half-life"), "" = none
    std::size_t part = 0;   ///< its place in the option's value when one option sets several keys ("A:B:C")
    std::string value_name; ///< the option's value in --help ("SECONDS|inf")
    std::string value_key;  ///< its name inside a KIND:KEY=VALUE,… option's value ("fee"), "" = the KIND
    std::string label;      ///< the app's name for its control ("Half-life")
    double typical_lo = 0.0, typical_hi = 0.0; ///< the span a control offers (inside the valid range)
    std::optional<DepthModel> selects;         ///< giving this option chooses that depth model
    std::string doc;                           ///< one line, lower case, no default (added from the value)
    DefaultBasis basis = DefaultBasis::Neutral;
    std::string source; ///< Cited: the published figure; Assumption: why this value

    bool is_text() const { return std::holds_alternative<std::string RunParameters::*>(member); }
    bool is_whole() const { return std::holds_alternative<std::uint64_t RunParameters::*>(member); }
    bool is_choice() const {
        return std::holds_alternative<DepthModel RunParameters::*>(member) ||
               std::holds_alternative<AmmKind RunParameters::*>(member) ||
               std::holds_alternative<bool RunParameters::*>(member);
    }
    bool is_number() const { return !is_text() && !is_choice(); }

    ParameterSpec& in(double low, double high, bool low_open = false, bool high_open = false);
    ParameterSpec& above(double low) { return in(low, kInf, true, false); }
    ParameterSpec& at_least(double low) { return in(low, kInf, false, false); }
    ParameterSpec& infinite_as(std::string word);
    ParameterSpec& unset_means(std::string meaning);
    ParameterSpec& zero_also(std::string meaning);
    ParameterSpec& annotate(std::string text);
    ParameterSpec& noun(std::string noun, std::string unit_name = "");
    ParameterSpec& cli(std::string name, std::string value, std::size_t part_of_value = 0);
    /// Set inside option `name`'s KIND:KEY=VALUE,… value as `key`= ("" for the KIND before the colon).
    ParameterSpec& cli_key(std::string name, std::string value, std::size_t part_of_value, std::string key);
    ParameterSpec& control(std::string name, double low, double high);
    ParameterSpec& choosing(DepthModel model);
    ParameterSpec& describe(std::string line);
    ParameterSpec& cited(std::string figure);
    ParameterSpec& assumed(std::string why);
};

/// Every run parameter, in the order of RunParameters (and of a scenario file's "parameters").
const std::vector<ParameterSpec>& parameter_table();
/// The row of `key`, or nullptr.
const ParameterSpec* find_parameter(std::string_view key);
/// The row of `key`; std::out_of_range for a key the table does not hold (a programming error).
const ParameterSpec& parameter(std::string_view key);
/// The rows one command-line option sets, in the order of its value's parts ("jumps": three).
std::vector<const ParameterSpec*> parameters_of_option(std::string_view option);

/// True when `option`'s value is KIND:KEY=VALUE,… (its rows have value keys), not A:B:C.
bool is_key_value_option(std::string_view option);
/// Applies such an option's value ("stableswap:A=15,fee=0.0004,base=241954,quote=235285"): the KIND
/// and each KEY=VALUE into their rows, and the depth model the option chooses. Returns the first
/// problem, naming the key (an unknown kind: the KIND row's key; an unknown KEY: the option's name
/// with '-' as '_'), or nullopt. Values are checked against their rows' ranges.
std::optional<ParameterProblem> apply_key_value_option(std::string_view option, std::string_view text,
                                                       RunParameters& params);

/// The names a choice parameter takes, in order ("flat", "v-shaped", …; "off", "on").
std::vector<std::string> choice_names(const ParameterSpec& spec);
/// A choice parameter's value, by name.
std::string choice_value(const RunParameters& params, const ParameterSpec& spec);
/// Sets a choice parameter by name; false (nothing set) for a name it does not take.
bool set_choice_value(RunParameters& params, const ParameterSpec& spec, std::string_view name);

/// A number or whole parameter as a double (NaN = not set).
double number_value(const RunParameters& params, const ParameterSpec& spec);
/// Sets a number parameter (a whole one from a value already checked to be whole).
void set_number_value(RunParameters& params, const ParameterSpec& spec, double value);
/// A whole parameter exactly (seeds use all 64 bits).
std::uint64_t whole_value(const RunParameters& params, const ParameterSpec& spec);
void set_whole_value(RunParameters& params, const ParameterSpec& spec, std::uint64_t value);
/// A text parameter (symbol, files).
std::string& text_value(RunParameters& params, const ParameterSpec& spec);
const std::string& text_value(const RunParameters& params, const ParameterSpec& spec);

/// What is valid, for messages: "a fraction above -1 and below 10 (-0.10 = -10 %)".
std::string expected_text(const ParameterSpec& spec);
/// The parameter's value as messages show it ("0.5", "inf", "none").
std::string value_text(const RunParameters& params, const ParameterSpec& spec);
/// The default as --help and tooltips show it: "120", "v-shaped", "the venue's"; "" when none.
std::string default_text(const ParameterSpec& spec);
/// The --help line of an option (the doc of its first key and the default of every key it sets):
/// "resilience of consumed depth, inf = permanent (default 120, a user assumption)".
std::string option_help(std::string_view option);
/// The keys (in table order) whose values differ between `a` and `b` ("not set" equals "not set"):
/// what a result computed on `a` no longer reflects once the settings are `b`.
std::vector<std::string> changed_parameters(const RunParameters& a, const RunParameters& b);
/// True when `value` is valid for `spec` (numbers; text and choices are always).
bool value_is_valid(const ParameterSpec& spec, double value);
/// The problem with one parameter's value, or nullopt.
std::optional<ParameterProblem> check_parameter(const RunParameters& params, const ParameterSpec& spec);

/// Steps × bins a run may record (four histograms of doubles: 1.6 GB at the limit).
inline constexpr std::size_t kMaxHeatmapCells = 50'000'000;

/// The first parameter of `p` outside its valid range (in table order), then the checks that
/// span several (the metaorder law's product, an L2 file for the l2-book model, a pool's reserves
/// and A for the amm model, steps × bins), or nullopt. The command line, scenario files and the app all refuse the same
/// values.
std::optional<ParameterProblem> check_run_parameters(const RunParameters& p);

/// Throws ParameterError for the first problem check_run_parameters finds.
void require_valid_parameters(const RunParameters& p);

} // namespace levex
