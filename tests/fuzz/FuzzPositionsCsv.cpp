// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the positions CSV reader, in strict and skip-bad-rows mode, then the margin
// model and the inspect report over any book it accepts. Bad input must come back as issues or a
// DataError: never a crash, a hang or a non-finite size or price in an accepted book.
#include "core/base/Issue.h"
#include "core/base/TextFile.h"
#include "core/io/InspectReport.h"
#include "core/io/PositionCsvReader.h"
#include "core/model/MarginModel.h"
#include "core/model/VenueProfile.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const levex::VenueProfile& generic_venue() {
    static const levex::VenueProfile venue =
        levex::parse_venue_profile(levex::read_text_file(LEVEX_RESOURCE_DIR "/venues/generic.json"), "generic.json");
    return venue;
}

void check_book(const levex::PositionBook& book) {
    for (std::size_t i = 0; i < book.positions(); ++i)
        if (!(book.size[i] > 0) || !std::isfinite(book.size[i]) || !(book.entry_price[i] > 0) ||
            !std::isfinite(book.entry_price[i]) || book.account[i] >= book.accounts() ||
            book.symbol[i] >= book.symbols())
            std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (const levex::BadRowPolicy policy : {levex::BadRowPolicy::Strict, levex::BadRowPolicy::SkipBadRows}) {
        levex::PositionCsvOptions options;
        options.policy = policy;
        const levex::PositionCsvResult result = levex::parse_positions_csv(bytes, "fuzz.csv", options);
        if (!result.ok)
            continue;
        check_book(result.book);
        try {
            const levex::LiquidationLevels levels = levex::compute_liquidation_levels(result.book, generic_venue());
            levex::write_inspect_csv(result.book, generic_venue(), levels);
        } catch (const levex::DataError&) {
            // e.g. a cross account holding a symbol without a mark: a reported error, not a crash
        }
    }
    return 0;
}
