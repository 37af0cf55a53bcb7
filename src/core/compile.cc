// Model -> image bytes. Ids become indices, strings are deduplicated into one
// section, and the inverted index (area/symptom -> postings, name -> term) is
// laid out sorted so queries can binary-search it in place.
#include "tpx/compile.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "tpx/normalize.h"

namespace tpx {
namespace {

using namespace image;

class Compiler {
 public:
  explicit Compiler(const Model& m) : m_(m) {}

  std::vector<std::byte> run() {
    // About a dozen short strings per entry: sizing the table once keeps
    // compiling linear instead of rehashing as the KB grows.
    str_index_.reserve(16 * (m_.muscles.size() + m_.areas.size() + m_.symptoms.size() + m_.causes.size()));
    // And room for the text (a muscle's prose is one to three KB): growing a
    // 100 MB string by doubling copies it again and again. Reserved but
    // untouched pages cost nothing.
    strings_.reserve(2048 * m_.muscles.size() + 256 * (m_.areas.size() + m_.symptoms.size() + m_.causes.size()));
    index_ids();
    emit_regions();
    emit_areas_and_postings();
    emit_symptoms();
    emit_causes();
    emit_protocols();
    emit_red_flags();
    emit_muscles();
    emit_terms();
    return layout();
  }

 private:
  using Ids = std::unordered_map<std::string, std::uint32_t>;
  static constexpr std::size_t kShareBelow = 120;

