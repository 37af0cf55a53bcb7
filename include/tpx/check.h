// KB quality checks beyond validity, for `tpx check`: things that are
// allowed but probably mistakes (an area nothing refers to, a muscle no
// query can bring into the top results, a cause or protocol nothing uses).
#ifndef TPX_CHECK_H_
#define TPX_CHECK_H_

#include <vector>

#include "tpx/diagnostic.h"
#include "tpx/image.h"
#include "tpx/model.h"

namespace tpx {

/// How far down a muscle may rank and still count as reachable.
inline constexpr std::size_t kReachableRank = 5;

/// Warnings for a valid `m` and its compiled `kb` (same KB).
std::vector<Diagnostic> lint(const Model& m, const Kb& kb);

}  // namespace tpx

#endif  // TPX_CHECK_H_
