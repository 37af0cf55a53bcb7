// tpx-raster: one muscle's map through tpx's own rasteriser, as a binary
// PPM, for the probe test (tests/pictures/probe.py) to compare with what a
// real SVG renderer draws at the same points.
//
//   tpx-raster KB_DIR MUSCLE SCALE > out.ppm
#include <cstdlib>
#include <iostream>

#include "tpx/atlas.h"
#include "tpx/compile.h"
#include "tpx/load.h"
#include "tpx/lookup.h"
#include "tpx/picture.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: tpx-raster KB_DIR MUSCLE SCALE > out.ppm\n";
    return 2;
  }
  tpx::LoadResult loaded = tpx::load_directory(argv[1]);
  if (!loaded.ok()) {
    for (const auto& d : loaded.diagnostics) std::cerr << tpx::format_diagnostic(d) << '\n';
    return 2;
  }
  tpx::Kb kb = tpx::compile_kb(loaded.model);
  tpx::MuscleLookup found = tpx::find_muscle(kb, argv[2]);
  if (!found.muscle) {
    std::cerr << "tpx-raster: no muscle " << argv[2] << '\n';
    return 2;
  }
  const tpx::Scene scene = tpx::make_scene(kb, tpx::muscle_picture(kb, *found.muscle));
  tpx::write_ppm(std::cout, tpx::rasterize(scene, std::atof(argv[3])));
  return std::cout ? 0 : 2;
}
