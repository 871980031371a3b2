// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the scenario file reader, and writing back what it accepts (which must parse
// again). Bad input must raise DataError, nothing else.
#include "core/base/Issue.h"
#include "core/io/ScenarioFile.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    levex::Scenario scenario;
    try {
        scenario = levex::parse_scenario_json(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
    } catch (const levex::DataError&) {
        return 0;
    }
    try {
        levex::parse_scenario_json(levex::write_scenario_json(scenario), "again.json");
    } catch (const levex::DataError&) {
        std::abort(); // what the reader accepted, the writer must write readably
    }
    return 0;
}
