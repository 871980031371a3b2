// SPDX-License-Identifier: GPL-3.0-or-later
// Importing a book into the workspace: read and checked whole before the database is touched.
#include "tests/core/TestSupport.h"
#include "tests/core/UseCaseFiles.h"

#include "core/base/Sha256.h"
#include "core/model/ParameterError.h"
#include "core/usecase/ImportBook.h"

#include <gtest/gtest.h>

namespace levex {
namespace {

TEST(ImportBook, StoresABookUnderItsHashOnceAndNamesItAfterItsFile) {
    const auto dir = test::test_folder();
    ImportRequest request;
    request.path = test::write_file(dir / "desk.csv", test::kSmallBook);
    const ImportableBook book = read_importable_book(request);
    EXPECT_EQ(book.file.sha256, sha256_hex(test::kSmallBook));
    Workspace ws((dir / "w.db").string());
    const ImportResult first = store_importable_book(ws, book);
    EXPECT_FALSE(first.already_present);
    EXPECT_EQ(first.snapshot.name, "desk");
    EXPECT_EQ(first.snapshot.positions, 3u);
    EXPECT_TRUE(store_importable_book(ws, book).already_present);
    EXPECT_EQ(store_read_book(ws, *book.file.book, request.path, "generic").id, first.snapshot.id);
}

TEST(ImportBook, BadDataOrAnEmptyNameIsRefusedBeforeAnyDatabase) {
    const auto dir = test::test_folder();
    ImportRequest request;
    request.path = test::write_file(dir / "bad.csv", "id,side,size,entry_price,leverage\n1,long,x,100,10\n");
    EXPECT_THROW(read_importable_book(request), DataError);
    request.path = test::write_file(dir / "book.csv", test::kSmallBook);
    request.name = "";
    try {
        read_importable_book(request);
        FAIL() << "no ParameterError";
    } catch (const ParameterError& e) {
        EXPECT_EQ(e.key(), "name");
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "w.db"));
}

TEST(ImportBook, ANameInUseIsAParameterProblem) {
    const auto dir = test::test_folder();
    Workspace ws((dir / "w.db").string());
    ImportRequest request;
    request.path = test::write_file(dir / "a.csv", test::kSmallBook);
    request.name = "desk";
    store_importable_book(ws, read_importable_book(request));
    request.path = test::write_file(dir / "b.csv", std::string(test::kSmallBook) + "4,long,1,100,10,100\n");
    try {
        store_importable_book(ws, read_importable_book(request));
        FAIL() << "no ParameterError";
    } catch (const ParameterError& e) {
        EXPECT_EQ(e.key(), "name");
        EXPECT_NE(e.problem().found.find("a snapshot named 'desk' already exists"), std::string::npos);
    }
    EXPECT_EQ(ws.snapshots().size(), 1u);
}

TEST(ImportBook, ACancelledReadStoresNothing) {
    const auto dir = test::test_folder();
    ImportRequest request;
    request.path = test::write_file(dir / "book.csv", test::long_book(70000));
    const ImportableBook book = read_importable_book(request, [](double) { return false; });
    EXPECT_TRUE(book.cancelled);
    Workspace ws((dir / "w.db").string());
    EXPECT_TRUE(store_importable_book(ws, book).cancelled);
    EXPECT_TRUE(ws.snapshots().empty());
}

} // namespace
} // namespace levex
