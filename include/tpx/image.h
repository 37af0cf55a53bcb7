// The compiled knowledge base: a flat, versioned, position-independent byte
// image, and Kb, the read-only view every query runs on.
//
// Layout: a Header (magic, format version, total size, checksum, section
// table) followed by sections of fixed-size records. Records refer to each
// other by index and to text by (offset, size) into the string section:
// offsets, never pointers, so the same bytes work embedded in the binary,
// mapped from a cache file or freshly compiled in memory. Kb::open checks
// every offset and index once, so readers never go out of bounds.
#ifndef TPX_IMAGE_H_
#define TPX_IMAGE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tpx {

namespace image {

inline constexpr char kMagic[8] = {'T', 'P', 'X', 'K', 'B', 'I', 'M', 'G'};
inline constexpr std::uint32_t kFormatVersion = 7;
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

/// Text: bytes [offset, offset + size) of the string section.
struct Str {
  std::uint32_t offset, size;
};
/// A run of records [first, first + count) in one of the pools.
struct Range {
  std::uint32_t first, count;
};

enum class TermKind : std::uint32_t { kArea = 0, kSymptom = 1, kRegion = 2, kCause = 3, kMuscle = 4, kCondition = 5 };
// kCondition is never stored in postings: it marks a muscle a condition names.
enum class Weight : std::uint32_t { kSpillover = 1, kPrimary = 2, kSymptom = 3, kCondition = 4 };

struct RegionRec {
  Str id, label;
  std::uint32_t parent;  // kNone for a top-level body part
  Range aliases;         // strs
  Range areas;           // u32: every area below this region, transitively
};
struct AreaRec {
  Str id, label;
  std::uint32_t region;
  Range aliases;   // strs
  Range postings;  // postings, sorted by muscle
  Range culprits;  // u32 muscle indices, most likely first
};
struct SymptomRec {
  Str id, label;
  Range aliases;   // strs
  Range postings;  // postings (trigger_point kNone), sorted by muscle
  Range culprits;  // u32 muscle indices, most likely first
};
struct CauseRec {
  Str id, label, advice;
  Range aliases;  // strs
  Range muscles;  // u32, sorted
};
struct ConditionRec {
  Str id, label, caveat;  // caveat empty when none
  Range aliases;          // strs
  Range areas;            // u32 area indices: what the name means
  Range symptoms;         // u32 symptom indices
  Range muscles;          // u32 muscle indices, most likely first
  Range sources;          // strs
};
struct ProtocolRec {
  Str id, name, tool, dose;
  Range steps;     // strs
  Range cautions;  // strs
};
/// How soon a red flag needs a doctor, most urgent first; kCaution is a
/// caution (what changes), not a red flag.
enum class Urgency : std::uint32_t { kEmergency = 0, kUrgent = 1, kSoon = 2, kCaution = 3 };
/// In a red flag's presentations (u32): a concept that must be absent.
inline constexpr std::uint32_t kAbsent = 0x80000000u;
struct RedFlagRec {
  Str id, label, message;
  Urgency urgency;
  Range sources;        // strs
  Range presentations;  // u32: concept indices (| kAbsent), each presentation ended by kNone
  Range covers;         // u32: red-flag indices made redundant by this one
};
/// A red-flag concept: its phrase keys and the everyday expressions that
/// cancel them, both as red_flag_key() results.
struct ConceptRec {
  Str id;
  Range phrases;  // strs
  Range unless;   // strs
};
struct MuscleRec {
  Str id, name, location;
  std::uint32_t region;
  Range aka;             // strs
  Range trigger_points;  // trigger_points section
  Range symptoms;        // u32
  Range causes;          // u32
  Range protocols;       // protocol_uses section
  Range cautions;        // strs
  Range related;         // related section
  Range sources;         // strs
};
struct TriggerPointRec {
  Str id, name, location;
  std::uint32_t muscle;
  Range primary, spillover;  // u32 area indices
};
struct ProtocolUseRec {
  std::uint32_t protocol;
  Str notes;
};
struct RelatedRec {
  std::uint32_t muscle;
  Str reason;
};
struct PostingRec {
  std::uint32_t muscle, trigger_point;
  Weight weight;
};
/// One atlas view (docs/kb-schema.md): a frame of width x height with the
/// body's outline (closed polygons) and landmark lines (open polylines).
struct ViewRec {
  Str id, label, facing;
  float width, height, midline;  // midline: the body's axis, or -1 on close-ups
  Range outline;                 // paths
  Range lines;                   // paths
};
/// One shape of an area on a view, as a closed polygon (ellipses are turned
/// into polygons when compiling). Sorted by area, then view.
struct ShapeRec {
  std::uint32_t area, view;
  Range points;  // floats: x1, y1, x2, y2, ...
};
/// Where a trigger point's X is drawn on a view. Sorted by trigger point,
/// then view.
struct MarkRec {
  std::uint32_t trigger_point, view;
  float x, y;
};

/// One normalised name of a term; the terms section is sorted by key.
struct TermRec {
  Str key;
  TermKind kind;
  std::uint32_t target;
};

enum Section : std::uint32_t {
  kStrings,
  kStrs,
  kU32,
  kRegions,
  kAreas,
  kSymptoms,
  kCauses,
  kProtocols,
  kRedFlags,
  kMuscles,
  kTriggerPoints,
  kProtocolUses,
  kRelated,
  kPostings,
  kTerms,
  kWords,
  kConcepts,
  kFlagWords,
  kViews,
  kShapes,
  kMarks,
  kPaths,
  kFloats,
  kConditions,
  kSectionCount
};

struct SectionRec {
  std::uint64_t offset, size;  // bytes from the start of the image
};

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t section_count;
  std::uint64_t size;      // whole image, header included
  std::uint64_t checksum;  // of every byte after the header
  SectionRec sections[kSectionCount];
};

