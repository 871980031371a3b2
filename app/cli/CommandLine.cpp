// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandLine.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/model/ParameterError.h"
#include "core/model/ParameterTable.h"

#include <algorithm>
#include <charconv>

namespace levex::cli {

namespace {

// Every option name a command line of this run registered: the keys a core message may start with.
std::set<std::string>& registered_options() {
    static std::set<std::string> names;
    return names;
}

// --help as LevEx has always printed it: usage, summary, then one line per option (help last),
// names and placeholders from the CLI11 App, descriptions aligned at column 30.
class HelpFormatter : public CLI::Formatter {
public:
    explicit HelpFormatter(std::string usage) : usage_(std::move(usage)) {}

    std::string make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const override {
        std::string out = "usage: " + usage_ + "\n\n" + app->get_description() + "\n";
        std::vector<const CLI::Option*> options =
            app->get_options([](const CLI::Option* o) { return o->nonpositional(); });
        const CLI::Option* help = app->get_help_ptr();
        std::stable_partition(options.begin(), options.end(), [help](const CLI::Option* o) { return o != help; });
        if (options.empty())
            return out;
        out += "\noptions:\n";
        for (const CLI::Option* o : options) {
            const std::string value = o->get_type_name();
            std::string left = "  " + o->get_name() + (value.empty() ? "" : " " + value);
            if (left.size() < 30)
                left.resize(30, ' ');
            else
                left += "\n" + std::string(30, ' ');
            out += left + o->get_description() + "\n";
        }
        return out;
    }

private:
    std::string usage_;
};

bool starts_with_dash_word(const std::string& arg) {
    return arg.size() > 1 && arg[0] == '-' && !parse_finite(arg);
}

} // namespace

CommandLine::CommandLine(std::string usage, std::string summary) : app_(std::make_unique<CLI::App>(summary)) {
    app_->formatter(std::make_shared<HelpFormatter>(std::move(usage)));
    app_->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast); // the last one given wins
    app_->set_help_flag("--help", "show this help")->disable_flag_override();
    app_->allow_extras(); // unknown options are reported below, in LevEx's words
    app_->add_option("arguments", positionals_);
}

void CommandLine::add(const OptionSpec& spec) {
    registered_options().insert(spec.name);
    names_.insert(spec.name);
    if (spec.value.empty()) {
        app_->add_flag("--" + spec.name, spec.help)->disable_flag_override();
        return;
    }
    app_->add_option("--" + spec.name, values_[spec.name], spec.help)->type_name(spec.value);
}

void CommandLine::add(const std::vector<OptionSpec>& specs) {
    for (const OptionSpec& spec : specs)
        add(spec);
}

bool CommandLine::parse(const std::vector<std::string>& args) {
    try {
        app_->parse(std::vector<std::string>(args.rbegin(), args.rend()));
    } catch (const CLI::CallForHelp&) {
        return false;
    } catch (const CLI::ArgumentMismatch& e) {
        // CLI11 names the option first ("--mark: 1 required P missing", "skip-bad-rows was given
        // a disallowed flag override"): say it as LevEx always has.
        const std::string what = e.what();
        std::string name = what.substr(0, what.find_first_of(": "));
        if (name.rfind("--", 0) != 0)
            name = "--" + name;
        const CLI::Option* option = app_->get_option_no_throw(name);
        if (option && option->get_expected_min() > 0)
            throw UsageError("option '" + name + "' expects a value " + option->get_type_name());
        throw UsageError("option '" + name + "' takes no value");
    } catch (const CLI::ParseError& e) {
        throw UsageError(std::string(e.what()) + " (see --help)");
    }
    for (const std::string& extra : app_->remaining()) {
        if (extra.rfind("--", 0) == 0)
            throw UsageError("unknown option '" + extra.substr(0, extra.find('=')) + "' (see --help)");
        if (starts_with_dash_word(extra))
            throw UsageError("unknown option '" + extra + "' (options are spelled --name; see --help)");
        positionals_.push_back(extra);
    }
    return true;
}

std::string CommandLine::help() const {
    return app_->help();
}

bool CommandLine::has(const std::string& name) const {
    return names_.count(name) > 0 && app_->count("--" + name) > 0;
}

std::optional<std::string> CommandLine::text(const std::string& name) const {
    if (!has(name))
        return std::nullopt;
    const auto it = values_.find(name);
    return it == values_.end() ? std::string() : it->second;
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

std::string option_for_key(const std::string& key, bool with_value) {
    if (const ParameterSpec* spec = find_parameter(key); spec && !spec->option.empty())
        return "--" + spec->option + (with_value ? " " + spec->value_name : "");
    std::string name = key;
    std::replace(name.begin(), name.end(), '_', '-');
    return "--" + name;
}

std::string phrase_for_command_line(const std::exception& error) {
    if (const auto* parameter = dynamic_cast<const ParameterError*>(&error))
        return phrase_parameter_problem(parameter->problem(), option_for_key(parameter->key(), false),
                                        option_for_key(parameter->key(), false),
                                        option_for_key(parameter->key(), true));
    const std::string message = error.what();
    const std::size_t colon = message.find(": ");
    if (colon == std::string::npos || colon == 0)
        return message;
    const std::string key = message.substr(0, colon);
    if (!std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }))
        return message;
    const std::string option = option_for_key(key, false);
    if (!find_parameter(key) && !registered_options().count(option.substr(2)))
        return message;
    return option + message.substr(colon);
}

} // namespace levex::cli
