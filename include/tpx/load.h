// Loading a knowledge base from YAML: a directory, or in-memory sources.
//
// Loading never throws and never stops at the first problem: it returns the
// model it could read plus every diagnostic, each with file:line:column. A
// result with any error must not be compiled (see ok()).
#ifndef TPX_LOAD_H_
#define TPX_LOAD_H_

#include <filesystem>
#include <string>
#include <vector>

#include "tpx/diagnostic.h"
#include "tpx/kb_files.h"
#include "tpx/limits.h"
#include "tpx/model.h"

namespace tpx {

/// One KB file's text. `rel` is its path inside the KB directory
/// ("regions.yaml", "areas/neck.yaml", "muscles/trapezius.yaml"): it decides
/// what the file holds. `display` is the path used in diagnostics.
struct Source {
  std::string rel;
  std::string display;
  std::string text;
};

struct LoadResult {
  Model model;
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return !has_errors(diagnostics); }
};

/// Reads every *.yaml file below `dir` (sorted by path) and validates them.
LoadResult load_directory(const std::filesystem::path& dir);

/// Parses and validates the given sources (for tests and tools).
LoadResult load_sources(const std::vector<Source>& sources);

/// Reads the files list_kb_files() finds, with their relative paths.
/// Unreadable or oversized files become diagnostics.
std::vector<Source> read_directory(const std::filesystem::path& dir, std::vector<Diagnostic>& diags);

}  // namespace tpx

#endif  // TPX_LOAD_H_