/// The checksum stored in the header, over `bytes`.
std::uint64_t checksum(std::span<const std::byte> bytes);

/// The checks of an image's first bytes (at least a Header) that need no
/// more of it: magic, format version, and the size the header gives equal
/// to `image_size`. Empty when they pass, else why not.
std::string check_head(std::span<const std::byte> head, std::uint64_t image_size);

}  // namespace image

/// A read-only view of a compiled KB. Cheap to copy; keeps its bytes alive.
class Kb {
 public:
  /// Checks `bytes` (magic, version, size, checksum, every offset and index)
  /// and returns a view, or nullopt with the reason in `*error`. `owner`
  /// keeps the bytes alive (null for static bytes).
  static std::optional<Kb> open(std::span<const std::byte> bytes, std::shared_ptr<const void> owner,
                                std::string* error);

  /// Opens bytes that were fully checked when they were made and cannot have
  /// changed since: the image built into a program (builtin_kb.h), which
  /// tpx-kbc opens with every check before the build embeds it. Checks only
  /// the header (magic, version, size, section bounds): verifying the
  /// checksum and every record of a read-only part of the executable
  /// would cost more than the rest of a query. Never use it for a file.
  static std::optional<Kb> open_trusted(std::span<const std::byte> bytes, std::string* error);

  std::span<const std::byte> bytes() const { return bytes_; }

  std::string_view str(image::Str s) const {
    return {reinterpret_cast<const char*>(bytes_.data()) + strings_ + s.offset, s.size};
  }
  std::span<const image::Str> strs(image::Range r) const { return pool<image::Str>(image::kStrs, r); }
  std::span<const std::uint32_t> u32s(image::Range r) const { return pool<std::uint32_t>(image::kU32, r); }

