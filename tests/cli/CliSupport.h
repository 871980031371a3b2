// SPDX-License-Identifier: GPL-3.0-or-later
// Running levex-cli as a user would, for the end-to-end tests: its output, error output and status.
#pragma once

#include "core/base/TextFile.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

struct CliRun {
    int status = -1;
    std::string out; ///< standard output
    std::string err; ///< standard error
};

std::filesystem::path temp_dir() {
    auto dir = std::filesystem::temp_directory_path() / ("levex-cli-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

// Runs `program` (a levex-cli) with `args` after the `environment` assignments.
CliRun run_program(const std::string& program, const std::string& args, const std::string& environment = "") {
    const auto err_path = temp_dir() / "stderr.txt";
    const std::string command = environment + " '" + program + "' " + args + " 2>'" + err_path.string() + "'";
    CliRun run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return run;
    std::array<char, 65536> buffer{};
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        run.out.append(buffer.data(), n);
    const int raw = ::pclose(pipe);
    run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    run.err = levex::read_text_file(err_path.string());
    return run;
}

CliRun cli(const std::string& args, const std::string& environment = "") {
    return run_program(LEVEX_CLI, args, environment);
}

} // namespace
