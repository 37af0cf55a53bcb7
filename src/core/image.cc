// Opening an image: the checks of its header, block sums and records. A
// damaged, truncated or hostile image is refused with a reason, or, opened
// lazily, found out where it is read; never read out of bounds.
#include "tpx/image.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstddef>
#include <cstring>

#include "hash.h"

namespace tpx {
namespace image {

namespace {

// The header's checksum: of its section table, then of the block sums.
std::uint64_t header_checksum(const Header& h, const std::byte* image) {
  const SectionRec& sums = h.sections[kBlockSums];
  return detail::hash64(image + sums.offset, sums.size, detail::hash64(h.sections, sizeof h.sections));
}

}  // namespace

bool seal(std::span<std::byte> image) {
  if (image.size() < sizeof(Header) || reinterpret_cast<std::uintptr_t>(image.data()) % 8 != 0) return false;
  auto& h = *reinterpret_cast<Header*>(image.data());
  const SectionRec& sums = h.sections[kBlockSums];
  if (sums.offset < sizeof(Header) || sums.offset > image.size() || sums.offset % 8 != 0 ||
      sums.size != image.size() - sums.offset || sums.size != 8 * block_count(sums.offset - sizeof(Header)))
    return false;
  auto* out = reinterpret_cast<std::uint64_t*>(image.data() + sums.offset);
  for (std::uint64_t at = sizeof(Header), b = 0; at < sums.offset; at += kBlockBytes, ++b)
    out[b] = detail::block_hash(image.data() + at, std::min<std::uint64_t>(kBlockBytes, sums.offset - at));
  h.checksum = header_checksum(h, image.data());
  return true;
}

BlockGuard::BlockGuard(const std::byte* first, std::size_t length, const std::uint64_t* sums)
    : first_(first),
      length_(length),
      blocks_(block_count(length)),
      sums_(sums),
      verified_(new std::atomic<std::uint64_t>[(blocks_ + 63) / 64]) {
  for (std::size_t i = 0; i < (blocks_ + 63) / 64; ++i) verified_[i].store(0, std::memory_order_relaxed);
}

bool BlockGuard::matches(std::size_t block) const {
  const std::size_t at = block * kBlockBytes;
  return detail::block_hash(first_ + at, std::min(kBlockBytes, length_ - at)) == sums_[block];
}

void BlockGuard::verify(std::size_t block) const {
  if (block >= blocks_) damaged("a read outside the checked blocks");
  if (!matches(block)) throw DamagedImage(mismatch(block));
  verified_[block >> 6].fetch_or(std::uint64_t{1} << (block & 63), std::memory_order_relaxed);
}

std::optional<std::size_t> BlockGuard::verify_all() const {
  for (std::size_t b = 0; b < blocks_; ++b) {
    if (!matches(b)) return b;
    verified_[b >> 6].fetch_or(std::uint64_t{1} << (b & 63), std::memory_order_relaxed);
  }
  return std::nullopt;
}

std::string BlockGuard::mismatch(std::size_t block) const {
  return fmt::format("damaged image: block {} (bytes {} to {}) does not match its checksum", block,
                     sizeof(Header) + block * kBlockBytes,
                     sizeof(Header) + std::min(length_, (block + 1) * kBlockBytes) - 1);
}

void damaged(const char* what) { throw DamagedImage(fmt::format("damaged image: {}", what)); }

std::string check_head(std::span<const std::byte> head, std::uint64_t image_size) {
  Header h;
  if (head.size() < sizeof h) return "not a tpx KB image (too short)";
  std::memcpy(&h, head.data(), sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) return "not a tpx KB image (bad magic)";
  if (h.version != kFormatVersion)
    return fmt::format("image format version {} (this tpx reads {})", h.version, kFormatVersion);
  if (h.size != image_size) return fmt::format("image is {} bytes but its header says {}", image_size, h.size);
  return {};
}

}  // namespace image

namespace {

using namespace image;

// Bounds checks for one opened image. With a guard (an image opened
// lazily), each block is verified before the checks read it.
class Checker {
 public:
  Checker(std::span<const std::byte> bytes, const Header& h, const BlockGuard* guard)
      : bytes_(bytes), h_(h), guard_(guard) {}

  std::size_t count(Section s, std::size_t record_size) const { return h_.sections[s].size / record_size; }

