// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/WorkspaceInput.h"

#include "core/base/Issue.h"
#include "core/usecase/ImportBook.h"

#include <iostream>

namespace levex::cli {

int run_import(const std::vector<std::string>& args) {
    CommandLine cl("levex-cli import BOOK.csv [--db FILE] [--name N] [--venue V]\n"
                   "       levex-cli import LENDING.csv --protocol NAME|FILE [--db FILE] [--name N]",
                   "Stores a positions CSV, or a lending book with its protocol, in the workspace database as a\n"
                   "named snapshot, in one transaction: bad data (exit 3) or any failure writes nothing. A file\n"
                   "whose bytes (SHA-256) were imported before with the same venue is recognised, not stored twice.");
    cl.add({
        db_option_spec(),
        {"name", "N", "the snapshot's name (default: the file's name without extension, made unique)"},
        {"venue", "NAME|FILE", "venue profile whose contract units the book is read in (default generic)"},
        {"protocol", "NAME|FILE", "a lending book's protocol profile (required for one)"},
        {"skip-bad-rows", "", "skip bad rows (and whole cross accounts) instead of stopping at the first"},
        {"delimiter", ",|;|tab", "field delimiter (default: detected from the header)"},
    });
    if (!cl.parse(args)) {
        std::cout << cl.help();
        return 0;
    }
    if (cl.positionals().size() != 1)
        throw UsageError("import expects one BOOK.csv (see levex-cli import --help)");
    ImportRequest request;
    request.path = cl.positionals()[0];
    request.venue = cl.text("venue", request.venue);
    request.name = cl.text("name");
    request.protocol = cl.text("protocol", "");
    request.read.skip_bad_rows = cl.has("skip-bad-rows");
    request.read.delimiter = cl.has("delimiter") ? parse_delimiter(cl.text("delimiter", ",")) : '\0';
    // The whole file is read and checked before the database is touched.
    const ImportableBook book = read_importable_book(request);
    const bool lending = book.kind == BookKind::Lending;
    if (lending)
        report_book_reading(request.path, book.lending.notices, book.lending.skipped, book.lending.book->accounts(),
                            "account(s)");
    else
        report_book_reading(request.path, book.file.notices, book.file.skipped, book.file.book->positions());
    const std::string db = workspace_path(cl);
    const auto workspace = open_workspace(db);
    const ImportResult result = store_importable_book(*workspace, book);
    const SnapshotInfo& s = result.snapshot;
    if (result.already_present)
        std::cout << request.path << ": already in " << db << " as '" << s.name << "' (identical content, sha256 "
                  << s.content_hash.substr(0, 12) << "…, imported " << s.imported_at << "); nothing written\n";
    else
        std::cout << "imported '" << s.name << "': " << s.positions << (lending ? " accounts" : " positions")
                  << " into " << db << '\n';
    return 0;
}

int run_list(const std::vector<std::string>& args) {
    CommandLine cl("levex-cli list [--db FILE]",
                   "Lists the workspace's snapshots, newest first, one line each, tab-separated:\n"
                   "name, positions, symbols (comma-separated), imported at (UTC).");
    cl.add(db_option_spec());
    if (!cl.parse(args)) {
        std::cout << cl.help();
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
