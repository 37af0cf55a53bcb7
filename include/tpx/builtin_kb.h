// The knowledge base tpx was built with, for programs that link tpx::kb
// (find_package(tpx)): kb/ compiled at build time, validated, and carried
// as bytes in the library, so it opens in place with no file and no YAML.
#ifndef TPX_BUILTIN_KB_H_
#define TPX_BUILTIN_KB_H_

#include <cstddef>
#include <span>

#include "tpx/image.h"

namespace tpx {

/// The built-in KB's image bytes (what `tpx compile kb -o FILE` would write).
std::span<const std::byte> builtin_kb_image();

/// The built-in KB, read in place. tpx-kbc opened the image with every check
/// before the build embedded it, so only its header is checked here
/// (Kb::open_trusted); it costs microseconds.
Kb builtin_kb();

}  // namespace tpx

#endif  // TPX_BUILTIN_KB_H_
