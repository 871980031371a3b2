// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <system_error>

#include <unistd.h>

namespace levex::test {

/// A folder of this test process's own in the system's temporary folder, named after `prefix` and
/// the process id: emptied on first use, removed when the process exits.
inline std::filesystem::path process_temp_dir(const std::string& prefix) {
    namespace fs = std::filesystem;
    struct Folder {
        fs::path path;
        ~Folder() {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    };
    static std::map<std::string, Folder> folders;
    auto [it, made] = folders.try_emplace(prefix);
    if (made) {
        it->second.path = fs::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()));
        fs::remove_all(it->second.path);
        fs::create_directories(it->second.path);
    }
    return it->second.path;
}

} // namespace levex::test
