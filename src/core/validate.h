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

/// True for kebab-case ids: [a-z0-9]+(-[a-z0-9]+)*.
bool is_valid_id(std::string_view id);

}  // namespace tpx::detail

#endif  // TPX_SRC_CORE_VALIDATE_H_
