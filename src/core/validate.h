// Private: cross-file checks of a loaded Model (ids, references, aliases).
#ifndef TPX_SRC_CORE_VALIDATE_H_
#define TPX_SRC_CORE_VALIDATE_H_

#include <vector>

#include "tpx/diagnostic.h"
#include "tpx/model.h"

namespace tpx::detail {

/// Appends every problem of `m` to `out`: malformed or duplicate ids,
/// references to ids that do not exist (with the nearest id suggested),
/// empty required fields, aliases that normalise to nothing or that two
/// terms claim, cycles in the region tree.
void validate(const Model& m, std::vector<Diagnostic>& out);

/// The atlas checks (validate() runs them): unknown area, muscle or trigger
/// point ids, shapes and points outside their view's outline, malformed
/// shapes, and (as kAtlasGapSeverity) areas and trigger points not drawn.
void validate_atlas(const Model& m, std::vector<Diagnostic>& out);

/// How an area without a shape or a trigger point without a position is
/// reported: an error, since the built-in atlas places every one (a KB with
/// no atlas view at all has no pictures and is not checked for gaps).
inline constexpr Severity kAtlasGapSeverity = Severity::kError;

/// A diagnostic at `p` in one of `m`'s files (an empty file name when `p`
/// is not in a file: a Model built in code).
Diagnostic diagnostic_at(const Model& m, const Pos& p, Severity severity, std::string message);

/// True for kebab-case ids: [a-z0-9]+(-[a-z0-9]+)*.
bool is_valid_id(std::string_view id);

}  // namespace tpx::detail

#endif  // TPX_SRC_CORE_VALIDATE_H_
