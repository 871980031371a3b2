// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace levex {

/// Asks the C library to keep freed memory for reuse instead of handing large blocks back to the
/// kernel. Every run allocates fresh million-element columns; with glibc's defaults each one is
/// mapped anew and page-faulted in, which costs about a third of preparing a book. Programs that
/// run many simulations (the app, levex-cli, the benchmarks) call this once at start; memory then
/// stays at its peak instead of shrinking between runs. All threads share one heap, so what one
/// frees another reuses. A no-op on other C libraries.
void keep_freed_memory_for_reuse();

} // namespace levex
