// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/ChartModuleLoader.h"

#include "core/base/ResourcePaths.h"

#include <dlfcn.h>

#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace levex::cli {

namespace {

namespace fs = std::filesystem;

// Beside the program, then the installed place relative to it. No absolute fallback: a copy of
// levex-cli must never pick up the module of another install.
std::vector<fs::path> module_candidates() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        throw std::runtime_error("cannot find the chart module: the path of the running levex-cli is unknown "
                                 "(/proc/self/exe: " +
                                 ec.message() + ")");
    const fs::path dir = exe.parent_path();
    return {dir / LEVEX_CHARTS_MODULE_FILE,
            (dir / LEVEX_CHARTS_DIR_FROM_BINDIR / LEVEX_CHARTS_MODULE_FILE).lexically_normal()};
}

fs::path find_module() {
    const std::vector<fs::path> candidates = module_candidates();
    std::string looked;
    for (const fs::path& path : candidates) {
        std::error_code ec;
        if (fs::exists(path, ec))
            return path;
        looked += (looked.empty() ? "" : ", then ") + path.string();
    }
    throw std::runtime_error("charts are drawn by levex-cli's chart module " + std::string(LEVEX_CHARTS_MODULE_FILE) +
                             ", which is not installed (looked for " + looked +
                             "); reinstall LevEx, or in a build folder build the target levex_cli_charts");
}

// The module's table once it is known to come from this build.
const ChartModuleApi& checked(const ChartModuleApi& api, const fs::path& path) {
    const bool same_interface = api.interface_version == kChartModuleInterface;
    if (same_interface && std::strcmp(api.version, version()) == 0 && api.layout == ChartModuleLayout{})
        return api;
    const std::string which =
        same_interface ? "LevEx " + std::string(api.version) + ", built from other sources"
                       : "LevEx " + std::string(api.version) + ", interface " + std::to_string(api.interface_version);
    throw std::runtime_error("the chart module " + path.string() + " belongs to another build (" + which +
                             ") than this levex-cli (LevEx " + version() + ", interface " +
                             std::to_string(kChartModuleInterface) +
                             "); reinstall LevEx, or in a build folder build the target levex_cli_charts");
}

const ChartModuleApi& load_chart_module() {
    const fs::path path = find_module();
    // Never closed: Qt keeps threads and exit handlers of its own once started.
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        throw std::runtime_error("cannot load the chart module " + path.string() + ": " + ::dlerror());
    void* entry = ::dlsym(handle, kChartModuleEntry);
    if (!entry)
        throw std::runtime_error(path.string() + " is not a levex-cli chart module: " + ::dlerror());
    const ChartModuleApi* api = reinterpret_cast<ChartModuleEntry>(entry)();
    if (!api)
        throw std::runtime_error(path.string() + " is not a levex-cli chart module: its entry point returned nothing");
    return checked(*api, path);
}

} // namespace

const ChartModuleApi& chart_module() {
    static const ChartModuleApi* loaded = nullptr;
    if (!loaded)
        loaded = &load_chart_module();
    return *loaded;
}

} // namespace levex::cli
