// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/SqliteDatabase.h"

namespace levex {

/// The workspace schema this build writes, kept in `PRAGMA user_version`. History:
/// 1 — snapshots and their positions; 2 — scenarios and runs (summary, series and frames as BLOBs);
/// 3 — lending books (snapshots of a second kind), lending runs, runs over several books.
inline constexpr int kWorkspaceSchemaVersion = 3;

/// Brings a database from its `user_version` forward to `target` (≤ kWorkspaceSchemaVersion), one
/// step per version, each in its own transaction together with its new user_version.
/// Tests use `target` to build databases as older versions wrote them.
void migrate_workspace(SqliteDatabase& db, int target = kWorkspaceSchemaVersion);

} // namespace levex
