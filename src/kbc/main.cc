// tpx-kbc: the build-time KB compiler. Validates a KB directory and writes
// its image; any error fails the build with file:line:column messages.
//
//   tpx-kbc KB_DIR OUTPUT
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "tpx/compile.h"
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
    const std::filesystem::path out = argv[2];
    const std::filesystem::path tmp = out.string() + ".tmp";
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
      if (!f) {
        std::cerr << "tpx-kbc: cannot write " << tmp << '\n';
        return 1;
      }
    }
    std::filesystem::rename(tmp, out);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "tpx-kbc: " << e.what() << '\n';
    return 1;
  }
}
