// The compiled knowledge base: a flat, versioned, position-independent byte
// image, and Kb, the read-only view every query runs on.
//
// Layout: a Header (magic, format version, total size, checksum, section
// table) followed by sections of fixed-size records and, last, the block
// sums: an XXH3 checksum of every 4 KiB block between the header and them.
// Records refer to each other by index and to text by (offset, size) into
// the string section: offsets, never pointers, so the same bytes work
// embedded in the binary, mapped from a file or freshly compiled in memory.
//
// An image is opened one of three ways. Kb::open checks every block and
// every record once. Kb::open_lazily, for a big compiled KB file, checks the
// header, the block sums and the small sections, and then each block the
// first time anything in it is read, so opening costs what a query reads,
// not the size of the image. Kb::open_trusted is for the image built into
// the program. Whichever way, the accessors check every index, range and
// text offset against its section, and throw DamagedImage rather than read
// out of bounds or use bytes whose block does not match its checksum.
#ifndef TPX_IMAGE_H_
#define TPX_IMAGE_H_

#include <atomic>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tpx {

namespace image {

inline constexpr char kMagic[8] = {'T', 'P', 'X', 'K', 'B', 'I', 'M', 'G'};
inline constexpr std::uint32_t kFormatVersion = 9;
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
  Range aliases;   // strs
  Range muscles;   // u32, sorted
  Range culprits;  // u32 muscle indices, most likely first
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
  kBlockSums,  // u64: XXH3 of each kBlockBytes block of [sizeof(Header), this section); always last
  kSectionCount
};

/// The unit of lazy verification: a block is checked the first time
/// anything in it is read.
inline constexpr std::size_t kBlockShift = 12;
inline constexpr std::size_t kBlockBytes = std::size_t{1} << kBlockShift;
/// How many blocks, and so block sums, `covered` bytes take.
constexpr std::size_t block_count(std::uint64_t covered) {
  return static_cast<std::size_t>((covered + kBlockBytes - 1) / kBlockBytes);
}

struct SectionRec {
  std::uint64_t offset, size;  // bytes from the start of the image
};

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t section_count;
  std::uint64_t size;      // whole image, header included
  std::uint64_t checksum;  // of the section table and the block sums
  SectionRec sections[kSectionCount];
};

/// Fills in the block sums and the header's checksum of a laid-out image
/// (header, sections, then a block-sums section of the right size, as the
/// compiler writes it). False, changing nothing, when the header's block
/// sums section is not where and how big sealing needs it.
bool seal(std::span<std::byte> image);

/// The checks of an image's first bytes (at least a Header) that need no
/// more of it: magic, format version, and the size the header gives equal
/// to `image_size`. Empty when they pass, else why not.
std::string check_head(std::span<const std::byte> head, std::uint64_t image_size);

/// Which blocks of a lazily opened image have been read and found to match
/// their sums. Shared by every copy of its Kb; safe to use from several
/// threads (a block two threads check at once is checked twice).
class BlockGuard {
 public:
  /// The blocks of [first, first + length), their sums at `sums`.
  BlockGuard(const std::byte* first, std::size_t length, const std::uint64_t* sums);
  BlockGuard(const BlockGuard&) = delete;
  BlockGuard& operator=(const BlockGuard&) = delete;

  /// Checks the blocks of the `n` bytes at `p` (inside [first, first +
  /// length)) that were not checked yet; throws DamagedImage when one does
  /// not match its sum.
  void touch(const void* p, std::size_t n) const {
    if (n == 0) return;
    const auto off = static_cast<std::size_t>(static_cast<const std::byte*>(p) - first_);
    for (std::size_t b = off >> kBlockShift, last = (off + n - 1) >> kBlockShift; b <= last; ++b) {
      if (!((verified_[b >> 6].load(std::memory_order_relaxed) >> (b & 63)) & 1)) verify(b);
    }
  }
  /// Checks every block: the block number of the first that does not match
  /// its sum, else nullopt.
  std::optional<std::size_t> verify_all() const;
  /// What is wrong with a block that does not match its sum, for people.
  std::string mismatch(std::size_t block) const;

 private:
  bool matches(std::size_t block) const;
  void verify(std::size_t block) const;

  const std::byte* first_;
  std::size_t length_, blocks_;
  const std::uint64_t* sums_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> verified_;
};

/// Thrown by an accessor that would read out of bounds, or read a block of
/// a lazily opened image that does not match its checksum.
[[noreturn]] void damaged(const char* what);

}  // namespace image

