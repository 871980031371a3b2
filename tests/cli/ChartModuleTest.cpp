// SPDX-License-Identifier: GPL-3.0-or-later
// levex-cli draws charts with a module it loads only when a command asks for one
// (app/cli/ChartModule.h). A copy of the program in a folder of its own finds no module beside it
// nor in that folder's installed place: commands without charts run as ever, a chart request fails
// before the run and names what was looked for.
#include "tests/cli/CliSupport.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;

const std::string kModule = LEVEX_CHARTS_MODULE_FILE;

std::string sample_book() {
    return std::string(LEVEX_RESOURCE_DIR) + "/samples/btcusdt-sample.csv";
}

// A copy of levex-cli laid out as installed, ROOT/bin/levex-cli, with no module; removed at the end.
class LoneCli {
public:
    LoneCli() : root_(temp_dir() / "lone") {
        fs::remove_all(root_);
        fs::create_directories(root_ / LEVEX_INSTALL_BINDIR);
        fs::copy_file(LEVEX_CLI, program());
    }
    ~LoneCli() {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    LoneCli(const LoneCli&) = delete;
    LoneCli& operator=(const LoneCli&) = delete;

    const fs::path& root() const { return root_; }
    fs::path program() const { return root_ / LEVEX_INSTALL_BINDIR / "levex-cli"; }
    fs::path beside() const { return root_ / LEVEX_INSTALL_BINDIR / kModule; }
    fs::path installed() const { return root_ / LEVEX_INSTALL_LIBDIR / "levex" / kModule; }
    CliRun run(const std::string& args) const { return run_program(program().string(), args); }

private:
    fs::path root_;
};

std::string simulate_args(const fs::path& dir) {
    return "simulate " + sample_book() + " --shock -0.05 --steps 30 --json " + (dir / "s.json").string();
}

TEST(CliChartModule, TheBuildFolderHoldsTheModuleBesideLevexCli) {
    EXPECT_TRUE(fs::exists(fs::path(LEVEX_CLI).parent_path() / kModule));
    const auto dir = temp_dir();
    const CliRun run = cli(simulate_args(dir) + " --chart series --chart-out " + (dir / "series.svg").string());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.err.find("wrote series chart"), std::string::npos) << run.err;
}

TEST(CliChartModule, CommandsWithoutChartsRunWithoutTheModule) {
    const LoneCli lone;
    EXPECT_EQ(lone.run("--version").status, 0);
    const CliRun run = lone.run(simulate_args(lone.root()));
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_TRUE(fs::exists(lone.root() / "s.json"));
    // A mistake found without drawing is still a usage error.
    EXPECT_EQ(lone.run(simulate_args(lone.root()) + " --chart map").status, 2);
}

TEST(CliChartModule, AChartWithoutTheModuleFailsBeforeTheRunNamingTheFilesLookedFor) {
    const LoneCli lone;
    ASSERT_FALSE(fs::exists(lone.beside()));
    ASSERT_FALSE(fs::exists(lone.installed()));
    for (const std::string& ask : {"--chart-out " + (lone.root() / "heat.png").string(),
                                   "--animation " + (lone.root() / "cascade.gif").string()}) {
        const CliRun run = lone.run(simulate_args(lone.root()) + " " + ask);
        EXPECT_EQ(run.status, 1) << run.err;
        EXPECT_EQ(run.err.rfind("levex-cli: " + ask + ": ", 0), 0u) << run.err;
        EXPECT_NE(run.err.find(kModule + ", which is not installed"), std::string::npos) << run.err;
        EXPECT_NE(run.err.find(lone.beside().string()), std::string::npos) << run.err;
        EXPECT_NE(run.err.find(lone.installed().lexically_normal().string()), std::string::npos) << run.err;
        EXPECT_TRUE(run.out.empty()) << "refused before simulating";
        EXPECT_FALSE(fs::exists(lone.root() / "s.json")) << "refused before simulating";
    }
    const CliRun sweep =
        lone.run("sweep " + sample_book() + " --x shock:-0.1:0:3 --y depth-scale:0.5:2:2 --chart-out " +
                 (lone.root() / "grid.png").string());
    EXPECT_EQ(sweep.status, 1);
    EXPECT_NE(sweep.err.find(kModule + ", which is not installed"), std::string::npos) << sweep.err;
    EXPECT_TRUE(sweep.out.empty()) << "refused before the sweep";
}

TEST(CliChartModule, TheInstalledModuleIsFoundRelativeToTheProgram) {
    const LoneCli lone;
    fs::create_directories(lone.installed().parent_path());
    fs::copy_file(fs::path(LEVEX_CLI).parent_path() / kModule, lone.installed());
    const CliRun run = lone.run(simulate_args(lone.root()) + " --chart-out " + (lone.root() / "heat.svg").string());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(levex::read_text_file((lone.root() / "heat.svg").string()).find("</svg>"), std::string::npos);
}

TEST(CliChartModule, AFileThatIsNoModuleIsNamedWithTheLoadersReason) {
    const LoneCli lone;
    levex::write_text_file(lone.beside().string(), "not a shared object\n");
    const CliRun run = lone.run(simulate_args(lone.root()) + " --chart-out " + (lone.root() / "heat.png").string());
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("cannot load the chart module " + lone.beside().string() + ": "), std::string::npos)
        << run.err;
    EXPECT_FALSE(fs::exists(lone.root() / "s.json"));
}

TEST(CliChartModule, AModuleFromAnotherBuildIsRefused) {
    const LoneCli lone;
    fs::copy_file(LEVEX_STALE_CHART_MODULE, lone.beside());
    const CliRun run = lone.run(simulate_args(lone.root()) + " --chart-out " + (lone.root() / "heat.png").string());
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("the chart module " + lone.beside().string() + " belongs to another build"),
              std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("LevEx 0.0.0"), std::string::npos) << run.err;
    EXPECT_FALSE(fs::exists(lone.root() / "s.json"));
}

} // namespace
