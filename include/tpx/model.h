// The knowledge-base model: what the YAML files say, as plain values.
//
// The loader fills a Model from kb/ files; validate() checks it; compile()
// turns a valid Model into the image that queries read (see image.h). Every
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

/// A whole knowledge base. Entries keep file order; ids are unique once valid.
struct Model {
  std::vector<std::string> files;  ///< display paths, indexed by Pos::file
  std::vector<Region> regions;
  std::vector<Area> areas;
  std::vector<Symptom> symptoms;
  std::vector<Cause> causes;
  std::vector<Protocol> protocols;
  std::vector<RedFlagConcept> red_flag_concepts;
  std::vector<RedFlag> red_flags;
  std::vector<Muscle> muscles;
};

/// The reasons a `related` entry may give.
inline constexpr const char* kRelatedReasons[] = {
    "satellite", "same-pain-zone", "shares-posture", "synergist", "antagonist"};

}  // namespace tpx

#endif  // TPX_MODEL_H_
