// Model -> image bytes. Ids become indices, strings are deduplicated into one
// section, and the inverted index (area/symptom -> postings, name -> term) is
// laid out sorted so queries can binary-search it in place.
#include "tpx/compile.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

#include "hash.h"
#include "tpx/normalize.h"
#include "tpx/red_flags.h"

namespace tpx {
namespace {

using namespace image;

// Id -> index, by open addressing over views of the model's own ids: no
// copies, and one probe of a flat array per reference instead of a walk
// through scattered hash nodes, which is what kept compiling from growing
// linearly once the model no longer fits in the caches.
class IdTable {
 public:
  template <typename T>
  explicit IdTable(const std::vector<T>& items) {
    std::size_t n = 16;
    while (n < 2 * items.size()) n *= 2;
    slots_.assign(n, Slot{});
    ids_.reserve(items.size());
    for (const T& item : items) {
      const std::string_view id = item.id.value;
      const std::uint64_t h = detail::hash64(id.data(), id.size());
      std::size_t i = probe(id, h);
      if (slots_[i].index == kNone) slots_[i] = {h, static_cast<std::uint32_t>(ids_.size())};  // first wins
      ids_.push_back(id);
    }
  }

  std::optional<std::uint32_t> find(std::string_view id) const {
    const std::size_t i = probe(id, detail::hash64(id.data(), id.size()));
    if (slots_[i].index == kNone) return std::nullopt;
    return slots_[i].index;
  }
  // Only for references the validator has resolved already.
  std::uint32_t at(std::string_view id) const {
    if (std::optional<std::uint32_t> i = find(id)) return *i;
    throw std::out_of_range("unknown id '" + std::string(id) + "'");
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t index = kNone;
  };
  // The slot holding `id`, or the empty slot where it would go.
  std::size_t probe(std::string_view id, std::uint64_t h) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i].index != kNone && (slots_[i].hash != h || ids_[slots_[i].index] != id)) i = (i + 1) & mask;
    return i;
  }
  std::vector<Slot> slots_;
  std::vector<std::string_view> ids_;
};

class Compiler {
 public:
  explicit Compiler(const Model& m)
      : m_(m),
        regions_(m.regions),
        areas_(m.areas),
        symptoms_(m.symptoms),
        causes_(m.causes),
        protocols_(m.protocols),
        muscles_(m.muscles) {}

  std::vector<std::byte> run() {
    // The strings section is written straight into the image, right after
    // the header: the text is most of the bytes, and copying it into place
    // at the end cost a second pass over memory that grows with the KB.
    // Reserved but untouched pages cost nothing, so reserve generously (a
    // muscle's prose and records are one to three KB).
    out_.reserve(sizeof(Header) + 3072 * m_.muscles.size() +
                 512 * (m_.areas.size() + m_.symptoms.size() + m_.causes.size()) + 65536);
    out_.resize(sizeof(Header));
    // About six distinct short strings per entry: sized for that, the table
    // rarely grows, and stays small enough to keep in the caches.
    size_slots(4 * (m_.muscles.size() + m_.areas.size() + m_.symptoms.size() + m_.causes.size()) + 1024);
    emit_regions();
    emit_muscles();
    emit_areas();
    emit_symptoms();
    emit_causes();
    emit_protocols();
    emit_red_flags();
    emit_terms();
    return layout();
  }

 private:
  static constexpr std::size_t kShareBelow = 120;

  // One slot of the string table: open addressing over the strings section.
  struct Slot {
    std::uint64_t hash = 0;
    Str s{0, kEmptySlot};
  };
  static constexpr std::uint32_t kEmptySlot = 0xFFFFFFFFu;

