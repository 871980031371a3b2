// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace levex {

/// Marks the upper halves of the x86 AVX registers clean (vzeroupper) on the calling thread.
/// Code built for AVX that returns without doing so (we have seen Qt's own, e.g. registering a
/// meta type) leaves every later SSE instruction on that thread paying a transition penalty: a
/// cascade run took four times as long on the app's worker thread, and libm's expm1 thirty times.
/// The engine's entry points call this, because they run on threads that also run other code.
/// Cheap (one instruction); a no-op on CPUs without AVX and on other architectures.
void clear_vector_upper_state();

} // namespace levex
