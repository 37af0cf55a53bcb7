// The default knowledge base, compiled from kb/ at build time by tpx-kbc and
// linked in as bytes, so an installed tpx needs no data files and parses no
// YAML at run time.
#include "embedded_kb.h"

__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".global tpx_embedded_kb_begin\n"
    "tpx_embedded_kb_begin:\n"
    ".incbin \"" TPX_KB_IMAGE_PATH "\"\n"
    ".global tpx_embedded_kb_end\n"
    "tpx_embedded_kb_end:\n"
    ".byte 0\n"
    ".previous\n");

extern "C" const char tpx_embedded_kb_begin[];
extern "C" const char tpx_embedded_kb_end[];

namespace tpx::cli {

std::span<const std::byte> embedded_kb() {
  return {reinterpret_cast<const std::byte*>(tpx_embedded_kb_begin),
          static_cast<std::size_t>(tpx_embedded_kb_end - tpx_embedded_kb_begin)};
}

}  // namespace tpx::cli
