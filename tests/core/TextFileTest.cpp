// SPDX-License-Identifier: GPL-3.0-or-later
// Files written whole or not at all, from one string or from pieces as they are made.
#include "core/base/TextFile.h"
#include "tests/core/ProcessTempDir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace fs = std::filesystem;

namespace {

fs::path temp_dir() {
    return levex::test::process_temp_dir("levex-textfile-test");
}

} // namespace

TEST(TextFile, PiecesAreWrittenInOrder) {
    const std::string path = (temp_dir() / "pieces.csv").string();
    levex::write_text_file(path, [](const levex::TextSink& sink) {
        sink("a,b\n");
        sink("");
        sink(std::string(100000, 'x'));
        sink("\nend\n");
    });
    EXPECT_EQ(levex::read_text_file(path), "a,b\n" + std::string(100000, 'x') + "\nend\n");
    EXPECT_FALSE(fs::exists(path + ".part"));
}

TEST(TextFile, AFailedProducerLeavesTheOldFileAndNoPart) {
    const std::string path = (temp_dir() / "kept.csv").string();
    levex::write_text_file(path, std::string("old\n"));
    EXPECT_THROW(levex::write_text_file(path,
                                        [](const levex::TextSink& sink) {
                                            sink("new, half");
                                            throw std::runtime_error("cancelled");
                                        }),
                 std::runtime_error);
    EXPECT_EQ(levex::read_text_file(path), "old\n");
    EXPECT_FALSE(fs::exists(path + ".part"));
}

TEST(TextFile, AFolderThatIsNotThereIsReported) {
    const std::string path = (temp_dir() / "no-such-folder" / "out.csv").string();
    try {
        levex::write_text_file(path, [](const levex::TextSink& sink) { sink("x"); });
        FAIL() << "expected IoError";
    } catch (const levex::IoError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(path + ": cannot write: ", 0), 0u) << e.what();
    }
}

// The temporary file made a link to /dev/full: every write fails with "no space left".
TEST(TextFile, AFailedWriteNamesTheFileAndTheReason) {
    if (!fs::exists("/dev/full"))
        GTEST_SKIP() << "no /dev/full here";
    const std::string path = (temp_dir() / "full.csv").string();
    fs::remove(path + ".part");
    fs::create_symlink("/dev/full", path + ".part");
    try {
        levex::write_text_file(path, [](const levex::TextSink& sink) { sink(std::string(1 << 16, 'x')); });
        FAIL() << "expected IoError";
    } catch (const levex::IoError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": write failed: No space left on device");
    }
    EXPECT_FALSE(fs::exists(path));
    EXPECT_FALSE(fs::is_symlink(path + ".part"));
}
