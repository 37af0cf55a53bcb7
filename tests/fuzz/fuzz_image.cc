// libFuzzer target: arbitrary bytes as a compiled KB image: Kb::open and, when
// it opens, every query path.
// The body is tpx_fuzz::image_one() in targets.h; see docs/reliability.md.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tpx_fuzz::image_one({reinterpret_cast<const char*>(data), size});
  return 0;
}
