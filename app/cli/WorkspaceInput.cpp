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
            throw UsageError("--db: expected a database file, found nothing");
        return *db;
    }
    const std::string path = default_workspace_path();
    // A folder that cannot be made is reported when the database is opened in it.
    std::error_code reported_on_open;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), reported_on_open);
    return path;
}

std::unique_ptr<Workspace> open_workspace(const std::string& path) {
    if (std::filesystem::is_directory(path))
        throw IoError(path + ": expected a database file, found a folder");
    return std::make_unique<Workspace>(path);
}

} // namespace levex::cli
