// The knowledge-base model: what the YAML files say, as plain values.
//
// load_directory() and load_sources() (load.h) fill a Model from kb/ files
// and validate it (cross-file checks: src/core/validate.cc); compile_kb()
// (compile.h) turns a Model that loaded without errors into the image that
// queries read (see image.h). Every
// id and reference keeps the position it was read from, so validation can
// point at the exact file:line:column.
#ifndef TPX_MODEL_H_
#define TPX_MODEL_H_

#include <string>
#include <vector>

namespace tpx {

/// A position in a KB file: index into Model::files, 1-based line and column.
struct Pos {
  int file = -1;
  int line = 0;
  int column = 0;
};

/// A string value (an id, a reference or an alias) and where it was written.
struct Text {
  std::string value;
  Pos pos;
};

struct Region {
  Text id;
  std::string label;
  Text parent;  ///< empty value: a top-level body part
  std::vector<Text> aliases;
};

struct Area {
  Text id;
  std::string label;
  Text region;
  std::vector<Text> aliases;
  std::vector<Text> culprits;  ///< muscle ids, most likely first (a pain guide's order)
};

struct Symptom {
  Text id;
  std::string label;
  std::vector<Text> aliases;
  std::vector<Text> culprits;  ///< muscle ids, most likely first
};

struct Cause {
  Text id;
  std::string label;
  std::vector<Text> aliases;
  std::string advice;
  std::vector<Text> culprits;  ///< muscle ids the references name first for it, most likely first
};

/// A name people give their pain ("migraine", "shin splints"): the areas and
/// symptoms it means and the muscles the references name as able to cause or
/// mimic it, most likely first. Not a diagnosis; `caveat` names the nerve,
/// joint or tendon that may be the real cause, where there is one.
struct Condition {
  Text id;
  std::string label;
  std::vector<Text> aliases;
  std::vector<Text> areas;
  std::vector<Text> symptoms;
  std::vector<Text> muscles;
  std::string caveat;
  std::vector<std::string> sources;
};

struct Protocol {
  Text id;
  std::string name;
  std::string tool;
  std::vector<std::string> steps;
  std::string dose;
  std::vector<std::string> cautions;
};

/// One idea a person may mention (a site, a quality, a trigger, a time
/// course, a history), found by its phrases unless inside an everyday
/// expression. See docs/safety.md.
struct RedFlagConcept {
  Text id;
  std::vector<Text> phrases;
  std::vector<Text> unless;  ///< everyday expressions that hold a phrase but not the idea
};

/// A red flag (or, with urgency "caution", a caution): it fires when every
/// concept of one of its presentations is found across a query's phrases.
struct RedFlag {
  Text id;
  std::string label;
  Text urgency;  ///< emergency, urgent, soon or caution
  std::string message;
  std::vector<std::string> sources;
  std::vector<std::vector<Text>> presentations;  ///< concept ids; "!id" must be absent
  std::vector<Text> covers;                      ///< milder flag ids this one makes redundant
};

struct TriggerPoint {
  Text id;
  std::string name;
  std::string location;
  std::vector<Text> primary;
  std::vector<Text> spillover;
};

struct ProtocolUse {
  Text id;
  std::string notes;
};

struct Related {
  Text id;
  Text reason;
};

struct Muscle {
  Text id;
  std::string name;
  std::vector<Text> aka;
  Text region;
  std::string location;
  std::vector<TriggerPoint> trigger_points;
  std::vector<Text> symptoms;
  std::vector<Text> causes;
  std::vector<ProtocolUse> protocols;
  std::vector<std::string> cautions;
  std::vector<Related> related;
  std::vector<std::string> sources;
};

/// One shape of an area on an atlas view, in the view's own frame.
/// A polygon holds x1, y1, x2, y2, ... (closed implicitly, at least 3
/// points); an ellipse holds cx, cy, rx, ry and a rotation in degrees,
/// clockwise (0 when not given).
struct AtlasShape {
  enum class Kind { kPolygon, kEllipse };
  Kind kind = Kind::kPolygon;
  std::vector<double> values;
  Pos pos;
};

/// An area's shapes on one view.
struct AtlasArea {
  Text area;  ///< an area id
  std::vector<AtlasShape> shapes;
};

/// Where a trigger point's X is drawn on one view.
struct AtlasPoint {
  Text muscle;         ///< the muscle id (before the '/' of the key)
  Text trigger_point;  ///< the trigger point id (after the '/')
  double x = 0, y = 0;
};

/// A flat list of coordinates x1, y1, x2, y2, ... and where it was written.
struct Polyline {
  std::vector<double> values;
  Pos pos;
};

/// One picture of the body (kb/atlas/<id>.yaml): a silhouette, landmark
/// lines, the areas' shapes and the trigger points' positions, all in a
/// frame from (0, 0) at the top left to (width, height).
struct AtlasView {
  Text id;
  std::string label;
  double width = 0, height = 0;
  Text facing;  ///< front, back, right-side, left-side, palm, back-of-hand or sole
  bool has_midline = false;
  double midline = 0;             ///< x of the body's axis on whole-body views (for mirroring)
  std::vector<Polyline> outline;  ///< closed polygons
  std::vector<Polyline> lines;    ///< open polylines
  std::vector<AtlasArea> areas;
  std::vector<AtlasPoint> points;
};

/// The values `facing` may take.
inline constexpr const char* kFacings[] = {"front", "back", "right-side", "left-side", "palm", "back-of-hand", "sole"};

/// A whole knowledge base. Entries keep file order; ids are unique once valid.
struct Model {
  std::vector<std::string> files;  ///< display paths, indexed by Pos::file
  std::vector<Region> regions;
  std::vector<Area> areas;
  std::vector<Symptom> symptoms;
  std::vector<Cause> causes;
  std::vector<Condition> conditions;
  std::vector<Protocol> protocols;
  std::vector<RedFlagConcept> red_flag_concepts;
  std::vector<RedFlag> red_flags;
  std::vector<Muscle> muscles;
  std::vector<AtlasView> views;  ///< the body atlas (kb/atlas/*.yaml); may be empty
};

/// The reasons a `related` entry may give.
inline constexpr const char* kRelatedReasons[] = {"satellite", "same-pain-zone", "shares-posture", "synergist",
                                                  "antagonist"};

}  // namespace tpx

#endif  // TPX_MODEL_H_
