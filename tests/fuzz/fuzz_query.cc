// libFuzzer target: arbitrary bytes as query phrases, one per line, against the
// KB compiled from kb/: normalise, resolve, rank, render.
// The body is tpx_fuzz::query_one() in targets.h; see docs/reliability.md.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tpx_fuzz::query_one({reinterpret_cast<const char*>(data), size});
  return 0;
}
