// SPDX-License-Identifier: GPL-3.0-or-later
// levex-cli: the batch front end. Exit status: 0 success, 2 usage, 3 bad input data, 1 other.
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"

#include "core/base/Issue.h"
#include "core/base/MemoryReuse.h"
#include "core/base/ResourcePaths.h"
#include "core/base/TextFile.h"

#include <iostream>

namespace {

constexpr const char* kHelp = R"(usage: levex-cli COMMAND [options]

LevEx simulates leverage exhaustion: the cascade of forced liquidations after a price shock.

commands:
  inspect BOOK.csv    liquidation and bankruptcy price of every position
  simulate BOOK.csv   run the liquidation cascade after a shock; summary as JSON
  sweep BOOK.csv      map a summary metric over two parameters (and the critical shock)
  montecarlo BOOK.csv percentiles of the summary and a price fan over random paths
  generate            write a synthetic position book
  import BOOK.csv     store a book in the workspace database as a snapshot (--db FILE)
  list                list the workspace's snapshots (--db FILE)
  fit-depth L2.csv    fit a power-law depth to each side of an L2 order book snapshot

  levex-cli COMMAND --help   shows a command's options.
  levex-cli --version        prints the version.

exit status: 0 success, 2 usage error, 3 bad input data (FILE:LINE:COLUMN: expected ..., found ...),
1 anything else.
)";

} // namespace

namespace levex::cli {
void write_output(const std::string& path, const std::string& bytes) {
    write_output(path, [&](const TextSink& sink) { sink(bytes); });
}

void write_output(const std::string& path, const TextProducer& produce) {
    if (path.empty() || path == "-") {
        produce([](std::string_view piece) {
            std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
            if (!std::cout)
                throw IoError("standard output: write failed");
        });
        std::cout.flush();
        if (!std::cout)
            throw IoError("standard output: write failed");
        return;
    }
    write_text_file(path, produce);
}
} // namespace levex::cli

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    levex::keep_freed_memory_for_reuse();
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.empty()) {
            std::cerr << kHelp;
            return 2;
        }
        const std::string& command = args[0];
        const std::vector<std::string> rest(args.begin() + 1, args.end());
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << kHelp;
            return 0;
        }
        if (command == "--version") {
            std::cout << "levex-cli " << levex::version() << '\n';
            return 0;
        }
        if (command == "inspect")
            return levex::cli::run_inspect(rest);
        if (command == "simulate")
            return levex::cli::run_simulate(rest);
        if (command == "sweep")
            return levex::cli::run_sweep(rest);
        if (command == "montecarlo")
            return levex::cli::run_montecarlo(rest);
        if (command == "generate")
            return levex::cli::run_generate(rest);
        if (command == "import")
            return levex::cli::run_import(rest);
        if (command == "list")
            return levex::cli::run_list(rest);
        if (command == "fit-depth")
            return levex::cli::run_fit_depth(rest);
        throw levex::UsageError("unknown command '" + command +
                                "' (expected inspect, simulate, sweep, montecarlo, generate, import, list or "
                                "fit-depth; see levex-cli --help)");
    } catch (const levex::UsageError& e) { // ParameterError too: its key phrased as the option
        std::cerr << "levex-cli: " << levex::cli::phrase_for_command_line(e) << '\n';
        return 2;
    } catch (const levex::DataError& e) {
        std::cerr << e.what() << '\n';
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "levex-cli: " << e.what() << '\n';
        return 1;
    }
}
