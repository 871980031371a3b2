// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/RunOptions.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/model/ParameterTable.h"

#include <charconv>
#include <limits>

namespace levex::cli {

namespace {

// A number, or inf (and "unlimited") where the table allows it.
double parse_number(const ParameterSpec& spec, const std::string& text) {
    if (!spec.infinite.empty() && (text == "inf" || text == "unlimited"))
        return std::numeric_limits<double>::infinity();
    if (const auto x = parse_finite(text))
        return *x;
    throw ParameterError(
        {spec.key, "a number" + (spec.infinite.empty() ? std::string() : " or " + spec.infinite), "'" + text + "'"});
}

std::uint64_t parse_whole(const ParameterSpec& spec, const std::string& text) {
    std::uint64_t x = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), x);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size())
        throw ParameterError({spec.key, expected_text(spec), "'" + text + "'"});
    return x;
}

// The value of one option into the keys it sets ("A:B:C" into three).
void apply_option(const std::vector<const ParameterSpec*>& specs, const std::string& text, RunParameters& p) {
    const ParameterSpec& first = *specs.front();
    if (is_key_value_option(first.option)) {
        if (auto problem = apply_key_value_option(first.option, text, p))
            throw ParameterError(std::move(*problem));
        return;
    }
    if (first.is_choice()) {
        if (!set_choice_value(p, first, text))
            throw ParameterError({first.key, expected_text(first), "'" + text + "'"});
        return;
    }
    if (first.is_text()) {
        text_value(p, first) = text;
        return;
    }
    if (first.is_whole()) {
        set_whole_value(p, first, parse_whole(first, text));
        return;
    }
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        const std::size_t colon = specs.size() > 1 ? text.find(':', start) : std::string::npos;
        parts.push_back(text.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    if (parts.size() != specs.size())
        throw ParameterError({first.key,
                              first.value_name + " (" + std::to_string(specs.size()) + " numbers separated by ':')",
                              "'" + text + "'"});
    for (std::size_t k = 0; k < specs.size(); ++k)
        set_number_value(p, *specs[k], parse_number(*specs[k], parts[k]));
}

// The options of the table, once each, in table order.
std::vector<std::string> table_options() {
    std::vector<std::string> out;
    for (const ParameterSpec& spec : parameter_table())
        if (!spec.option.empty() && (out.empty() || out.back() != spec.option))
            out.push_back(spec.option);
    return out;
}

} // namespace

std::vector<OptionSpec> parameter_option_specs() {
    std::vector<OptionSpec> specs;
    for (const std::string& option : table_options())
        specs.push_back({option, parameters_of_option(option).front()->value_name, option_help(option)});
    return specs;
}

std::vector<OptionSpec> run_option_specs() {
    std::vector<OptionSpec> specs = {{"venue", "NAME|FILE", "venue profile (default generic)"}};
    for (OptionSpec& spec : parameter_option_specs())
        specs.push_back(std::move(spec));
    specs.push_back({"skip-bad-rows", "", "skip bad rows of the book instead of stopping"});
    return specs;
}

// The power law's exponent shapes the depth that --depth-quote-within-1pct gives within 1 %: the one
// depth option that may come with another.
bool refines_depth(const std::string& option, const CommandLine& cl) {
    const ParameterSpec& exponent = parameter("depth_exponent");
    return option == parameter("depth_quote_within_1pct").option && cl.has(exponent.option);
}

void apply_run_options(const CommandLine& cl, RunParameters& p) {
    // The depth options choose the depth model: at most one of them.
    std::string depth_options;
    int depth_given = 0;
    for (const std::string& option : table_options()) {
        if (!parameters_of_option(option).front()->selects)
            continue;
        depth_options += (depth_options.empty() ? "" : ", ") + ("--" + option);
        depth_given += cl.has(option) && !refines_depth(option, cl);
    }
    if (depth_given > 1)
        throw UsageError("choose one depth: " + depth_options.replace(depth_options.rfind(", "), 2, " or ") +
                         " (--depth-exponent may come with --depth-quote-within-1pct)");
    for (const std::string& option : table_options()) {
        const auto text = cl.text(option);
        if (!text)
            continue;
        const std::vector<const ParameterSpec*> specs = parameters_of_option(option);
        apply_option(specs, *text, p);
        if (specs.front()->selects && !refines_depth(option, cl))
            p.depth_model = *specs.front()->selects;
    }
    require_valid_parameters(p);
}

} // namespace levex::cli
