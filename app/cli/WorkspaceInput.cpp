// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/WorkspaceInput.h"

#include "core/base/Issue.h"
#include "core/base/TextFile.h"

#include <filesystem>

namespace levex::cli {

OptionSpec db_option_spec() {
    return {"db", "FILE", "workspace database (default: " + default_workspace_path() + ")"};
}

std::string workspace_path(const CommandLine& cl) {
    if (const auto db = cl.text("db")) {
        if (db->empty())
            throw UsageError("--db: expected a database file");
        return *db;
    }
    const std::string path = default_workspace_path();
    std::error_code ignored;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
    return path;
}

std::unique_ptr<Workspace> open_workspace(const std::string& path) {
    if (std::filesystem::is_directory(path))
        throw IoError(path + ": expected a database file, found a folder");
    return std::make_unique<Workspace>(path);
}

SnapshotInfo find_snapshot_or_throw(Workspace& workspace, const std::string& name) {
    if (auto found = workspace.find_snapshot(name))
        return *found;
    std::string names;
    for (const SnapshotInfo& s : workspace.snapshots())
        names += (names.empty() ? "" : ", ") + ("'" + s.name + "'");
    throw UsageError("no snapshot named '" + name + "' in " + workspace.path() +
                     (names.empty() ? std::string(" (it holds none: levex-cli import BOOK.csv first)")
                                    : " (it holds " + names + ")"));
}

} // namespace levex::cli
