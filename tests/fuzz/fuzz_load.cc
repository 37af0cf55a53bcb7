// libFuzzer target: arbitrary bytes as one YAML file of a KB (tests/data/kb-small
// around it): load, validate, compile, lint, query.
// The body is tpx_fuzz::load_one() in targets.h; see docs/reliability.md.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tpx_fuzz::load_one({reinterpret_cast<const char*>(data), size});
  return 0;
}