  Str str(const std::string& s) {
    // Short strings (ids, labels, aliases, sources) repeat and are shared;
    // long prose (locations, notes) is almost always unique, and hashing it
    // into an ever larger table made compiling grow faster than the KB.
    if (s.size() > kShareBelow) {
      Str out{static_cast<std::uint32_t>(strings_.size()), static_cast<std::uint32_t>(s.size())};
      strings_ += s;
      return out;
    }
    // try_emplace copies the key only when it is new.
    auto [it, inserted] = str_index_.try_emplace(s, Str{static_cast<std::uint32_t>(strings_.size()),
                                                        static_cast<std::uint32_t>(s.size())});
    if (inserted) strings_ += s;
    return it->second;
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
  std::vector<std::uint32_t> lookup(const Ids& ids, const std::vector<Text>& refs) {
    std::vector<std::uint32_t> out;
    for (const Text& t : refs) out.push_back(ids.at(t.value));
    return out;
  }
  template <typename T>
  static Ids ids_of(const std::vector<T>& items) {
    Ids ids;
    for (std::size_t i = 0; i < items.size(); ++i) ids.emplace(items[i].id.value, static_cast<std::uint32_t>(i));
    return ids;
  }

  void index_ids() {
    regions_ = ids_of(m_.regions);
    areas_ = ids_of(m_.areas);
    symptoms_ = ids_of(m_.symptoms);
    causes_ = ids_of(m_.causes);
    protocols_ = ids_of(m_.protocols);
    muscles_ = ids_of(m_.muscles);
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

  void emit_areas_and_postings() {
    // Trigger points are numbered in muscle order, as emit_muscles lays them out.
    std::vector<std::vector<PostingRec>> by_area(m_.areas.size());
    std::uint32_t tp_index = 0;
    for (std::uint32_t mi = 0; mi < m_.muscles.size(); ++mi) {
      for (const TriggerPoint& tp : m_.muscles[mi].trigger_points) {
        for (const Text& a : tp.primary) by_area[areas_.at(a.value)].push_back({mi, tp_index, Weight::kPrimary});
        for (const Text& a : tp.spillover) by_area[areas_.at(a.value)].push_back({mi, tp_index, Weight::kSpillover});
        ++tp_index;
      }
    }
    for (std::uint32_t i = 0; i < m_.areas.size(); ++i) {
      const Area& a = m_.areas[i];
      areas_out_.push_back({str(a.id.value), str(a.label), regions_.at(a.region.value), texts(a.aliases),
                            postings(std::move(by_area[i])), u32(lookup(muscles_, a.culprits))});
    }
  }

  Range postings(std::vector<PostingRec> list) {
    std::stable_sort(list.begin(), list.end(), [](const PostingRec& x, const PostingRec& y) {
      return x.muscle < y.muscle;
    });
    Range r{static_cast<std::uint32_t>(postings_.size()), static_cast<std::uint32_t>(list.size())};
    postings_.insert(postings_.end(), list.begin(), list.end());
    return r;
  }

  void emit_symptoms() {
    std::vector<std::vector<PostingRec>> by_symptom(m_.symptoms.size());
    for (std::uint32_t mi = 0; mi < m_.muscles.size(); ++mi) {
      std::set<std::uint32_t> seen;
      for (const Text& s : m_.muscles[mi].symptoms) {
        std::uint32_t si = symptoms_.at(s.value);
        if (seen.insert(si).second) by_symptom[si].push_back({mi, kNone, Weight::kSymptom});
      }
    }
    for (std::uint32_t i = 0; i < m_.symptoms.size(); ++i) {
      const Symptom& s = m_.symptoms[i];
      symptoms_out_.push_back({str(s.id.value), str(s.label), texts(s.aliases), postings(std::move(by_symptom[i])),
                               u32(lookup(muscles_, s.culprits))});
    }
  }

  void emit_causes() {
    std::vector<std::set<std::uint32_t>> by_cause(m_.causes.size());
    for (std::uint32_t mi = 0; mi < m_.muscles.size(); ++mi) {
      for (const Text& c : m_.muscles[mi].causes) by_cause[causes_.at(c.value)].insert(mi);
    }
    for (std::uint32_t i = 0; i < m_.causes.size(); ++i) {
      const Cause& c = m_.causes[i];
      causes_out_.push_back({str(c.id.value), str(c.label), str(c.advice), texts(c.aliases),
                             u32({by_cause[i].begin(), by_cause[i].end()})});
    }
  }

  void emit_protocols() {
    for (const Protocol& p : m_.protocols) {
      protocols_out_.push_back({str(p.id.value), str(p.name), str(p.tool), str(p.dose), plain(p.steps),
                                plain(p.cautions)});
    }
  }

  void emit_red_flags() {
    for (const RedFlag& f : m_.red_flags) {
      std::vector<std::string> keys;
      for (const Text& p : f.phrases) keys.push_back(normalize_key(p.value));
      std::set<std::uint32_t> areas;
      for (const Text& a : f.areas) {
        if (auto it = areas_.find(a.value); it != areas_.end()) {
          areas.insert(it->second);
        } else {
          for (std::uint32_t below : areas_below(regions_.at(a.value))) areas.insert(below);
        }
      }
      red_flags_out_.push_back({str(f.id.value), str(f.label), str(f.message), plain(keys),
                                u32({areas.begin(), areas.end()})});
    }
  }

  void emit_muscles() {
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
        tps_.push_back({str(tp.id.value), str(tp.name), str(tp.location), mi, u32(lookup(areas_, tp.primary)),
                        u32(lookup(areas_, tp.spillover))});
      }
      rec.symptoms = u32(lookup(symptoms_, mu.symptoms));
      rec.causes = u32(lookup(causes_, mu.causes));
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
    if (!key.empty()) terms_.insert({key, static_cast<std::uint32_t>(kind), target});
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
    std::set<std::string> words;
    for (const auto& [key, kind, target] : terms_) {
      for (std::size_t start = 0; start < key.size();) {
        std::size_t sp = std::min(key.find(' ', start), key.size());
        words.insert(key.substr(start, sp - start));
        start = sp + 1;
      }
    }
    for (std::uint32_t i = 0; i < m_.muscles.size(); ++i) {
      const Muscle& mu = m_.muscles[i];
      add_term(mu.id.value, TermKind::kMuscle, i);
      add_term(mu.name, TermKind::kMuscle, i);
      for (const Text& t : mu.aka) add_term(t.value, TermKind::kMuscle, i);
    }
    for (const auto& [key, kind, target] : terms_) {
      terms_out_.push_back({str(key), static_cast<TermKind>(kind), target});
    }
    for (const std::string& w : words) words_out_.push_back(str(w));
  }

  template <typename T>
  static void append(std::vector<std::byte>& out, SectionRec& sec, const T* data, std::size_t count) {
    while (out.size() % 8 != 0) out.push_back(std::byte{0});
    sec.offset = out.size();
    sec.size = count * sizeof(T);
    const auto* p = reinterpret_cast<const std::byte*>(data);
    out.insert(out.end(), p, p + sec.size);
  }

  std::vector<std::byte> layout() {
    if (strings_.size() > 0xFFFFFFF0u || postings_.size() > 0x7FFFFFFFu) {
      throw std::length_error("knowledge base too large for the image format");
    }
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.version = kFormatVersion;
    h.section_count = kSectionCount;
    std::vector<std::byte> out(sizeof(Header));
    out.reserve(sizeof(Header) + kSectionCount * 8 + strings_.size() + strs_.size() * sizeof(Str) +
                u32_.size() * sizeof(std::uint32_t) + regions_out_.size() * sizeof(RegionRec) +
                areas_out_.size() * sizeof(AreaRec) + symptoms_out_.size() * sizeof(SymptomRec) +
                causes_out_.size() * sizeof(CauseRec) + protocols_out_.size() * sizeof(ProtocolRec) +
                red_flags_out_.size() * sizeof(RedFlagRec) + muscles_out_.size() * sizeof(MuscleRec) +
                tps_.size() * sizeof(TriggerPointRec) + uses_.size() * sizeof(ProtocolUseRec) +
                related_.size() * sizeof(RelatedRec) + postings_.size() * sizeof(PostingRec) +
                terms_out_.size() * sizeof(TermRec) + words_out_.size() * sizeof(Str));
    append(out, h.sections[kStrings], strings_.data(), strings_.size());
    append(out, h.sections[kStrs], strs_.data(), strs_.size());
    append(out, h.sections[kU32], u32_.data(), u32_.size());
    append(out, h.sections[kRegions], regions_out_.data(), regions_out_.size());
    append(out, h.sections[kAreas], areas_out_.data(), areas_out_.size());
    append(out, h.sections[kSymptoms], symptoms_out_.data(), symptoms_out_.size());
    append(out, h.sections[kCauses], causes_out_.data(), causes_out_.size());
    append(out, h.sections[kProtocols], protocols_out_.data(), protocols_out_.size());
    append(out, h.sections[kRedFlags], red_flags_out_.data(), red_flags_out_.size());
    append(out, h.sections[kMuscles], muscles_out_.data(), muscles_out_.size());
    append(out, h.sections[kTriggerPoints], tps_.data(), tps_.size());
    append(out, h.sections[kProtocolUses], uses_.data(), uses_.size());
    append(out, h.sections[kRelated], related_.data(), related_.size());
    append(out, h.sections[kPostings], postings_.data(), postings_.size());
    append(out, h.sections[kTerms], terms_out_.data(), terms_out_.size());
    append(out, h.sections[kWords], words_out_.data(), words_out_.size());
    while (out.size() % 8 != 0) out.push_back(std::byte{0});
    h.size = out.size();
    h.checksum = checksum(std::span<const std::byte>(out).subspan(sizeof(Header)));
    std::memcpy(out.data(), &h, sizeof h);
    return out;
  }

  const Model& m_;
  Ids regions_, areas_, symptoms_, causes_, protocols_, muscles_;
  std::string strings_;
  std::unordered_map<std::string, Str> str_index_;
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
  std::vector<ProtocolUseRec> uses_;
  std::vector<RelatedRec> related_;
  std::vector<PostingRec> postings_;
  std::set<std::tuple<std::string, std::uint32_t, std::uint32_t>> terms_;
  std::vector<TermRec> terms_out_;
  std::vector<Str> words_out_;
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
