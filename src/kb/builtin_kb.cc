// The default knowledge base, compiled from kb/ at build time by tpx-kbc and
// linked in as bytes, so an installed tpx (or a program linking tpx::kb)
// needs no data files and parses no YAML at run time.
#include "tpx/builtin_kb.h"

#include <stdexcept>
#include <string>

__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".global tpx_embedded_kb_begin\n"
    "tpx_embedded_kb_begin:\n"
    ".incbin \"" TPX_KB_IMAGE_PATH
    "\"\n"
    ".global tpx_embedded_kb_end\n"
    "tpx_embedded_kb_end:\n"
    ".byte 0\n"
    ".previous\n");

extern "C" const char tpx_embedded_kb_begin[];
extern "C" const char tpx_embedded_kb_end[];

namespace tpx {

std::span<const std::byte> builtin_kb_image() {
  return {reinterpret_cast<const std::byte*>(tpx_embedded_kb_begin),
          static_cast<std::size_t>(tpx_embedded_kb_end - tpx_embedded_kb_begin)};
}

Kb builtin_kb() {
  std::string why;
  std::optional<Kb> kb = Kb::open_trusted(builtin_kb_image(), &why);
  // Only a build that embedded the wrong file gets here.
  if (!kb) throw std::logic_error("the built-in knowledge base is damaged: " + why);
  return *std::move(kb);
}

}  // namespace tpx
