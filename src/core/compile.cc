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

#include "geometry.h"
#include "hash.h"
#include "id_table.h"
#include "string_table.h"
#include "tpx/normalize.h"
#include "tpx/red_flags.h"

namespace tpx {
namespace {

using namespace image;
using detail::IdTable;

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
    strings_.reserve(4 * (m_.muscles.size() + m_.areas.size() + m_.symptoms.size() + m_.causes.size()) + 1024);
    emit_regions();
    emit_muscles();
    emit_areas();
    emit_symptoms();
    emit_causes();
    emit_conditions();
    emit_protocols();
    emit_red_flags();
    emit_terms();
    emit_atlas();
    return layout();
  }

 private:
  Str str(std::string_view s) { return strings_.add(s); }
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
      areas_out_.push_back({str(a.id.value),
                            str(a.label),
                            regions_.at(a.region.value),
                            texts(a.aliases),
                            {starts[i], starts[i + 1] - starts[i]},
                            u32(muscles_, a.culprits)});
    }
  }

  void emit_symptoms() {
    const std::vector<std::uint32_t> starts = group(symptom_refs_, m_.symptoms.size(), postings_);
    for (std::uint32_t i = 0; i < m_.symptoms.size(); ++i) {
      const Symptom& s = m_.symptoms[i];
      symptoms_out_.push_back({str(s.id.value),
                               str(s.label),
                               texts(s.aliases),
                               {starts[i], starts[i + 1] - starts[i]},
                               u32(muscles_, s.culprits)});
    }
  }

  void emit_causes() {
    const std::vector<std::uint32_t> starts = group(cause_refs_, m_.causes.size(), u32_);
    for (std::uint32_t i = 0; i < m_.causes.size(); ++i) {
      const Cause& c = m_.causes[i];
      causes_out_.push_back({str(c.id.value),
                             str(c.label),
                             str(c.advice),
                             texts(c.aliases),
                             {starts[i], starts[i + 1] - starts[i]},
                             u32(muscles_, c.culprits)});
    }
  }

  void emit_conditions() {
    for (const Condition& c : m_.conditions) {
      conditions_out_.push_back({str(c.id.value), str(c.label), str(c.caveat), texts(c.aliases), u32(areas_, c.areas),
                                 u32(symptoms_, c.symptoms), u32(muscles_, c.muscles), plain(c.sources)});
    }
  }

  void emit_protocols() {
    for (const Protocol& p : m_.protocols) {
      protocols_out_.push_back(
          {str(p.id.value), str(p.name), str(p.tool), str(p.dose), plain(p.steps), plain(p.cautions)});
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
      // Words of everyday expressions are catalogue words too: "heart racing"
      // must not have "racing" read as a slip for "raging".
      concepts_out_.push_back({str(c.id.value), phrases, flag_keys(c.unless, &words)});
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
      rec.trigger_points = {static_cast<std::uint32_t>(tps_.size()),
                            static_cast<std::uint32_t>(mu.trigger_points.size())};
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
        if (!repeated(rec.symptoms, k))
          symptom_refs_.push_back({u32_[rec.symptoms.first + k], {mi, kNone, Weight::kSymptom}});
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

  Range floats(const std::vector<double>& values) {
    Range r{static_cast<std::uint32_t>(floats_.size()), static_cast<std::uint32_t>(values.size())};
    for (double v : values) floats_.push_back(static_cast<float>(v));
    return r;
  }
  Range paths(const std::vector<Polyline>& lines) {
    Range r{static_cast<std::uint32_t>(paths_.size()), static_cast<std::uint32_t>(lines.size())};
    for (const Polyline& p : lines) paths_.push_back(floats(p.values));
    return r;
  }

  // Views in file order; shapes sorted by (area, view) and marks by
  // (trigger point, view), so a picture finds an area's shapes or a trigger
  // point's marks by binary search. Ellipses become polygons here, so every
  // printer draws one kind of shape.
  void emit_atlas() {
    std::vector<std::uint32_t> tp_first(m_.muscles.size());
    for (std::uint32_t mi = 0; mi < m_.muscles.size(); ++mi) tp_first[mi] = muscles_out_[mi].trigger_points.first;
    for (std::uint32_t vi = 0; vi < m_.views.size(); ++vi) {
      const AtlasView& v = m_.views[vi];
      views_out_.push_back({str(v.id.value), str(v.label), str(v.facing.value), static_cast<float>(v.width),
                            static_cast<float>(v.height), v.has_midline ? static_cast<float>(v.midline) : -1.0f,
                            paths(v.outline), paths(v.lines)});
      for (const AtlasArea& a : v.areas) {
        const std::uint32_t area = areas_.at(a.area.value);
        for (const AtlasShape& shape : a.shapes) {
          const bool ellipse = shape.kind == AtlasShape::Kind::kEllipse;
          shapes_out_.push_back({area, vi, floats(ellipse ? detail::ellipse_polygon(shape.values, 36) : shape.values)});
        }
      }
      for (const AtlasPoint& p : v.points) {
        const std::uint32_t mi = muscles_.at(p.muscle.value);
        const auto& tps = m_.muscles[mi].trigger_points;
        auto it = std::find_if(tps.begin(), tps.end(),
                               [&](const TriggerPoint& t) { return t.id.value == p.trigger_point.value; });
        if (it == tps.end()) throw std::out_of_range("unknown trigger point '" + p.trigger_point.value + "'");
        marks_out_.push_back({tp_first[mi] + static_cast<std::uint32_t>(it - tps.begin()), vi, static_cast<float>(p.x),
                              static_cast<float>(p.y)});
      }
    }
    std::stable_sort(shapes_out_.begin(), shapes_out_.end(), [](const ShapeRec& a, const ShapeRec& b) {
      return std::tie(a.area, a.view) < std::tie(b.area, b.view);
    });
    std::stable_sort(marks_out_.begin(), marks_out_.end(), [](const MarkRec& a, const MarkRec& b) {
      return std::tie(a.trigger_point, a.view) < std::tie(b.trigger_point, b.view);
    });
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
    for (std::uint32_t i = 0; i < m_.conditions.size(); ++i) {
      const Condition& c = m_.conditions[i];
      add_term(c.id.value, TermKind::kCondition, i);
      add_term(c.label, TermKind::kCondition, i);
      for (const Text& t : c.aliases) add_term(t.value, TermKind::kCondition, i);
    }
    // Every word of an area, symptom, region, cause or condition name (muscle names are
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
      if (!terms_out_.empty() && strings_.text_at(terms_out_.back().key) == key &&
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
      for (std::size_t i = from; i < from + 8; ++i)
        v = (v << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0u);
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
    h.sections[kStrings] = {sizeof(Header), strings_.size()};
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
    append(h.sections[kViews], views_out_.data(), views_out_.size());
    append(h.sections[kShapes], shapes_out_.data(), shapes_out_.size());
    append(h.sections[kMarks], marks_out_.data(), marks_out_.size());
    append(h.sections[kPaths], paths_.data(), paths_.size());
    append(h.sections[kFloats], floats_.data(), floats_.size());
    append(h.sections[kConditions], conditions_out_.data(), conditions_out_.size());
    // Last, a checksum per block of everything before: seal() fills them in.
    while (out_.size() % 8 != 0) out_.push_back(std::byte{0});
    const std::vector<std::uint64_t> sums(block_count(out_.size() - sizeof(Header)));
    append(h.sections[kBlockSums], sums.data(), sums.size());
    h.size = out_.size();
    std::memcpy(out_.data(), &h, sizeof h);
    if (!seal(out_)) throw std::logic_error("image layout does not leave room for its block sums");
    return std::move(out_);
  }

  const Model& m_;
  const IdTable regions_, areas_, symptoms_, causes_, protocols_, muscles_;
  std::vector<std::byte> out_;  // the image: header, then the strings section as it grows
  detail::StringTable strings_{out_, sizeof(Header)};
  std::vector<Str> strs_;
  std::vector<std::uint32_t> u32_;
  std::vector<RegionRec> regions_out_;
  std::vector<AreaRec> areas_out_;
  std::vector<SymptomRec> symptoms_out_;
  std::vector<CauseRec> causes_out_;
  std::vector<ConditionRec> conditions_out_;
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
  std::vector<ViewRec> views_out_;
  std::vector<ShapeRec> shapes_out_;
  std::vector<MarkRec> marks_out_;
  std::vector<Range> paths_;
  std::vector<float> floats_;
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