  std::size_t strings_size() const { return out_.size() - sizeof(Header); }
  std::string_view text_at(Str s) const {
    return {reinterpret_cast<const char*>(out_.data()) + sizeof(Header) + s.offset, s.size};
  }
  Str append_text(std::string_view s) {
    if (strings_size() + s.size() > 0xFFFFFFF0u) throw std::length_error("knowledge base too large for the image format");
    Str out{static_cast<std::uint32_t>(strings_size()), static_cast<std::uint32_t>(s.size())};
    const auto* p = reinterpret_cast<const std::byte*>(s.data());
    out_.insert(out_.end(), p, p + s.size());
    return out;
  }
  void size_slots(std::size_t expected) {
    std::size_t n = 1024;
    while (n < 2 * expected) n *= 2;
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(n));
    for (const Slot& o : old) {
      if (o.s.size == kEmptySlot) continue;
      std::size_t i = o.hash & (slots_.size() - 1);
      while (slots_[i].s.size != kEmptySlot) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = o;
    }
  }

  Str str(std::string_view s) {
    // Short strings (ids, labels, aliases, sources) repeat and are shared;
    // long prose (locations, notes) is almost always unique and goes
    // straight in.
    if (s.size() > kShareBelow) return append_text(s);
    const std::uint64_t h = detail::hash64(s.data(), s.size());
    std::size_t i = h & (slots_.size() - 1);
    for (; slots_[i].s.size != kEmptySlot; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].hash == h && text_at(slots_[i].s) == s) return slots_[i].s;
    }
    const Str added = append_text(s);
    slots_[i] = {h, added};
    if (++interned_ * 2 > slots_.size()) size_slots(interned_);
    return added;
  }
  template <typename Seq, typename F>
  Range strs(const Seq& items, F&& text) {
    Range r{static_cast<std::uint32_t>(strs_.size()), static_cast<std::uint32_t>(items.size())};
    for (const auto& item : items) strs_.push_back(str(text(item)));
    return r;
  }
  Range texts(const std::vector<Text>& items) {
    return strs(items, [](const Text& t) -> const std::string& { return t.value; });
  }
  Range plain(const std::vector<std::string>& items) {
    return strs(items, [](const std::string& s) -> const std::string& { return s; });
  }
  Range u32(const std::vector<std::uint32_t>& values) {
    Range r{static_cast<std::uint32_t>(u32_.size()), static_cast<std::uint32_t>(values.size())};
    u32_.insert(u32_.end(), values.begin(), values.end());
    return r;
  }
  // The indices of `refs`, appended to the u32 section.
  Range u32(const IdTable& ids, const std::vector<Text>& refs) {
    Range r{static_cast<std::uint32_t>(u32_.size()), static_cast<std::uint32_t>(refs.size())};
    for (const Text& t : refs) u32_.push_back(ids.at(t.value));
    return r;
  }

  // The areas below each region, transitively, in area order.
  std::vector<std::uint32_t> areas_below(std::uint32_t region) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t a = 0; a < m_.areas.size(); ++a) {
      for (std::uint32_t r = regions_.at(m_.areas[a].region.value), steps = 0; steps <= m_.regions.size(); ++steps) {
        if (r == region) {
          out.push_back(a);
          break;
        }
        const Text& parent = m_.regions[r].parent;
        if (parent.value.empty()) break;
        r = regions_.at(parent.value);
      }
    }
    return out;
  }

  void emit_regions() {
    for (std::uint32_t i = 0; i < m_.regions.size(); ++i) {
      const Region& r = m_.regions[i];
      regions_out_.push_back({str(r.id.value), str(r.label),
                              r.parent.value.empty() ? kNone : regions_.at(r.parent.value), texts(r.aliases),
                              u32(areas_below(i))});
    }
  }

  // Groups (key, value) pairs by key, keeping their order within a key (a
  // counting sort): key k's values are out[starts[k] .. starts[k + 1]).
  template <typename V>
  static std::vector<std::uint32_t> group(const std::vector<std::pair<std::uint32_t, V>>& pairs, std::size_t keys,
                                          std::vector<V>& out) {
    std::vector<std::uint32_t> starts(keys + 1, 0);
    for (const auto& p : pairs) ++starts[p.first + 1];
    for (std::size_t k = 1; k < starts.size(); ++k) starts[k] += starts[k - 1];
    std::vector<std::uint32_t> next(starts.begin(), starts.end() - 1);
    const std::size_t base = out.size();
    out.resize(base + pairs.size());
    for (const auto& p : pairs) out[base + next[p.first]++] = p.second;
    for (std::uint32_t& s : starts) s += static_cast<std::uint32_t>(base);
    return starts;
  }

  // Postings are in muscle order within each area and symptom, because the
  // muscles are walked in order and grouping keeps it.
  void emit_areas() {
    const std::vector<std::uint32_t> starts = group(area_refs_, m_.areas.size(), postings_);
    for (std::uint32_t i = 0; i < m_.areas.size(); ++i) {
      const Area& a = m_.areas[i];
      areas_out_.push_back({str(a.id.value), str(a.label), regions_.at(a.region.value), texts(a.aliases),
                            {starts[i], starts[i + 1] - starts[i]}, u32(muscles_, a.culprits)});
    }
  }

  void emit_symptoms() {
    const std::vector<std::uint32_t> starts = group(symptom_refs_, m_.symptoms.size(), postings_);
    for (std::uint32_t i = 0; i < m_.symptoms.size(); ++i) {
      const Symptom& s = m_.symptoms[i];
      symptoms_out_.push_back({str(s.id.value), str(s.label), texts(s.aliases), {starts[i], starts[i + 1] - starts[i]},
                               u32(muscles_, s.culprits)});
    }
  }

  void emit_causes() {
    const std::vector<std::uint32_t> starts = group(cause_refs_, m_.causes.size(), u32_);
    for (std::uint32_t i = 0; i < m_.causes.size(); ++i) {
      const Cause& c = m_.causes[i];
      causes_out_.push_back({str(c.id.value), str(c.label), str(c.advice), texts(c.aliases),
                             {starts[i], starts[i + 1] - starts[i]}});
    }
  }

  void emit_protocols() {
    for (const Protocol& p : m_.protocols) {
      protocols_out_.push_back({str(p.id.value), str(p.name), str(p.tool), str(p.dose), plain(p.steps),
                                plain(p.cautions)});
    }
  }

  // Concept phrases are stored as red_flag_key() results, so the screen
  // compares words without folding the catalogue on every query.
  Range flag_keys(const std::vector<Text>& phrases, std::vector<std::string>* words) {
    std::vector<std::string> keys;
    for (const Text& p : phrases) {
      keys.push_back(red_flag_key(p.value));
      if (!words) continue;
      for (std::size_t start = 0; start < keys.back().size();) {
        std::size_t sp = std::min(keys.back().find(' ', start), keys.back().size());
        words->push_back(keys.back().substr(start, sp - start));
        start = sp + 1;
      }
    }
    return plain(keys);
  }

  void emit_red_flags() {
    const IdTable concepts(m_.red_flag_concepts), flags(m_.red_flags);
    std::vector<std::string> words;
    for (const RedFlagConcept& c : m_.red_flag_concepts) {
      const Range phrases = flag_keys(c.phrases, &words);
      concepts_out_.push_back({str(c.id.value), phrases, flag_keys(c.unless, nullptr)});
    }
    for (const RedFlag& f : m_.red_flags) {
      std::vector<std::uint32_t> presentations;
      for (const std::vector<Text>& p : f.presentations) {
        for (const Text& t : p) {
          const bool absent = !t.value.empty() && t.value[0] == '!';
          const std::uint32_t c = concepts.at(std::string_view(t.value).substr(absent ? 1 : 0));
          presentations.push_back(absent ? (c | kAbsent) : c);
        }
        presentations.push_back(kNone);
      }
      red_flags_out_.push_back({str(f.id.value), str(f.label), str(f.message),
                                parse_urgency(f.urgency.value).value_or(Urgency::kUrgent), plain(f.sources),
                                u32(presentations), u32(flags, f.covers)});
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (const std::string& w : words) flag_words_out_.push_back(str(w));
  }

  // One pass over the muscles lays out their records and trigger points and
  // collects the references that become the areas', symptoms' and causes'
  // postings. A big model no longer fits in the caches, so walking it once
  // instead of four times is what keeps compiling close to linear.
  void emit_muscles() {
    // Whether u32_[r.first + k] appeared earlier in r (a name given twice).
    auto repeated = [&](Range r, std::uint32_t k) {
      return std::find(u32_.begin() + r.first, u32_.begin() + r.first + k, u32_[r.first + k]) !=
             u32_.begin() + r.first + k;
    };
    for (std::uint32_t mi = 0; mi < m_.muscles.size(); ++mi) {
      const Muscle& mu = m_.muscles[mi];
      MuscleRec rec{};
      rec.id = str(mu.id.value);
      rec.name = str(mu.name);
      rec.location = str(mu.location);
      rec.region = regions_.at(mu.region.value);
      rec.aka = texts(mu.aka);
      rec.trigger_points = {static_cast<std::uint32_t>(tps_.size()), static_cast<std::uint32_t>(mu.trigger_points.size())};
      for (const TriggerPoint& tp : mu.trigger_points) {
        const auto tpi = static_cast<std::uint32_t>(tps_.size());
        const Range primary = u32(areas_, tp.primary), spillover = u32(areas_, tp.spillover);
        for (std::uint32_t k = 0; k < primary.count; ++k)
          area_refs_.push_back({u32_[primary.first + k], {mi, tpi, Weight::kPrimary}});
        for (std::uint32_t k = 0; k < spillover.count; ++k)
          area_refs_.push_back({u32_[spillover.first + k], {mi, tpi, Weight::kSpillover}});
        tps_.push_back({str(tp.id.value), str(tp.name), str(tp.location), mi, primary, spillover});
      }
      rec.symptoms = u32(symptoms_, mu.symptoms);
      for (std::uint32_t k = 0; k < rec.symptoms.count; ++k)
        if (!repeated(rec.symptoms, k)) symptom_refs_.push_back({u32_[rec.symptoms.first + k], {mi, kNone, Weight::kSymptom}});
      rec.causes = u32(causes_, mu.causes);
      for (std::uint32_t k = 0; k < rec.causes.count; ++k)
        if (!repeated(rec.causes, k)) cause_refs_.push_back({u32_[rec.causes.first + k], mi});
      rec.protocols = {static_cast<std::uint32_t>(uses_.size()), static_cast<std::uint32_t>(mu.protocols.size())};
      for (const ProtocolUse& u : mu.protocols) uses_.push_back({protocols_.at(u.id.value), str(u.notes)});
      rec.cautions = plain(mu.cautions);
      rec.related = {static_cast<std::uint32_t>(related_.size()), static_cast<std::uint32_t>(mu.related.size())};
      for (const Related& r : mu.related) related_.push_back({muscles_.at(r.id.value), str(r.reason.value)});
      rec.sources = plain(mu.sources);
      muscles_out_.push_back(rec);
    }
  }

  void add_term(const std::string& text, TermKind kind, std::uint32_t target) {
    std::string key = normalize_key(text);
    if (!key.empty()) terms_.emplace_back(std::move(key), static_cast<std::uint32_t>(kind), target);
  }

  void emit_terms() {
    // Ids count as names too ("top-of-shoulder" -> "top shoulder").
    for (std::uint32_t i = 0; i < m_.areas.size(); ++i) {
      const Area& a = m_.areas[i];
      add_term(a.id.value, TermKind::kArea, i);
      add_term(a.label, TermKind::kArea, i);
      for (const Text& t : a.aliases) add_term(t.value, TermKind::kArea, i);
    }
    for (std::uint32_t i = 0; i < m_.symptoms.size(); ++i) {
      const Symptom& s = m_.symptoms[i];
      add_term(s.id.value, TermKind::kSymptom, i);
      add_term(s.label, TermKind::kSymptom, i);
      for (const Text& t : s.aliases) add_term(t.value, TermKind::kSymptom, i);
    }
    for (std::uint32_t i = 0; i < m_.regions.size(); ++i) {
      for (const Text& t : m_.regions[i].aliases) add_term(t.value, TermKind::kRegion, i);
    }
    for (std::uint32_t i = 0; i < m_.causes.size(); ++i) {
      const Cause& c = m_.causes[i];
      add_term(c.label, TermKind::kCause, i);
      for (const Text& t : c.aliases) add_term(t.value, TermKind::kCause, i);
    }
    // Every word of an area, symptom, region or cause name (muscle names are
    // added after this), for resolving single words.
    std::vector<std::string_view> words;
    for (const auto& [key, kind, target] : terms_) {
      for (std::size_t start = 0; start < key.size();) {
        std::size_t sp = std::min(key.find(' ', start), key.size());
        words.push_back(std::string_view(key).substr(start, sp - start));
        start = sp + 1;
      }
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (std::string_view w : words) words_out_.push_back(str(w));
    for (std::uint32_t i = 0; i < m_.muscles.size(); ++i) {
      const Muscle& mu = m_.muscles[i];
      add_term(mu.id.value, TermKind::kMuscle, i);
      add_term(mu.name, TermKind::kMuscle, i);
      for (const Text& t : mu.aka) add_term(t.value, TermKind::kMuscle, i);
    }
    for (std::uint32_t i : sorted_terms()) {
      const auto& [key, kind, target] = terms_[i];
      if (!terms_out_.empty() && text_at(terms_out_.back().key) == key &&
          static_cast<std::uint32_t>(terms_out_.back().kind) == kind && terms_out_.back().target == target)
        continue;  // the same name given twice
      terms_out_.push_back({str(key), static_cast<TermKind>(kind), target});
    }
  }

  // The terms' order: by key, then kind, then target. Each key's first 16
  // bytes, packed big-endian into two integers, decide almost every
  // comparison without following a pointer to the string.
  std::vector<std::uint32_t> sorted_terms() const {
    struct SortKey {
      std::uint64_t hi, lo;
      std::uint32_t term;
    };
    auto pack = [](std::string_view key, std::size_t from) {
      std::uint64_t v = 0;
      for (std::size_t i = from; i < from + 8; ++i) v = (v << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0u);
      return v;
    };
    std::vector<SortKey> keys;
    keys.reserve(terms_.size());
    for (std::uint32_t i = 0; i < terms_.size(); ++i) {
      const std::string& key = std::get<0>(terms_[i]);
      keys.push_back({pack(key, 0), pack(key, 8), i});
    }
    std::sort(keys.begin(), keys.end(), [&](const SortKey& a, const SortKey& b) {
      if (a.hi != b.hi) return a.hi < b.hi;
      if (a.lo != b.lo) return a.lo < b.lo;
      return terms_[a.term] < terms_[b.term];
    });
    std::vector<std::uint32_t> order;
    order.reserve(keys.size());
    for (const SortKey& k : keys) order.push_back(k.term);
    return order;
  }

  template <typename T>
  void append(SectionRec& sec, const T* data, std::size_t count) {
    while (out_.size() % 8 != 0) out_.push_back(std::byte{0});
    sec.offset = out_.size();
    sec.size = count * sizeof(T);
    const auto* p = reinterpret_cast<const std::byte*>(data);
    out_.insert(out_.end(), p, p + sec.size);
  }

  std::vector<std::byte> layout() {
    if (postings_.size() > 0x7FFFFFFFu) throw std::length_error("knowledge base too large for the image format");
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.version = kFormatVersion;
    h.section_count = kSectionCount;
    // The strings are in place already, right after the header.
    h.sections[kStrings] = {sizeof(Header), strings_size()};
    append(h.sections[kStrs], strs_.data(), strs_.size());
    append(h.sections[kU32], u32_.data(), u32_.size());
    append(h.sections[kRegions], regions_out_.data(), regions_out_.size());
    append(h.sections[kAreas], areas_out_.data(), areas_out_.size());
    append(h.sections[kSymptoms], symptoms_out_.data(), symptoms_out_.size());
    append(h.sections[kCauses], causes_out_.data(), causes_out_.size());
    append(h.sections[kProtocols], protocols_out_.data(), protocols_out_.size());
    append(h.sections[kRedFlags], red_flags_out_.data(), red_flags_out_.size());
    append(h.sections[kMuscles], muscles_out_.data(), muscles_out_.size());
    append(h.sections[kTriggerPoints], tps_.data(), tps_.size());
    append(h.sections[kProtocolUses], uses_.data(), uses_.size());
    append(h.sections[kRelated], related_.data(), related_.size());
    append(h.sections[kPostings], postings_.data(), postings_.size());
    append(h.sections[kTerms], terms_out_.data(), terms_out_.size());
    append(h.sections[kWords], words_out_.data(), words_out_.size());
    append(h.sections[kConcepts], concepts_out_.data(), concepts_out_.size());
    append(h.sections[kFlagWords], flag_words_out_.data(), flag_words_out_.size());
    while (out_.size() % 8 != 0) out_.push_back(std::byte{0});
    h.size = out_.size();
    h.checksum = checksum(std::span<const std::byte>(out_).subspan(sizeof(Header)));
    std::memcpy(out_.data(), &h, sizeof h);
    return std::move(out_);
  }

  const Model& m_;
  const IdTable regions_, areas_, symptoms_, causes_, protocols_, muscles_;
  std::vector<std::byte> out_;  // the image: header, then the strings section as it grows
  std::vector<Slot> slots_;     // the string table
  std::size_t interned_ = 0;
  std::vector<Str> strs_;
  std::vector<std::uint32_t> u32_;
  std::vector<RegionRec> regions_out_;
  std::vector<AreaRec> areas_out_;
  std::vector<SymptomRec> symptoms_out_;
  std::vector<CauseRec> causes_out_;
  std::vector<ProtocolRec> protocols_out_;
  std::vector<RedFlagRec> red_flags_out_;
  std::vector<MuscleRec> muscles_out_;
  std::vector<TriggerPointRec> tps_;
  // (area, posting), (symptom, posting) and (cause, muscle), in muscle order.
  std::vector<std::pair<std::uint32_t, PostingRec>> area_refs_, symptom_refs_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cause_refs_;
  std::vector<ProtocolUseRec> uses_;
  std::vector<RelatedRec> related_;
  std::vector<PostingRec> postings_;
  std::vector<std::tuple<std::string, std::uint32_t, std::uint32_t>> terms_;  // in the order added
  std::vector<TermRec> terms_out_;
  std::vector<Str> words_out_;
  std::vector<ConceptRec> concepts_out_;
  std::vector<Str> flag_words_out_;
};

}  // namespace

std::vector<std::byte> compile(const Model& m) { return Compiler(m).run(); }

Kb compile_kb(const Model& m) {
  auto bytes = std::make_shared<std::vector<std::byte>>(compile(m));
  std::string error;
  std::optional<Kb> kb = Kb::open(*bytes, bytes, &error);
  if (!kb) throw std::logic_error("compiled image does not open: " + error);
  return *kb;
}

}  // namespace tpx
