#ifndef TPX_SRC_CLI_EMBEDDED_KB_H_
#define TPX_SRC_CLI_EMBEDDED_KB_H_

#include <cstddef>
#include <span>

namespace tpx::cli {

/// The image bytes of the KB compiled into this binary.
std::span<const std::byte> embedded_kb();

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_EMBEDDED_KB_H_
