// The drawing model: what a picture shows, as geometry, for every printer.
//
// A Picture says what to draw (areas with their paint, trigger points to
// mark); make_scene() chooses the atlas views that show it best and lays
// them out side by side in one scene frame, with every shape already placed
// (and mirrored to the other side where that helps). The SVG, HTML and
// terminal printers only render a Scene; none of them chooses or places.
//
// Scene frame: x to the right, y down, in scene units. Whole-body views are
// drawn 1000 units tall; close-ups kCloseUpHeight tall. Nothing here knows
// of colours, terminals or files.
#ifndef TPX_ATLAS_H_
#define TPX_ATLAS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tpx/image.h"
#include "tpx/lookup.h"
#include "tpx/rank.h"
#include "tpx/resolve.h"

namespace tpx {

/// How an area is drawn; an area may be several at once (a user's own area
/// that is also a primary zone). Primary is drawn over spillover; asked is
/// an outline drawn over both.
struct AreaPaint {
  std::uint32_t area = 0;
  bool primary = false;
  bool spillover = false;
  bool asked = false;
};

/// What one picture shows.
struct Picture {
  std::string title;
  std::vector<AreaPaint> areas;               ///< each area once
  std::vector<std::uint32_t> trigger_points;  ///< X marks, trigger-point indices
  bool mirror_asked = true;                   ///< draw asked areas on both sides of bilateral views
};

/// A muscle's map: every trigger point's zones and X.
Picture muscle_picture(const Kb& kb, std::uint32_t muscle);
/// `tpx where`: the asked areas and the top match's zones and X marks.
Picture where_picture(const Kb& kb, const Resolution& r, const Ranking& ranking);
/// `tpx area`: the asked areas and where the referring muscles' points lie.
Picture area_picture(const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers);

inline constexpr float kBodyHeight = 1000;    ///< scene height of a whole-body view
inline constexpr float kCloseUpHeight = 500;  ///< scene height of a close-up
inline constexpr float kViewGap = 50;         ///< between views
inline constexpr float kLabelBand = 70;       ///< above the views: label and side labels
inline constexpr float kSceneMargin = 30;     ///< left and right of the views

/// One view placed in the scene: scene = (x + scale * vx, y + scale * vy).
struct SceneView {
  std::uint32_t view = 0;                                ///< index into Kb::views()
  float x = 0, y = 0, scale = 1, width = 0, height = 0;  ///< placement and size in the scene
  std::vector<std::vector<float>> outline;               ///< closed polygons, scene units
  std::vector<std::vector<float>> lines;                 ///< open polylines, scene units
  std::string label;                                     ///< "Back of the body"
  std::string side_note;                                 ///< close-ups: "your right side", "your right hand"...
  std::string left_side, right_side;                     ///< whole-body views: "your right" / "your left" as seen
};

/// One drawn shape of an area (scene units, a closed polygon).
struct SceneShape {
  AreaPaint paint;
  std::size_t view = 0;   ///< index into Scene::views
  bool mirrored = false;  ///< the copy on the other side of the midline
  std::vector<float> points;
};

/// One X mark.
struct SceneMark {
  std::uint32_t trigger_point = 0;
  std::size_t view = 0;
  float x = 0, y = 0;
};

struct Scene {
  std::string title;
  float width = 0, height = 0;
  std::vector<SceneView> views;
  std::vector<SceneShape> shapes;  ///< in drawing order: spillover, then primary, then asked-only
  std::vector<SceneMark> marks;
  bool has_primary = false, has_spillover = false, has_asked = false;
  /// True when nothing could be placed (no atlas, or nothing of the picture in it).
  bool empty() const { return views.empty(); }
};

/// The views that show `p` with as few views as possible, each area on a
/// view where it is drawn large enough to read (a jaw pattern picks the head
/// close-up, a foot pattern the sole), whole-body views first.
std::vector<std::uint32_t> choose_views(const Kb& kb, const Picture& p);

/// Chooses the views and lays out everything `p` shows on them.
Scene make_scene(const Kb& kb, const Picture& p);

}  // namespace tpx

#endif  // TPX_ATLAS_H_