/// Why an image was found damaged while it was read (image::damaged).
class DamagedImage : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A run of records of an image, like std::span<const T> except that every
/// index is checked, and every record read is first verified when the image
/// was opened lazily (image::BlockGuard).
template <typename T>
class Records {
 public:
  class iterator {
   public:
    using iterator_concept = std::random_access_iterator_tag;
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    iterator() = default;
    iterator(const T* p, const image::BlockGuard* guard) : p_(p), guard_(guard) {}
    const T& operator*() const {
      if (guard_) guard_->touch(p_, sizeof(T));
      return *p_;
    }
    const T* operator->() const { return &**this; }
    const T& operator[](difference_type n) const { return *(*this + n); }
    iterator& operator++() { return ++p_, *this; }
    iterator operator++(int) { return {p_++, guard_}; }
    iterator& operator--() { return --p_, *this; }
    iterator operator--(int) { return {p_--, guard_}; }
    iterator& operator+=(difference_type n) { return p_ += n, *this; }
    iterator& operator-=(difference_type n) { return p_ -= n, *this; }
    friend iterator operator+(iterator i, difference_type n) { return i += n; }
    friend iterator operator+(difference_type n, iterator i) { return i += n; }
    friend iterator operator-(iterator i, difference_type n) { return i -= n; }
    friend difference_type operator-(const iterator& a, const iterator& b) { return a.p_ - b.p_; }
    friend bool operator==(const iterator& a, const iterator& b) { return a.p_ == b.p_; }
    friend std::strong_ordering operator<=>(const iterator& a, const iterator& b) { return a.p_ <=> b.p_; }

   private:
    const T* p_ = nullptr;
    const image::BlockGuard* guard_ = nullptr;
  };
  using value_type = T;
  using size_type = std::size_t;
  using const_iterator = iterator;

  Records() = default;
  Records(const T* data, std::size_t size, const image::BlockGuard* guard) : data_(data), size_(size), guard_(guard) {}

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  iterator begin() const { return {data_, guard_}; }
  iterator end() const { return {data_ + size_, guard_}; }
  const T& operator[](std::size_t i) const {
    if (i >= size_) image::damaged("a record refers past the end of its section");
    return begin()[static_cast<std::ptrdiff_t>(i)];
  }
  const T& front() const { return (*this)[0]; }
  const T& back() const { return (*this)[size_ - 1]; }
  /// Every record as a std::span, all of them verified first.
  std::span<const T> verified() const {
    if (guard_) guard_->touch(data_, size_ * sizeof(T));
    return {data_, size_};
  }
  /// Records [first, first + count); throws DamagedImage when that is not inside.
  Records subspan(std::size_t first, std::size_t count) const {
    if (first > size_ || count > size_ - first) image::damaged("a range of records runs past the end of its section");
    return {data_ + first, count, guard_};
  }
  /// Records [first, last), two iterators of this run (a binary search's bounds).
  Records subspan(iterator first, iterator last) const {
    return subspan(static_cast<std::size_t>(first - begin()), static_cast<std::size_t>(last - first));
  }

 private:
  const T* data_ = nullptr;
  std::size_t size_ = 0;
  const image::BlockGuard* guard_ = nullptr;
};

/// A read-only view of a compiled KB. Cheap to copy; keeps its bytes alive.
class Kb {
 public:
  /// Checks `bytes` (magic, version, size, checksum, every block and every
  /// offset and index) and returns a view, or nullopt with the reason in
  /// `*error`. `owner` keeps the bytes alive (null for static bytes).
  static std::optional<Kb> open(std::span<const std::byte> bytes, std::shared_ptr<const void> owner,
                                std::string* error);

  /// Opens a big image without reading all of it: checks the header, the
  /// block sums, and the blocks and records of the small sections (regions,
  /// protocols, conditions, red flags, the atlas) as open() does; every
  /// other block is checked the first time something in it is read, and
  /// the accessors throw DamagedImage when it does not match its sum or a
  /// record refers out of bounds. So what a query uses has been verified,
  /// and opening costs what the query reads. Order within the big sections
  /// (terms and postings sorted) is not checked: a damaged image can give a
  /// wrong answer only if its checksums were forged, and never a read out
  /// of bounds.
  static std::optional<Kb> open_lazily(std::span<const std::byte> bytes, std::shared_ptr<const void> owner,
                                       std::string* error);

  /// Opens bytes that were fully checked when they were made and cannot have
  /// changed since: the image built into a program (builtin_kb.h), which
  /// tpx-kbc opens with every check before the build embeds it. Checks only
  /// the header (magic, version, size, section bounds): verifying the
  /// checksum and every record of a read-only part of the executable
  /// would cost more than the rest of a query. Never use it for a file.
  static std::optional<Kb> open_trusted(std::span<const std::byte> bytes, std::string* error);

  std::span<const std::byte> bytes() const { return bytes_; }
  /// True when opened lazily: then any accessor may throw DamagedImage.
  bool verified_as_read() const { return guard_ != nullptr; }
  /// The header's checksum: with the address and size of bytes(), what
  /// tells two images apart.
  std::uint64_t checksum() const { return header().checksum; }

