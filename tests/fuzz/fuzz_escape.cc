// libFuzzer target: arbitrary bytes through the output escaper (visible,
// visible_tsv, visible_json); see escape_check.h for what must hold.
#include <cstddef>
#include <cstdint>

#include "escape_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tpx_fuzz::check_escapers({reinterpret_cast<const char*>(data), size});
  return 0;
}
