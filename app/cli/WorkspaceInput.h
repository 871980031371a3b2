// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/CommandLine.h"

#include "core/store/Workspace.h"

#include <memory>
#include <string>

namespace levex::cli {

/// The --db option every workspace command takes.
OptionSpec db_option_spec();

/// The database named by --db, else the user's default workspace (its folder is created).
std::string workspace_path(const CommandLine& cl);

/// Opens the workspace; a newer or damaged file is refused with its reason (exit 1) and left as it is.
std::unique_ptr<Workspace> open_workspace(const std::string& path);

} // namespace levex::cli