  std::span<const image::RegionRec> regions() const { return all<image::RegionRec>(image::kRegions); }
  std::span<const image::AreaRec> areas() const { return all<image::AreaRec>(image::kAreas); }
  std::span<const image::SymptomRec> symptoms() const { return all<image::SymptomRec>(image::kSymptoms); }
  std::span<const image::CauseRec> causes() const { return all<image::CauseRec>(image::kCauses); }
  std::span<const image::ConditionRec> conditions() const { return all<image::ConditionRec>(image::kConditions); }
  std::span<const image::ProtocolRec> protocols() const { return all<image::ProtocolRec>(image::kProtocols); }
  std::span<const image::RedFlagRec> red_flags() const { return all<image::RedFlagRec>(image::kRedFlags); }
  std::span<const image::ConceptRec> concepts() const { return all<image::ConceptRec>(image::kConcepts); }
  /// Every distinct word of the red-flag concepts' phrases, sorted.
  std::span<const image::Str> flag_words() const { return all<image::Str>(image::kFlagWords); }
  std::span<const image::MuscleRec> muscles() const { return all<image::MuscleRec>(image::kMuscles); }
  std::span<const image::TermRec> terms() const { return all<image::TermRec>(image::kTerms); }
  /// Every distinct word of the area, symptom, region, cause and condition names, sorted.
  std::span<const image::Str> words() const { return all<image::Str>(image::kWords); }

  std::span<const image::TriggerPointRec> trigger_points(image::Range r) const {
    return pool<image::TriggerPointRec>(image::kTriggerPoints, r);
  }
  const image::TriggerPointRec& trigger_point(std::uint32_t i) const {
    return all<image::TriggerPointRec>(image::kTriggerPoints)[i];
  }
  std::span<const image::ProtocolUseRec> protocol_uses(image::Range r) const {
    return pool<image::ProtocolUseRec>(image::kProtocolUses, r);
  }
  std::span<const image::RelatedRec> related(image::Range r) const {
    return pool<image::RelatedRec>(image::kRelated, r);
  }
  std::span<const image::PostingRec> postings(image::Range r) const {
    return pool<image::PostingRec>(image::kPostings, r);
  }

  /// The body atlas: views, area shapes (by area), trigger-point marks (by
  /// trigger point). Empty when the KB has no atlas.
  std::span<const image::ViewRec> views() const { return all<image::ViewRec>(image::kViews); }
  std::span<const image::ShapeRec> shapes() const { return all<image::ShapeRec>(image::kShapes); }
  std::span<const image::MarkRec> marks() const { return all<image::MarkRec>(image::kMarks); }
  std::span<const image::Range> paths(image::Range r) const { return pool<image::Range>(image::kPaths, r); }
  std::span<const float> floats(image::Range r) const { return pool<float>(image::kFloats, r); }
  /// The shapes of one area, on every view.
  std::span<const image::ShapeRec> shapes_of(std::uint32_t area) const;
  /// The marks of one trigger point (an index into the trigger points section).
  std::span<const image::MarkRec> marks_of(std::uint32_t trigger_point) const;

  /// The terms whose key is exactly `key` (a normalize_key() result).
  std::span<const image::TermRec> find_terms(std::string_view key) const;
  /// True when `word` is one of words().
  bool has_word(std::string_view word) const;
  /// True when `word` is one of flag_words().
  bool has_flag_word(std::string_view word) const;

 private:
  static std::optional<Kb> open_checked(std::span<const std::byte> bytes, std::shared_ptr<const void> owner, bool full,
                                        std::string* error);
  template <typename T>
  std::span<const T> all(image::Section s) const {
    const image::SectionRec& sec = header().sections[s];
    return {reinterpret_cast<const T*>(bytes_.data() + sec.offset), sec.size / sizeof(T)};
  }
  template <typename T>
  std::span<const T> pool(image::Section s, image::Range r) const {
    return all<T>(s).subspan(r.first, r.count);
  }
  const image::Header& header() const { return *reinterpret_cast<const image::Header*>(bytes_.data()); }

  std::span<const std::byte> bytes_;
  std::shared_ptr<const void> owner_;
  std::size_t strings_ = 0;
};

}  // namespace tpx

#endif  // TPX_IMAGE_H_
