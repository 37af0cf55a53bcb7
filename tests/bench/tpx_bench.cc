// Google Benchmark: where the time goes, and how it grows with KB size.
// Sizes: 100, 1,000, 10,000 and 100,000 muscles of the synthetic KB.
//   build/tests/tpx_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "synth_kb.h"
#include "tpx/cache.h"
#include "tpx/compile.h"
#include "tpx/image_file.h"
#include "tpx/kb_files.h"
#include "tpx/load.h"
#include "tpx/lookup.h"
#include "tpx/picture.h"
#include "tpx/rank.h"
#include "tpx/resolve.h"

namespace {

namespace fs = std::filesystem;
using namespace tpx;

const Model& model(std::size_t n) {
  static std::map<std::size_t, Model> models;
  auto it = models.find(n);
  if (it == models.end()) it = models.emplace(n, bench::synth_model(n)).first;
  return it->second;
}

const std::vector<std::byte>& image(std::size_t n) {
  static std::map<std::size_t, std::vector<std::byte>> images;
  auto it = images.find(n);
  if (it == images.end()) it = images.emplace(n, compile(model(n))).first;
  return it->second;
}

fs::path kb_dir(std::size_t n) {
  fs::path dir = fs::temp_directory_path() / ("tpx-bench-kb-" + std::to_string(n));
  if (!fs::exists(dir / "muscles")) bench::write_kb(model(n), dir);
  return dir;
}

void BM_LoadYaml(benchmark::State& state) {
  const fs::path dir = kb_dir(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    LoadResult r = load_directory(dir);
    if (!r.ok()) state.SkipWithError("synthetic KB has errors");
    benchmark::DoNotOptimize(r.model.muscles.data());
  }
  state.SetComplexityN(state.range(0));
}

void BM_Compile(benchmark::State& state) {
  const Model& m = model(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(compile(m).data());
  state.counters["image_bytes"] = static_cast<double>(image(static_cast<std::size_t>(state.range(0))).size());
  state.SetComplexityN(state.range(0));
}

void BM_OpenImage(benchmark::State& state) {
  const auto& bytes = image(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::string why;
    auto kb = Kb::open(bytes, nullptr, &why);
    if (!kb) state.SkipWithError(why.c_str());
    benchmark::DoNotOptimize(kb);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
  state.SetComplexityN(state.range(0));
}

void BM_OpenImageLazily(benchmark::State& state) {
  const auto& bytes = image(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::string why;
    auto kb = Kb::open_lazily(bytes, nullptr, &why);
    if (!kb) state.SkipWithError(why.c_str());
    benchmark::DoNotOptimize(kb);
  }
  state.SetComplexityN(state.range(0));
}

// Opening an image file (mapped under a lease, or read) with every check,
// or lazily as --kb FILE does.
template <ImageChecks checks>
void BM_OpenImageFile(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const fs::path path = fs::temp_directory_path() / ("tpx-bench-" + std::to_string(n) + ".tpxi");
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(image(n).data()), static_cast<std::streamsize>(image(n).size()));
  }
  for (auto _ : state) {
    std::string why;
    auto kb = open_image_file(path, &why, checks);
    if (!kb) state.SkipWithError(why.c_str());
    benchmark::DoNotOptimize(kb);
  }
  state.SetComplexityN(state.range(0));
}

void BM_Query(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  auto kb = Kb::open(image(n), nullptr, nullptr);
  const Model& m = model(n);
  // Two popular areas and one rare one, named by their aliases.
  std::vector<std::string> phrases = {m.areas[0].aliases[0].value, m.areas[1].label, m.areas.back().aliases[1].value};
  for (auto _ : state) {
    Ranking r = rank(*kb, resolve(*kb, phrases), 5);
    benchmark::DoNotOptimize(r.matches.data());
  }
  state.SetComplexityN(state.range(0));
}

// A process's first query on a big image: opened lazily, so the query pays
// for verifying the blocks it reads, and nothing else is read.
void BM_FirstQueryLazily(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const Model& m = model(n);
  std::vector<std::string> phrases = {m.areas[0].aliases[0].value, m.areas[1].label, m.areas.back().aliases[1].value};
  for (auto _ : state) {
    auto kb = Kb::open_lazily(image(n), nullptr, nullptr);
    Ranking r = rank(*kb, resolve(*kb, phrases), 5);
    benchmark::DoNotOptimize(r.matches.data());
  }
  state.SetComplexityN(state.range(0));
}

void BM_Fingerprint(benchmark::State& state) {
  const fs::path dir = kb_dir(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::vector<Diagnostic> diags;
    benchmark::DoNotOptimize(kb_fingerprint(dir.string(), diags));
  }
  state.SetComplexityN(state.range(0));
}

// Drawing: choosing and placing the views (make_scene), rasterising and
// printing the 120-column terminal picture in 24-bit colour or plain
// glyphs, the `where temple "top of shoulder"` map, and the SVG of a
// muscle. The KB is $TPX_BENCH_ATLAS_KB, else the source kb/; it must have
// an atlas. docs/performance.md ("Drawing") has the figures.
enum class Draw { kTerminal, kPlain, kWhere, kSvg, kRasterOnly };

const Kb& atlas_kb() {
  const char* dir = std::getenv("TPX_BENCH_ATLAS_KB");
  static const LoadResult loaded = load_directory(dir ? dir : TPX_SOURCE_KB_DIR);
  static const Kb kb = compile_kb(loaded.model);
  return kb;
}

template <Draw kDraw>
void BM_DrawMap(benchmark::State& state) {
  const Kb& kb = atlas_kb();
  const std::optional<std::uint32_t> trapezius = find_muscle(kb, "trapezius").muscle;
  if (kb.views().empty() || !trapezius) {
    state.SkipWithError("no atlas, or no trapezius, in the KB");
    return;
  }
  MapOptions opt;
  opt.columns = 120;
  opt.colors = kDraw == Draw::kPlain ? MapColors::kNone : MapColors::kTrueColor;
  const Resolution asked = resolve(kb, {"temple", "top of shoulder"});
  const Ranking ranking = rank(kb, asked, 5);
  const Scene trapezius_scene = make_scene(kb, muscle_picture(kb, *trapezius));
  for (auto _ : state) {
    std::ostringstream out;
    if (kDraw == Draw::kRasterOnly) {
      benchmark::DoNotOptimize(rasterize(trapezius_scene, map_scale(trapezius_scene, opt)).pixels.data());
      continue;
    }
    const Scene scene = kDraw == Draw::kWhere ? make_scene(kb, where_picture(kb, asked, ranking))
                                              : make_scene(kb, muscle_picture(kb, *trapezius));
    if (kDraw == Draw::kSvg)
      render_svg(out, kb, scene);
    else
      render_map(out, kb, scene, opt);
    benchmark::DoNotOptimize(out.str().size());
  }
}
BENCHMARK(BM_DrawMap<Draw::kTerminal>)->Name("BM_DrawMap/terminal")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DrawMap<Draw::kPlain>)->Name("BM_DrawMap/plain")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DrawMap<Draw::kWhere>)->Name("BM_DrawMap/where")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DrawMap<Draw::kSvg>)->Name("BM_DrawMap/svg")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DrawMap<Draw::kRasterOnly>)->Name("BM_DrawMap/rasterize")->Unit(benchmark::kMicrosecond);

void sizes(benchmark::internal::Benchmark* b) {
  for (int n : {100, 1000, 10000, 100000}) b->Arg(n);
  b->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
}

BENCHMARK(BM_LoadYaml)->Apply(sizes)->Iterations(1);
BENCHMARK(BM_Compile)->Apply(sizes);
BENCHMARK(BM_OpenImage)->Apply(sizes);
BENCHMARK(BM_OpenImageLazily)->Apply(sizes);
BENCHMARK(BM_OpenImageFile<ImageChecks::kAll>)->Name("BM_OpenImageFile/all")->Apply(sizes);
BENCHMARK(BM_OpenImageFile<ImageChecks::kLazily>)->Name("BM_OpenImageFile/lazily")->Apply(sizes);
BENCHMARK(BM_Query)->Apply(sizes);
BENCHMARK(BM_FirstQueryLazily)->Apply(sizes);
BENCHMARK(BM_Fingerprint)->Apply(sizes);

}  // namespace

BENCHMARK_MAIN();
