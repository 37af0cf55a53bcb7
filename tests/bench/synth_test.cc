// The synthetic KB is valid, and writing then loading it changes nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "synth_kb.h"
#include "tpx/compile.h"
#include "tpx/load.h"

namespace tpx {
namespace {

TEST(Synth, WrittenKbLoadsBackToTheSameImage) {
  Model m = bench::synth_model(300, 7);
  auto dir = std::filesystem::temp_directory_path() / ("tpx-synth-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  bench::write_kb(m, dir);
  LoadResult loaded = load_directory(dir);
  for (const Diagnostic& d : loaded.diagnostics) {
    if (d.severity == Severity::kError) ADD_FAILURE() << format_diagnostic(d);
  }
  EXPECT_EQ(loaded.model.muscles.size(), 300u);
  EXPECT_EQ(compile(loaded.model), compile(m));
  std::filesystem::remove_all(dir);
}

TEST(Synth, IsDeterministic) { EXPECT_EQ(compile(bench::synth_model(50, 1)), compile(bench::synth_model(50, 1))); }

}  // namespace
}  // namespace tpx
