// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/ExhaustionSolver.h"

namespace levex {

// The scan on the static book, compiled once here.
template class BasicExhaustionScan<DepthCurve>;

} // namespace levex
