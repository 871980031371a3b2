// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/ResourcePaths.h"

#include <cstdlib>
#include <filesystem>

namespace levex {

const char* version() {
    return LEVEX_VERSION;
}

std::string resource_dir() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("LEVEX_DATA_DIR"); env && *env)
        return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = (exe.parent_path() / LEVEX_DATA_DIR_FROM_BINDIR).lexically_normal();
        if (fs::exists(installed / "venues", ec))
            return installed.string();
    }
    if (fs::exists(fs::path(LEVEX_SOURCE_RESOURCE_DIR) / "venues", ec))
        return LEVEX_SOURCE_RESOURCE_DIR;
    return LEVEX_INSTALL_DATA_DIR;
}

std::string venue_dir() {
    return (std::filesystem::path(resource_dir()) / "venues").string();
}

std::string protocol_dir() {
    return (std::filesystem::path(resource_dir()) / "protocols").string();
}

std::string sample_book_path() {
    return (std::filesystem::path(resource_dir()) / "samples" / "btcusdt-sample.csv").string();
}

} // namespace levex
