// tpx-kbc: the build-time KB compiler. Validates a KB directory and writes
// its image; any error fails the build with file:line:column messages.
//
//   tpx-kbc KB_DIR OUTPUT
#include <iostream>
#include <string>

#include "tpx/compile.h"
#include "tpx/image_file.h"
#include "tpx/load.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: tpx-kbc KB_DIR OUTPUT\n";
    return 2;
  }
  try {
    tpx::LoadResult result = tpx::load_directory(argv[1]);
    for (const tpx::Diagnostic& d : result.diagnostics) std::cerr << tpx::format_diagnostic(d) << '\n';
    if (!result.ok()) {
      std::cerr << "tpx-kbc: the knowledge base has errors; not compiled\n";
      return 1;
    }
    std::vector<std::byte> bytes = tpx::compile(result.model);
    // Every check a file gets, once, here: the built-in KB is then opened
    // with Kb::open_trusted, which skips the checksum and the records.
    std::string why;
    if (!tpx::Kb::open(bytes, nullptr, &why)) {
      std::cerr << "tpx-kbc: the compiled image does not pass its own checks: " << why << '\n';
      return 1;
    }
    if (!tpx::write_image_file(argv[2], bytes, &why)) {
      std::cerr << "tpx-kbc: " << why << '\n';
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "tpx-kbc: " << e.what() << '\n';
    return 1;
  }
}