  bool str(Str s) const { return static_cast<std::uint64_t>(s.offset) + s.size <= h_.sections[kStrings].size; }
  bool range(Range r, Section pool, std::size_t record_size) const {
    return static_cast<std::uint64_t>(r.first) + r.count <= count(pool, record_size);
  }
  bool strs(Range r) const {
    if (!range(r, kStrs, sizeof(Str))) return false;
    const Str* p = raw<Str>(kStrs) + r.first;
    touch(p, r.count * sizeof(Str));
    return std::all_of(p, p + r.count, [&](Str s) { return str(s); });
  }
  bool indices(Range r, std::size_t limit) const {
    if (!range(r, kU32, sizeof(std::uint32_t))) return false;
    const std::uint32_t* p = raw<std::uint32_t>(kU32) + r.first;
    touch(p, r.count * sizeof(std::uint32_t));
    return std::all_of(p, p + r.count, [&](std::uint32_t v) { return v < limit; });
  }
  bool index(std::uint32_t v, std::size_t limit, bool none_ok = false) const {
    return v < limit || (none_ok && v == kNone);
  }
  // The records of a whole section, verified.
  template <typename T>
  const T* records(Section s) const {
    touch(raw<T>(s), h_.sections[s].size);
    return raw<T>(s);
  }
  // An area's postings name the trigger point that refers there, primary or
  // spillover; a symptom's postings name none. Both are in muscle order.
  // Readers rely on all three.
  bool area_postings(Range r, std::size_t muscles, std::size_t tps) const {
    if (!range(r, kPostings, sizeof(PostingRec))) return false;
    const PostingRec* p = raw<PostingRec>(kPostings) + r.first;
    touch(p, r.count * sizeof(PostingRec));
    return in_muscle_order(p, r.count) && std::all_of(p, p + r.count, [&](const PostingRec& x) {
             return x.muscle < muscles && x.trigger_point < tps &&
                    (x.weight == Weight::kPrimary || x.weight == Weight::kSpillover);
           });
  }
  bool symptom_postings(Range r, std::size_t muscles) const {
    if (!range(r, kPostings, sizeof(PostingRec))) return false;
    const PostingRec* p = raw<PostingRec>(kPostings) + r.first;
    touch(p, r.count * sizeof(PostingRec));
    return in_muscle_order(p, r.count) && std::all_of(p, p + r.count, [&](const PostingRec& x) {
             return x.muscle < muscles && x.trigger_point == kNone && x.weight == Weight::kSymptom;
           });
  }
  static bool in_muscle_order(const PostingRec* p, std::uint32_t count) {
    return std::is_sorted(p, p + count, [](const PostingRec& x, const PostingRec& y) { return x.muscle < y.muscle; });
  }

 private:
  template <typename T>
  const T* raw(Section s) const {
    return reinterpret_cast<const T*>(bytes_.data() + h_.sections[s].offset);
  }
  void touch(const void* p, std::size_t n) const {
    if (guard_) guard_->touch(p, n);
  }

