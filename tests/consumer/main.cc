// Loads a KB's YAML sources through tpx's public API and prints, with the ids
// printer, the muscle that best explains pain at the temple and the top of
// the shoulder; the JSON printer must work too, with no JSON library here.
// Usage: tpx_consumer [KB_DIR]   (default: the KB installed with tpx)
#include <tpx/compile.h>
#include <tpx/diagnostic.h>
#include <tpx/load.h>
#include <tpx/printer.h>
#include <tpx/rank.h>
#include <tpx/resolve.h>
#include <tpx/version.h>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : TPX_CONSUMER_KB_DIR;
  tpx::LoadResult loaded = tpx::load_directory(dir);
  if (!loaded.ok()) {
    for (const tpx::Diagnostic& d : loaded.diagnostics) std::cerr << tpx::format_diagnostic(d) << '\n';
    return 2;
  }
  tpx::Kb kb = tpx::compile_kb(loaded.model);
  tpx::Resolution query = tpx::resolve(kb, {"temple", "top of shoulder"});
  tpx::Ranking ranking = tpx::rank(kb, query, 1);
  if (ranking.matches.empty()) {
    std::cerr << "no match\n";
    return 1;
  }
  std::ostringstream json;
  tpx::make_printer(tpx::Format::kJson, {})->where(json, kb, query, ranking);
  if (json.str().find("\"muscle\":\"trapezius\"") == std::string::npos) {
    std::cerr << "the JSON printer's answer lacks the match: " << json.str();
    return 2;
  }
  tpx::make_printer(tpx::Format::kIds, {})->where(std::cout, kb, query, ranking);
  std::cerr << "(tpx " << TPX_VERSION << ", " << kb.muscles().size() << " muscles from " << dir << ")\n";
  return 0;
}
