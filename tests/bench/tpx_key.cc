// tpx-key DIR: prints the cache key of a KB directory, the listing and stat
// of every YAML file that a warm `tpx --kb DIR` query must make before it
// may trust a cached image. Timed beside the warm query by hyperfine.sh, it
// shows how much of that query is the key and how much is everything else.
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "tpx/diagnostic.h"
#include "tpx/kb_files.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: tpx-key DIR\n";
    return 2;
  }
  std::vector<tpx::Diagnostic> diags;
  std::optional<std::string> key = tpx::kb_fingerprint(argv[1], diags);
  for (const tpx::Diagnostic& d : diags) std::cerr << "tpx-key: " << d.file << ": " << d.message << '\n';
  if (!key) return 2;
  std::cout << *key << '\n';
  return 0;
}