  std::span<const std::byte> bytes_;
  const Header& h_;
  const BlockGuard* guard_;
};

constexpr std::size_t kRecordSize[kSectionCount] = {1,
                                                    sizeof(Str),
                                                    sizeof(std::uint32_t),
                                                    sizeof(RegionRec),
                                                    sizeof(AreaRec),
                                                    sizeof(SymptomRec),
                                                    sizeof(CauseRec),
                                                    sizeof(ProtocolRec),
                                                    sizeof(RedFlagRec),
                                                    sizeof(MuscleRec),
                                                    sizeof(TriggerPointRec),
                                                    sizeof(ProtocolUseRec),
                                                    sizeof(RelatedRec),
                                                    sizeof(PostingRec),
                                                    sizeof(TermRec),
                                                    sizeof(Str),
                                                    sizeof(ConceptRec),
                                                    sizeof(Str),
                                                    sizeof(ViewRec),
                                                    sizeof(ShapeRec),
                                                    sizeof(MarkRec),
                                                    sizeof(Range),
                                                    sizeof(float),
                                                    sizeof(ConditionRec),
                                                    sizeof(std::uint64_t)};

// Magic, version, size, every section inside the image and before the block
// sums, which are last, one per block of what lies between; with
// `verify_checksum`, the header's checksum of the section table and sums.
std::string check_header(std::span<const std::byte> bytes, const Header& h, bool verify_checksum) {
  if (std::string why = image::check_head(bytes, bytes.size()); !why.empty()) return why;
  if (h.section_count != kSectionCount) return "wrong number of sections";
  const SectionRec& sums = h.sections[kBlockSums];
  for (std::uint32_t s = 0; s < kSectionCount; ++s) {
    const SectionRec& sec = h.sections[s];
    if (sec.offset < sizeof(Header) || sec.offset > h.size || sec.size > h.size - sec.offset || sec.offset % 8 != 0 ||
        sec.size % kRecordSize[s] != 0 || (s != kBlockSums && sec.offset + sec.size > sums.offset))
      return fmt::format("section {} is out of bounds", s);
  }
  if (sums.offset + sums.size != h.size || sums.size != 8 * block_count(sums.offset - sizeof(Header)))
    return "the block sums do not cover the image";
  if (verify_checksum && header_checksum(h, bytes.data()) != h.checksum)
    return "damaged image: the header does not match its checksum";
  return {};
}

// The atlas: every path a run of x, y pairs inside the float pool, every
// shape and mark naming a real view, area and trigger point, in the order
// shapes_of() and marks_of() binary-search. Coordinates themselves are not
// checked here (that would cost every query); the drawing code clamps them.
std::string check_atlas(const Kb& kb, const Checker& c, std::size_t n_areas, std::size_t n_tps) {
  auto bad = [](std::string_view what) { return fmt::format("damaged image: bad {} record", what); };
  const std::size_t n_views = kb.views().size();
  const auto* paths = c.records<Range>(kPaths);
  const std::size_t n_paths = c.count(kPaths, sizeof(Range));
  for (std::size_t i = 0; i < n_paths; ++i)
    if (!c.range(paths[i], kFloats, sizeof(float)) || paths[i].count % 2 != 0 || paths[i].count < 4)
      return bad("atlas path");
  for (const auto& v : kb.views())
    if (!c.str(v.id) || !c.str(v.label) || !c.str(v.facing) || !c.range(v.outline, kPaths, sizeof(Range)) ||
        !c.range(v.lines, kPaths, sizeof(Range)) || !(v.width > 0) || !(v.height > 0))
      return bad("atlas view");
  const ShapeRec* prev_shape = nullptr;
  for (const auto& s : kb.shapes()) {
    if (s.area >= n_areas || s.view >= n_views || !c.range(s.points, kFloats, sizeof(float)) ||
        s.points.count % 2 != 0 || s.points.count < 6 || (prev_shape && prev_shape->area > s.area))
      return bad("atlas shape");
    prev_shape = &s;
  }
  const MarkRec* prev_mark = nullptr;
  for (const auto& m : kb.marks()) {
    if (m.trigger_point >= n_tps || m.view >= n_views || (prev_mark && prev_mark->trigger_point > m.trigger_point))
      return bad("atlas mark");
    prev_mark = &m;
  }
  return {};
}

// The red-flag screen walks presentations to their kNone ends and binary-
// searches the flag words, so both are checked here.
std::string check_red_flags(const Kb& kb, const Checker& c) {
  const std::size_t n_concepts = kb.concepts().size(), n_flags = kb.red_flags().size();
  for (const auto& x : kb.concepts())
    if (!c.str(x.id) || !c.strs(x.phrases) || !c.strs(x.unless)) return "damaged image: bad concept record";
  for (const auto& f : kb.red_flags()) {
    bool ok = c.str(f.id) && c.str(f.label) && c.str(f.message) && c.strs(f.sources) &&
              static_cast<std::uint32_t>(f.urgency) <= static_cast<std::uint32_t>(Urgency::kCaution) &&
              c.indices(f.covers, n_flags) && c.range(f.presentations, kU32, sizeof(std::uint32_t));
    if (ok) {
      auto p = kb.u32s(f.presentations);
      ok = p.empty() || p.back() == kNone;
      for (std::uint32_t v : p) ok = ok && (v == kNone || (v & ~kAbsent) < n_concepts);
    }
    if (!ok) return "damaged image: bad red flag record";
  }
  const Str* prev = nullptr;
  for (const auto& w : kb.flag_words()) {
    if (!c.str(w)) return "damaged image: bad flag word";
    if (prev && kb.str(*prev) >= kb.str(w)) return "damaged image: flag words are not sorted";
    prev = &w;
  }
  return {};
}

// The small sections, whose size does not grow with the number of muscles:
// checked whenever an image is opened, lazily or not.
std::string check_small(const Kb& kb, const Checker& c) {
  const std::size_t n_regions = kb.regions().size(), n_areas = kb.areas().size(), n_muscles = kb.muscles().size();
  auto bad = [](std::string_view what) { return fmt::format("damaged image: bad {} record", what); };
  for (const auto& r : kb.regions())
    if (!c.str(r.id) || !c.str(r.label) || !c.index(r.parent, n_regions, true) || !c.strs(r.aliases) ||
        !c.indices(r.areas, n_areas))
      return bad("region");
  for (const auto& x : kb.conditions())
    if (!c.str(x.id) || !c.str(x.label) || !c.str(x.caveat) || !c.strs(x.aliases) || !c.indices(x.areas, n_areas) ||
        !c.indices(x.symptoms, kb.symptoms().size()) || !c.indices(x.muscles, n_muscles) || !c.strs(x.sources))
      return bad("condition");
  for (const auto& p : kb.protocols())
    if (!c.str(p.id) || !c.str(p.name) || !c.str(p.tool) || !c.str(p.dose) || !c.strs(p.steps) || !c.strs(p.cautions))
      return bad("protocol");
  if (std::string why = check_red_flags(kb, c); !why.empty()) return why;
  return check_atlas(kb, c, n_areas, c.count(kTriggerPoints, sizeof(TriggerPointRec)));
}

// The big sections, which grow with the KB: checked record by record when
// an image is opened with every check; opened lazily, the accessors check
// what is read instead.
std::string check_big(const Kb& kb, const Checker& c) {
  const std::size_t n_regions = kb.regions().size(), n_areas = kb.areas().size(), n_muscles = kb.muscles().size();
  const std::size_t n_tps = c.count(kTriggerPoints, sizeof(TriggerPointRec));
  auto bad = [](std::string_view what) { return fmt::format("damaged image: bad {} record", what); };
  for (const auto& a : kb.areas())
    if (!c.str(a.id) || !c.str(a.label) || !c.index(a.region, n_regions) || !c.strs(a.aliases) ||
        !c.area_postings(a.postings, n_muscles, n_tps) || !c.indices(a.culprits, n_muscles))
      return bad("area");
  for (const auto& s : kb.symptoms())
    if (!c.str(s.id) || !c.str(s.label) || !c.strs(s.aliases) || !c.symptom_postings(s.postings, n_muscles) ||
        !c.indices(s.culprits, n_muscles))
      return bad("symptom");
  for (const auto& x : kb.causes())
    if (!c.str(x.id) || !c.str(x.label) || !c.str(x.advice) || !c.strs(x.aliases) || !c.indices(x.muscles, n_muscles) ||
        !c.indices(x.culprits, n_muscles))
      return bad("cause");
  const std::size_t n_protocols = kb.protocols().size();
  const auto* tps = c.records<TriggerPointRec>(kTriggerPoints);
  for (std::size_t i = 0; i < n_tps; ++i)
    if (!c.str(tps[i].id) || !c.str(tps[i].name) || !c.str(tps[i].location) || !c.index(tps[i].muscle, n_muscles) ||
        !c.indices(tps[i].primary, n_areas) || !c.indices(tps[i].spillover, n_areas))
      return bad("trigger point");
  const auto* uses = c.records<ProtocolUseRec>(kProtocolUses);
  for (std::size_t i = 0; i < c.count(kProtocolUses, sizeof(ProtocolUseRec)); ++i)
    if (!c.index(uses[i].protocol, n_protocols) || !c.str(uses[i].notes)) return bad("protocol use");
  const auto* rel = c.records<RelatedRec>(kRelated);
  for (std::size_t i = 0; i < c.count(kRelated, sizeof(RelatedRec)); ++i)
    if (!c.index(rel[i].muscle, n_muscles) || !c.str(rel[i].reason)) return bad("related");
  for (const auto& m : kb.muscles())
    if (!c.str(m.id) || !c.str(m.name) || !c.str(m.location) || !c.index(m.region, n_regions) || !c.strs(m.aka) ||
        !c.range(m.trigger_points, kTriggerPoints, sizeof(TriggerPointRec)) || m.trigger_points.count == 0 ||
        !c.indices(m.symptoms, kb.symptoms().size()) || !c.indices(m.causes, kb.causes().size()) ||
        !c.range(m.protocols, kProtocolUses, sizeof(ProtocolUseRec)) || m.protocols.count == 0 || !c.strs(m.cautions) ||
        !c.range(m.related, kRelated, sizeof(RelatedRec)) || !c.strs(m.sources))
      return bad("muscle");
  const std::size_t limits[] = {n_areas,   kb.symptoms().size(),  n_regions, kb.causes().size(),
                                n_muscles, kb.conditions().size()};
  const TermRec* prev = nullptr;
  for (const auto& t : kb.terms()) {
    auto kind = static_cast<std::uint32_t>(t.kind);
    if (!c.str(t.key) || kind > 5 || t.target >= limits[kind]) return bad("term");
    if (prev && kb.str(prev->key) > kb.str(t.key)) return "damaged image: terms are not sorted";
    prev = &t;
  }
  for (const auto& w : kb.words())
    if (!c.str(w)) return bad("word");
  return {};
}

struct ShapeOrder {
  bool operator()(const ShapeRec& s, std::uint32_t a) const { return s.area < a; }
  bool operator()(std::uint32_t a, const ShapeRec& s) const { return a < s.area; }
};
struct MarkOrder {
  bool operator()(const MarkRec& m, std::uint32_t t) const { return m.trigger_point < t; }
  bool operator()(std::uint32_t t, const MarkRec& m) const { return t < m.trigger_point; }
};

}  // namespace

std::optional<Kb> Kb::open_checked(std::span<const std::byte> bytes, std::shared_ptr<const void> owner, Checks checks,
                                   std::string* error) {
  auto fail = [&](std::string why) -> std::optional<Kb> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (bytes.size() < sizeof(Header)) return fail("not a tpx KB image (too short)");
  if (reinterpret_cast<std::uintptr_t>(bytes.data()) % 8 != 0) return fail("image is not 8-byte aligned");
  const auto& h = *reinterpret_cast<const Header*>(bytes.data());
  if (std::string why = check_header(bytes, h, checks != Checks::kHeader); !why.empty()) return fail(why);
  Kb kb;
  kb.bytes_ = bytes;
  kb.owner_ = std::move(owner);
  kb.strings_ = h.sections[kStrings].offset;
  kb.strings_size_ = h.sections[kStrings].size;
  if (checks == Checks::kHeader) return kb;
  const SectionRec& sums = h.sections[kBlockSums];
  auto guard = std::make_shared<BlockGuard>(bytes.data() + sizeof(Header), sums.offset - sizeof(Header),
                                            reinterpret_cast<const std::uint64_t*>(bytes.data() + sums.offset));
  try {
    if (checks == Checks::kAll) {
      if (std::optional<std::size_t> block = guard->verify_all()) return fail(guard->mismatch(*block));
      if (std::string why = check_small(kb, Checker(bytes, h, nullptr)); !why.empty()) return fail(why);
      if (std::string why = check_big(kb, Checker(bytes, h, nullptr)); !why.empty()) return fail(why);
      return kb;
    }
    kb.guard_ = guard;
    if (std::string why = check_small(kb, Checker(bytes, h, guard.get())); !why.empty()) return fail(why);
  } catch (const DamagedImage& e) {  // a block the small sections' checks read
    return fail(e.what());
  }
  return kb;
}

std::optional<Kb> Kb::open(std::span<const std::byte> bytes, std::shared_ptr<const void> owner, std::string* error) {
  return open_checked(bytes, std::move(owner), Checks::kAll, error);
}

std::optional<Kb> Kb::open_lazily(std::span<const std::byte> bytes, std::shared_ptr<const void> owner,
                                  std::string* error) {
  return open_checked(bytes, std::move(owner), Checks::kLazily, error);
}

std::optional<Kb> Kb::open_trusted(std::span<const std::byte> bytes, std::string* error) {
  return open_checked(bytes, nullptr, Checks::kHeader, error);
}

Records<TermRec> Kb::find_terms(std::string_view key) const {
  auto all_terms = terms();
  auto lo = std::lower_bound(all_terms.begin(), all_terms.end(), key,
                             [&](const TermRec& t, std::string_view k) { return str(t.key) < k; });
  auto hi = lo;
  while (hi != all_terms.end() && str(hi->key) == key) ++hi;
  return all_terms.subspan(lo, hi);
}

Records<ShapeRec> Kb::shapes_of(std::uint32_t area) const {
  auto all_shapes = shapes();
  auto [lo, hi] = std::equal_range(all_shapes.begin(), all_shapes.end(), area, ShapeOrder{});
  return all_shapes.subspan(lo, hi);
}

Records<MarkRec> Kb::marks_of(std::uint32_t trigger_point) const {
  auto all_marks = marks();
  auto [lo, hi] = std::equal_range(all_marks.begin(), all_marks.end(), trigger_point, MarkOrder{});
  return all_marks.subspan(lo, hi);
}

bool Kb::has_flag_word(std::string_view word) const {
  auto w = flag_words();
  auto it = std::lower_bound(w.begin(), w.end(), word, [&](Str s, std::string_view k) { return str(s) < k; });
  return it != w.end() && str(*it) == word;
}

bool Kb::has_word(std::string_view word) const {
  auto w = words();
  auto it = std::lower_bound(w.begin(), w.end(), word, [&](Str s, std::string_view k) { return str(s) < k; });
  return it != w.end() && str(*it) == word;
}

}  // namespace tpx
