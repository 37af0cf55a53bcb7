// Picture printers: one Scene (tpx/atlas.h) as SVG, as an RGB raster, as a
// terminal picture in half-blocks or plain glyphs, and as a printable HTML
// page. They render the scene's shapes and never choose what to show.
//
// Contract (docs/pictures.md): in the SVG each drawn area is an element
// with id="area-<area id>" and a class that holds "primary", "spillover"
// and/or "asked"; each trigger point's mark has class "trigger-point"; each
// carries a <title> naming it.
#ifndef TPX_PICTURE_H_
#define TPX_PICTURE_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "tpx/atlas.h"
#include "tpx/image.h"

namespace tpx {

struct Rgb {
  std::uint8_t r = 255, g = 255, b = 255;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

/// The palette every picture printer shares, so SVG, raster, terminal and
/// HTML show the same colours at the same place.
namespace palette {
inline constexpr Rgb kBackground{255, 255, 255};
inline constexpr Rgb kBody{243, 235, 228};
inline constexpr Rgb kOutline{107, 91, 83};
inline constexpr Rgb kLine{185, 168, 158};
inline constexpr Rgb kSpillover{246, 165, 160};
inline constexpr Rgb kPrimary{215, 38, 30};
inline constexpr Rgb kAsked{169, 207, 240};
inline constexpr Rgb kAskedEdge{31, 95, 168};
inline constexpr Rgb kMark{17, 17, 17};
/// "#d7261e"
std::string hex(Rgb c);
}  // namespace palette

/// What covers a pixel (the topmost thing covering at least half of it).
enum class Ink : std::uint8_t { kBackground, kBody, kLine, kEdge, kSpillover, kPrimary, kAsked, kMark };

/// A picture in pixels: row-major, top row first.
struct Raster {
  int width = 0, height = 0;
  std::vector<Rgb> pixels;
  std::vector<Ink> ink;
  double scale = 1;  ///< pixels per scene unit
  Rgb at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
  Ink ink_at(int x, int y) const { return ink[static_cast<std::size_t>(y) * width + x]; }
};

/// Rasterises `scene` (anti-aliased) at `scale` pixels per scene unit.
/// `mark_pixels` is the smallest size of an X in pixels.
Raster rasterize(const Scene& scene, double scale, double mark_pixels = 3);

/// Writes `r` as a binary PPM (P6), for tests and for looking at pictures.
void write_ppm(std::ostream& out, const Raster& r);

enum class MapColors { kTrueColor, k256, kNone };

struct MapOptions {
  int columns = 80;   ///< terminal width: the picture fits in it
  int max_rows = 44;  ///< the picture's height in lines at most
  MapColors colors = MapColors::kNone;
};

/// The pixels per scene unit the terminal picture of `scene` uses.
double map_scale(const Scene& scene, const MapOptions& opt);

/// The terminal picture: labels, half-block rows (two pixels a cell) in
/// 24-bit or 256 colours, or glyphs when colours are off, then a legend.
void render_map(std::ostream& out, const Kb& kb, const Scene& scene, const MapOptions& opt);

/// A standalone SVG document of `scene`.
void render_svg(std::ostream& out, const Kb& kb, const Scene& scene);

/// Printable, self-contained HTML pages (inline SVG and CSS, nothing
/// fetched): the map, then what a therapist hands a client: the muscles,
/// where to press, the steps, the warnings and the disclaimer.
void render_html_muscle(std::ostream& out, const Kb& kb, std::uint32_t muscle);
void render_html_where(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking);
void render_html_area(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers);

}  // namespace tpx

#endif  // TPX_PICTURE_H_
