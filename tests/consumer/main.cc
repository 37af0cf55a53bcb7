// Uses tpx as a library, the way another project would: prints the muscle
// that best explains pain at the temple and the top of the shoulder.
// Usage: tpx_consumer            the built-in KB (tpx::kb): no file, no YAML
//        tpx_consumer KB_DIR     a KB's YAML sources, loaded and compiled
#include <tpx/builtin_kb.h>
#include <tpx/compile.h>
#include <tpx/diagnostic.h>
#include <tpx/load.h>
#include <tpx/rank.h>
#include <tpx/resolve.h>
#include <tpx/version.h>

#include <iostream>
#include <string>
#include <vector>

namespace {

tpx::Kb load(const std::string& dir) {
  tpx::LoadResult loaded = tpx::load_directory(dir);
  if (!loaded.ok()) {
    for (const tpx::Diagnostic& d : loaded.diagnostics) std::cerr << tpx::format_diagnostic(d) << '\n';
    std::exit(2);
  }
  return tpx::compile_kb(loaded.model);
}

}  // namespace

int main(int argc, char** argv) {
  tpx::Kb kb = argc > 1 ? load(argv[1]) : tpx::builtin_kb();
  tpx::Resolution query = tpx::resolve(kb, {"temple", "top of shoulder"});
  tpx::Ranking ranking = tpx::rank(kb, query, 1);
  if (ranking.matches.empty()) {
    std::cerr << "no match\n";
    return 1;
  }
  std::cout << kb.str(kb.muscles()[ranking.matches.front().muscle].id) << '\n';
  std::cerr << "(tpx " << TPX_VERSION << ", " << kb.muscles().size() << " muscles from "
            << (argc > 1 ? argv[1] : "the built-in KB") << ")\n";
  return 0;
}
