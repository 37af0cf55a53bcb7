// Shared test fixtures: the small hand-made KB and the real kb/.
#ifndef TPX_TESTS_CORE_TEST_KB_H_
#define TPX_TESTS_CORE_TEST_KB_H_

#include <gtest/gtest.h>

#include <string>

#include "tpx/compile.h"
#include "tpx/load.h"

namespace tpx::test {

inline std::string data_dir() { return TPX_TEST_DATA_DIR; }

/// Loads a KB directory's model and fails the test on any error.
inline Model load_model(const std::string& dir) {
  LoadResult r = load_directory(dir);
  for (const Diagnostic& d : r.diagnostics) {
    if (d.severity == Severity::kError) ADD_FAILURE() << format_diagnostic(d);
  }
  return std::move(r.model);
}

/// Loads a KB directory and fails the test on any error.
inline Kb load_kb(const std::string& dir) {
  LoadResult r = load_directory(dir);
  for (const Diagnostic& d : r.diagnostics) {
    if (d.severity == Severity::kError) ADD_FAILURE() << format_diagnostic(d);
  }
  return compile_kb(r.model);
}

inline const Kb& small_kb() {
  static const Kb kb = load_kb(data_dir() + "/kb-small");
  return kb;
}

inline const Kb& real_kb() {
  static const Kb kb = load_kb(TPX_SOURCE_KB_DIR);
  return kb;
}

}  // namespace tpx::test

#endif  // TPX_TESTS_CORE_TEST_KB_H_