  std::string_view str(image::Str s) const {
    if (static_cast<std::uint64_t>(s.offset) + s.size > strings_size_) image::damaged("a text runs past its section");
    const char* p = reinterpret_cast<const char*>(bytes_.data()) + strings_ + s.offset;
    if (guard_) guard_->touch(p, s.size);
    return {p, s.size};
  }
  Records<image::Str> strs(image::Range r) const { return pool<image::Str>(image::kStrs, r); }
  Records<std::uint32_t> u32s(image::Range r) const { return pool<std::uint32_t>(image::kU32, r); }

  Records<image::RegionRec> regions() const { return all<image::RegionRec>(image::kRegions); }
  Records<image::AreaRec> areas() const { return all<image::AreaRec>(image::kAreas); }
  Records<image::SymptomRec> symptoms() const { return all<image::SymptomRec>(image::kSymptoms); }
  Records<image::CauseRec> causes() const { return all<image::CauseRec>(image::kCauses); }
  Records<image::ConditionRec> conditions() const { return all<image::ConditionRec>(image::kConditions); }
  Records<image::ProtocolRec> protocols() const { return all<image::ProtocolRec>(image::kProtocols); }
  Records<image::RedFlagRec> red_flags() const { return all<image::RedFlagRec>(image::kRedFlags); }
  Records<image::ConceptRec> concepts() const { return all<image::ConceptRec>(image::kConcepts); }
  /// Every distinct word of the red-flag concepts' phrases, sorted.
  Records<image::Str> flag_words() const { return all<image::Str>(image::kFlagWords); }
  Records<image::MuscleRec> muscles() const { return all<image::MuscleRec>(image::kMuscles); }
  Records<image::TermRec> terms() const { return all<image::TermRec>(image::kTerms); }
  /// Every distinct word of the area, symptom, region, cause and condition names, sorted.
  Records<image::Str> words() const { return all<image::Str>(image::kWords); }

  Records<image::TriggerPointRec> trigger_points(image::Range r) const {
    return pool<image::TriggerPointRec>(image::kTriggerPoints, r);
  }
  const image::TriggerPointRec& trigger_point(std::uint32_t i) const {
    return all<image::TriggerPointRec>(image::kTriggerPoints)[i];
  }
  Records<image::ProtocolUseRec> protocol_uses(image::Range r) const {
    return pool<image::ProtocolUseRec>(image::kProtocolUses, r);
  }
  Records<image::RelatedRec> related(image::Range r) const { return pool<image::RelatedRec>(image::kRelated, r); }
  Records<image::PostingRec> postings(image::Range r) const { return pool<image::PostingRec>(image::kPostings, r); }

  /// The body atlas: views, area shapes (by area), trigger-point marks (by
  /// trigger point). Empty when the KB has no atlas.
  Records<image::ViewRec> views() const { return all<image::ViewRec>(image::kViews); }
  Records<image::ShapeRec> shapes() const { return all<image::ShapeRec>(image::kShapes); }
  Records<image::MarkRec> marks() const { return all<image::MarkRec>(image::kMarks); }
  Records<image::Range> paths(image::Range r) const { return pool<image::Range>(image::kPaths, r); }
  Records<float> floats(image::Range r) const { return pool<float>(image::kFloats, r); }
  /// The shapes of one area, on every view.
  Records<image::ShapeRec> shapes_of(std::uint32_t area) const;
  /// The marks of one trigger point (an index into the trigger points section).
  Records<image::MarkRec> marks_of(std::uint32_t trigger_point) const;

  /// The terms whose key is exactly `key` (a normalize_key() result).
  Records<image::TermRec> find_terms(std::string_view key) const;
  /// True when `word` is one of words().
  bool has_word(std::string_view word) const;
  /// True when `word` is one of flag_words().
  bool has_flag_word(std::string_view word) const;

 private:
  enum class Checks { kAll, kLazily, kHeader };
  static std::optional<Kb> open_checked(std::span<const std::byte> bytes, std::shared_ptr<const void> owner,
                                        Checks checks, std::string* error);
  template <typename T>
  Records<T> all(image::Section s) const {
    const image::SectionRec& sec = header().sections[s];
    return {reinterpret_cast<const T*>(bytes_.data() + sec.offset), sec.size / sizeof(T), guard_.get()};
  }
  // A run of a pool is read whole, so it is verified whole, once, and
  // handed out without a guard: iterating it then costs what a span does.
  template <typename T>
  Records<T> pool(image::Section s, image::Range r) const {
    std::span<const T> run = all<T>(s).subspan(r.first, r.count).verified();
    return {run.data(), run.size(), nullptr};
  }
  const image::Header& header() const { return *reinterpret_cast<const image::Header*>(bytes_.data()); }

  std::span<const std::byte> bytes_;
  std::shared_ptr<const void> owner_;
  std::shared_ptr<const image::BlockGuard> guard_;  // null unless opened lazily
  std::size_t strings_ = 0, strings_size_ = 0;
};

}  // namespace tpx

#endif  // TPX_IMAGE_H_
