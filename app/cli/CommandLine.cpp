// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandLine.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"

#include <charconv>

namespace levex::cli {

CommandLine::CommandLine(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
            if (arg.size() > 1 && arg[0] == '-' && !parse_finite(arg))
                throw UsageError("unknown option '" + arg + "' (options are spelled --name; see --help)");
            positionals_.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inline_value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const OptionSpec* spec = nullptr;
        for (const OptionSpec& s : specs)
            if (s.name == name)
                spec = &s;
        if (!spec)
            throw UsageError("unknown option '--" + name + "' (see --help)");
        if (spec->value.empty()) {
            if (inline_value)
                throw UsageError("option '--" + name + "' takes no value");
            values_[name] = "";
        } else if (inline_value) {
            values_[name] = *inline_value;
        } else {
            if (i + 1 >= args.size())
                throw UsageError("option '--" + name + "' expects a value " + spec->value);
            values_[name] = args[++i];
        }
    }
}

std::optional<std::string> CommandLine::text(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end())
        return std::nullopt;
    return it->second;
}

std::string CommandLine::text(const std::string& name, const std::string& fallback) const {
    return text(name).value_or(fallback);
}

double CommandLine::number(const std::string& name, double fallback) const {
    const auto value = text(name);
    if (!value)
        return fallback;
    const auto x = parse_finite(*value);
    if (!x)
        throw UsageError("--" + name + ": expected a number, found '" + *value + "'");
    return *x;
}

std::uint64_t CommandLine::whole(const std::string& name, std::uint64_t fallback, std::uint64_t min) const {
    const auto value = text(name);
    if (!value)
        return fallback;
    std::uint64_t x = 0;
    const auto r = std::from_chars(value->data(), value->data() + value->size(), x);
    if (r.ec != std::errc() || r.ptr != value->data() + value->size() || x < min)
        throw UsageError("--" + name + ": expected a whole number >= " + std::to_string(min) + ", found '" + *value +
                         "'");
    return x;
}

std::string format_help(const std::string& usage, const std::string& summary, const std::vector<OptionSpec>& specs) {
    std::string out = "usage: " + usage + "\n\n" + summary + "\n";
    if (specs.empty())
        return out;
    out += "\noptions:\n";
    for (const OptionSpec& s : specs) {
        std::string left = "  --" + s.name + (s.value.empty() ? "" : " " + s.value);
        if (left.size() < 30)
            left.resize(30, ' ');
        else
            left += "\n" + std::string(30, ' ');
        out += left + s.help + "\n";
    }
    return out;
}

} // namespace levex::cli
