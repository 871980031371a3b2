// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/WorkspaceInput.h"

#include "core/base/Issue.h"
#include "core/base/ResourcePaths.h"
#include "core/base/Sha256.h"
#include "core/base/TextFile.h"

#include <filesystem>
#include <iostream>

namespace levex::cli {

int run_import(const std::vector<std::string>& args) {
    const std::vector<OptionSpec> specs = {
        db_option_spec(),
        {"name", "N", "the snapshot's name (default: the file's name without extension, made unique)"},
        {"venue", "NAME|FILE", "venue profile whose contract units the book is read in (default generic)"},
        {"skip-bad-rows", "", "skip bad rows (and whole cross accounts) instead of stopping at the first"},
        {"delimiter", ",|;|tab", "field delimiter (default: detected from the header)"},
        {"help", "", "show this help"},
    };
    const CommandLine cl(args, specs);
    if (cl.has("help")) {
        std::cout << format_help("levex-cli import BOOK.csv [--db FILE] [--name N] [--venue V]",
                                 "Stores a positions CSV in the workspace database as a named snapshot, in one\n"
                                 "transaction: bad data (exit 3) or any failure writes nothing. A file whose bytes\n"
                                 "(SHA-256) were imported before with the same venue is recognised, not stored twice.",
                                 specs);
        return 0;
    }
    if (cl.positionals().size() != 1)
        throw UsageError("import expects one BOOK.csv (see levex-cli import --help)");
    const std::string book_path = cl.positionals()[0];
    // A venue file is remembered by its absolute path, so later runs find it from any folder.
    std::string venue_name = cl.text("venue", "generic");
    const VenueProfile venue = load_venue_profile(venue_name, venue_dir());
    if (std::filesystem::is_regular_file(venue_name))
        venue_name = std::filesystem::absolute(venue_name).string();
    if (cl.has("name") && cl.text("name", "").empty())
        throw UsageError("--name: expected a name");

    // The whole file is read and checked before the database is touched.
    const MappedFile file(book_path);
    const PositionBook book =
        read_book_or_throw(book_path, venue, cl.has("skip-bad-rows"),
                           cl.has("delimiter") ? parse_delimiter(cl.text("delimiter", ",")) : '\0', file.bytes());
    const std::string db = workspace_path(cl);
    const auto workspace = open_workspace(db);
    const ImportResult result =
        workspace->import_snapshot(book, {cl.text("name", ""), book_path, sha256_hex(file.bytes()), venue_name});
    const SnapshotInfo& s = result.snapshot;
    if (result.already_present)
        std::cout << book_path << ": already in " << db << " as '" << s.name << "' (identical content, sha256 "
                  << s.content_hash.substr(0, 12) << "…, imported " << s.imported_at << "); nothing written\n";
    else
        std::cout << "imported '" << s.name << "': " << s.positions << " positions into " << db << '\n';
    return 0;
}

int run_list(const std::vector<std::string>& args) {
    const std::vector<OptionSpec> specs = {db_option_spec(), {"help", "", "show this help"}};
    const CommandLine cl(args, specs);
    if (cl.has("help")) {
        std::cout << format_help("levex-cli list [--db FILE]",
                                 "Lists the workspace's snapshots, newest first, one line each, tab-separated:\n"
                                 "name, positions, symbols (comma-separated), imported at (UTC).",
                                 specs);
        return 0;
    }
    if (!cl.positionals().empty())
        throw UsageError("list takes no file argument; use --db FILE");
    const auto workspace = open_workspace(workspace_path(cl));
    for (const SnapshotInfo& s : workspace->snapshots()) {
        std::string symbols;
        for (const std::string& symbol : s.symbols)
            symbols += (symbols.empty() ? "" : ",") + symbol;
        std::cout << s.name << '\t' << s.positions << '\t' << symbols << '\t' << s.imported_at << '\n';
    }
    return 0;
}

} // namespace levex::cli
