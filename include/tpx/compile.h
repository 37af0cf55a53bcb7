// Compiling a validated Model into the image bytes that Kb reads.
#ifndef TPX_COMPILE_H_
#define TPX_COMPILE_H_

#include <cstddef>
#include <vector>

#include "tpx/image.h"
#include "tpx/model.h"

namespace tpx {

/// Builds the image of `m`, which must have loaded without errors. The
/// result is deterministic: the same Model gives the same bytes. Throws
/// std::length_error when the KB is too large for the image format (over
/// 4 GiB of text or 2^31 postings), std::bad_alloc, and std::out_of_range
/// when `m` refers to an id it does not define (a Model that had errors:
/// validation reports those first, so load_directory()'s models never do).
std::vector<std::byte> compile(const Model& m);

/// Compiles `m` and opens the result as an owning Kb; throws as compile(), and
/// std::logic_error if the compiler wrote an image Kb::open refuses (a bug).
Kb compile_kb(const Model& m);

}  // namespace tpx

#endif  // TPX_COMPILE_H_
