// Cross-file validation. Every check adds a diagnostic and carries on, so an
// author sees all problems of a KB in one run.
#include "validate.h"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "tpx/limits.h"
#include "tpx/normalize.h"
#include "tpx/red_flags.h"
#include "tpx/suggest.h"

namespace tpx::detail {
namespace {

class Validator {
 public:
  Validator(const Model& m, std::vector<Diagnostic>& out) : m_(m), out_(out) {}

  void run() {
    collect_ids();
    check_regions();
    check_areas();
    check_red_flags();
    check_aliases();
    check_muscles();
    check_culprits();
    check_conditions();
    if (!m_.muscles.empty()) validate_atlas(m_, out_);  // else every point would be "unknown"
    if (m_.muscles.empty() && !has_errors(out_)) {
      out_.push_back({"", 0, 0, Severity::kError, "the KB has no muscles"});
    }
  }

 private:
  using IdMap = std::map<std::string, Pos>;

  void add(Severity s, const Pos& p, std::string msg) { out_.push_back(diagnostic_at(m_, p, s, std::move(msg))); }
  void error(const Pos& p, std::string msg) { add(Severity::kError, p, std::move(msg)); }
  void warning(const Pos& p, std::string msg) { add(Severity::kWarning, p, std::move(msg)); }

  std::string where(const Pos& p) const {
    if (p.file < 0 || p.file >= static_cast<int>(m_.files.size())) return "elsewhere";
    return fmt::format("{}:{}", m_.files[p.file], p.line);
  }

  // Registers `id` of a `noun` in `ids`, reporting bad form and duplicates.
  void define(IdMap& ids, const Text& id, std::string_view noun) {
    if (id.value.empty()) return;  // reported as a missing key already
    if (!is_valid_id(id.value)) {
      error(id.pos,
            fmt::format("{} id '{}' must be kebab-case: lowercase letters, digits and single hyphens", noun, id.value));
    }
    auto [it, inserted] = ids.emplace(id.value, id.pos);
    if (!inserted) {
      error(id.pos, fmt::format("duplicate {} id '{}' (first defined at {})", noun, id.value, where(it->second)));
    }
  }

  // Reports a reference to an id that `ids` does not hold. A "did you mean"
  // compares the reference with every id, so only the first
  // kMaxSuggestedErrors unknown references get one: a hostile KB with
  // thousands of them (5,000 muscles naming unknown areas) is then still
  // refused in well under a second, and an author fixes the first hundred
  // before the rest matter.
  bool require(const IdMap& ids, const Text& ref, std::string_view noun) {
    if (ids.count(ref.value)) return true;
    std::string msg = fmt::format("unknown {} '{}'", noun, ref.value);
    if (suggested_ < kMaxSuggestedErrors) {
      ++suggested_;
      auto near = closest(ref.value, names_of(ids), 3, 1);
      if (!near.empty()) msg += fmt::format("; did you mean '{}'?", near.front());
    }
    error(ref.pos, std::move(msg));
    return false;
  }

  // The ids of `ids` as a list, made once per map.
  const std::vector<std::string>& names_of(const IdMap& ids) {
    std::vector<std::string>& names = names_[&ids];
    if (names.empty()) {
      names.reserve(ids.size());
      for (const auto& [name, pos] : ids) names.push_back(name);
    }
    return names;
  }

  void collect_ids() {
    for (const auto& x : m_.regions) define(regions_, x.id, "region");
    for (const auto& x : m_.areas) define(areas_, x.id, "area");
    for (const auto& x : m_.symptoms) define(symptoms_, x.id, "symptom");
    for (const auto& x : m_.causes) define(causes_, x.id, "cause");
    for (const auto& x : m_.conditions) define(conditions_, x.id, "condition");
    for (const auto& x : m_.protocols) define(protocols_, x.id, "protocol");
    for (const auto& x : m_.red_flags) define(red_flags_, x.id, "red flag");
    for (const auto& x : m_.muscles) define(muscles_, x.id, "muscle");
  }

  void check_regions() {
    std::map<std::string, std::string> parent;
    std::map<std::string, Pos> parent_pos;
    for (const Region& r : m_.regions) {
      if (r.parent.value.empty()) continue;
      if (require(regions_, r.parent, "parent region")) {
        parent[r.id.value] = r.parent.value;
        parent_pos[r.id.value] = r.parent.pos;
      }
    }
    // Walk up from each region; a region met again on the same walk closes
    // a cycle. Regions already walked are not walked again, so a chain of
    // thousands of regions costs one pass, not one pass per region.
    std::map<std::string, int> state;  // 1: on the current walk, 2: done
    for (const Region& r : m_.regions) {
      std::vector<std::string> walk;
      std::string cur = r.id.value;
      bool cycle = false;
      while (state[cur] == 0) {
        state[cur] = 1;
        walk.push_back(cur);
        auto up = parent.find(cur);
        if (up == parent.end()) break;
        cur = up->second;
        if (state[cur] == 1) cycle = true;
      }
      for (const std::string& w : walk) state[w] = 2;
      if (cycle) error(parent_pos[cur], fmt::format("region '{}' is its own ancestor (a cycle of parents)", cur));
    }
  }

  void check_areas() {
    for (const Area& a : m_.areas) {
      if (!a.region.value.empty()) require(regions_, a.region, "region");
    }
  }

  // Concepts must have phrases that can match; flags a valid urgency and
  // presentations of known concepts, at least one of them required.
  void check_red_flags() {
    IdMap concepts;
    std::set<std::string> used;
    for (const RedFlagConcept& c : m_.red_flag_concepts) {
      define(concepts, c.id, "red-flag concept");
      for (const auto* list : {&c.phrases, &c.unless})
        for (const Text& p : *list)
          if (red_flag_key(p.value).empty())
            error(p.pos, fmt::format("red-flag phrase '{}' has no words that can match", p.value));
    }
    for (const RedFlag& f : m_.red_flags) {
      if (!f.urgency.value.empty() && !parse_urgency(f.urgency.value))
        error(f.urgency.pos,
              fmt::format("unknown urgency '{}'; expected emergency, urgent, soon or caution", f.urgency.value));
      if (f.presentations.empty()) error(f.id.pos, fmt::format("red flag '{}' has no presentations", f.id.value));
      for (const std::vector<Text>& p : f.presentations) {
        bool required = false;
        for (const Text& t : p) {
          const bool absent = !t.value.empty() && t.value[0] == '!';
          Text ref{t.value.substr(absent ? 1 : 0), t.pos};
          if (require(concepts, ref, "red-flag concept")) used.insert(ref.value);
          required = required || !absent;
        }
        if (!required && !p.empty())
          error(p.front().pos, "a presentation needs at least one concept that must be found (not only '!' ones)");
        if (p.empty()) error(f.id.pos, fmt::format("red flag '{}' has an empty presentation", f.id.value));
      }
      for (const Text& c : f.covers) require(red_flags_, c, "red flag");
    }
    for (const RedFlagConcept& c : m_.red_flag_concepts)
      if (!used.count(c.id.value))
        warning(c.id.pos, fmt::format("red-flag concept '{}' is used by no flag", c.id.value));
  }

  // An alias key may name one area, region, symptom, cause or condition; a
  // second claim is ambiguous, so tpx picks the first and warns. One pairing
  // is allowed: a vague region and a condition may share a name ("low back"
  // and "low back pain" are one key): `where` reads the condition, `area`
  // the region.
  void check_aliases() {
    std::map<std::string, std::pair<std::string, Pos>> owner;
    auto region_and_condition = [](const std::string& a, const std::string& b) {
      auto is = [](const std::string& who, std::string_view noun) { return who.rfind(noun, 0) == 0; };
      return (is(a, "region ") && is(b, "condition ")) || (is(a, "condition ") && is(b, "region "));
    };
    auto claim = [&](const Text& alias, const std::string& who) {
      std::string key = normalize_key(alias.value);
      if (key.empty()) {
        error(alias.pos, fmt::format("alias '{}' has no words that can match (only filler words)", alias.value));
        return;
      }
      auto [it, inserted] = owner.emplace(key, std::make_pair(who, alias.pos));
      if (!inserted && it->second.first != who && !region_and_condition(it->second.first, who)) {
        warning(alias.pos, fmt::format("alias '{}' of {} is also claimed by {} ({}); the first claim wins", alias.value,
                                       who, it->second.first, where(it->second.second)));
      }
    };
    auto name = [](std::string_view noun, const Text& id) { return fmt::format("{} '{}'", noun, id.value); };
    for (const Area& a : m_.areas) {
      claim({a.id.value, a.id.pos}, name("area", a.id));
      for (const Text& t : a.aliases) claim(t, name("area", a.id));
    }
    for (const Symptom& s : m_.symptoms) {
      claim({s.id.value, s.id.pos}, name("symptom", s.id));
      for (const Text& t : s.aliases) claim(t, name("symptom", s.id));
    }
    for (const Region& r : m_.regions) {
      for (const Text& t : r.aliases) claim(t, name("region", r.id));
    }
    for (const Cause& c : m_.causes) {
      for (const Text& t : c.aliases) claim(t, name("cause", c.id));
    }
    for (const Condition& c : m_.conditions) {
      claim({c.label, c.id.pos}, name("condition", c.id));
      for (const Text& t : c.aliases) claim(t, name("condition", c.id));
    }
    std::map<std::string, std::pair<std::string, Pos>> muscle_names;
    for (const Muscle& mu : m_.muscles) {
      std::vector<Text> names = mu.aka;
      names.push_back({mu.name, mu.id.pos});
      names.push_back(mu.id);
      for (const Text& t : names) {
        std::string key = normalize_key(t.value);
        if (key.empty()) continue;
        auto [it, inserted] = muscle_names.emplace(key, std::make_pair(mu.id.value, t.pos));
        if (!inserted && it->second.first != mu.id.value) {
          warning(t.pos, fmt::format("name '{}' of muscle '{}' is also a name of muscle '{}' ({})", t.value,
                                     mu.id.value, it->second.first, where(it->second.second)));
        }
      }
    }
  }

  void check_muscle_refs(const Muscle& mu) {
    if (!mu.region.value.empty()) require(regions_, mu.region, "region");
    std::set<std::string> tp_ids;
    for (const TriggerPoint& tp : mu.trigger_points) {
      if (!tp.id.value.empty()) {
        if (!is_valid_id(tp.id.value))
          error(tp.id.pos, fmt::format("trigger point id '{}' must be kebab-case", tp.id.value));
        if (!tp_ids.insert(tp.id.value).second)
          error(tp.id.pos, fmt::format("duplicate trigger point id '{}'", tp.id.value));
      }
      if (tp.primary.empty() && !tp.id.value.empty()) {
        error(tp.id.pos,
              fmt::format("trigger point '{}' refers nowhere: 'primary' needs at least one area", tp.id.value));
      }
      for (const Text& a : tp.primary) require(areas_, a, "area");
      for (const Text& a : tp.spillover) require(areas_, a, "area");
    }
    for (const Text& s : mu.symptoms) require(symptoms_, s, "symptom");
    for (const Text& c : mu.causes) require(causes_, c, "cause");
    for (const ProtocolUse& p : mu.protocols) require(protocols_, p.id, "protocol");
    for (const Related& r : mu.related) {
      if (r.id.value == mu.id.value)
        error(r.id.pos, "a muscle cannot be related to itself");
      else
        require(muscles_, r.id, "muscle");
      bool known = std::any_of(std::begin(kRelatedReasons), std::end(kRelatedReasons),
                               [&](const char* reason) { return r.reason.value == reason; });
      if (!known) {
        std::vector<std::string> reasons(std::begin(kRelatedReasons), std::end(kRelatedReasons));
        auto near = closest(r.reason.value, reasons, 4, 1);
        error(r.reason.pos, fmt::format("unknown related reason '{}'; expected one of satellite, same-pain-zone, "
                                        "shares-posture, synergist, antagonist{}",
                                        r.reason.value, near.empty() ? "" : " (did you mean '" + near[0] + "'?)"));
      }
    }
  }

  // Culprit lists name muscles that really refer to the area, cause the
  // symptom or are overloaded by the cause, each once.
  void check_culprits() {
    std::map<std::string, std::set<std::string>> refers, causes, overloads;
    for (const Muscle& mu : m_.muscles) {
      for (const TriggerPoint& tp : mu.trigger_points) {
        for (const Text& a : tp.primary) refers[a.value].insert(mu.id.value);
        for (const Text& a : tp.spillover) refers[a.value].insert(mu.id.value);
      }
      for (const Text& s : mu.symptoms) causes[s.value].insert(mu.id.value);
      for (const Text& c : mu.causes) overloads[c.value].insert(mu.id.value);
    }
    auto check = [&](const Text& owner, const std::vector<Text>& culprits, std::set<std::string>& linked,
                     std::string_view link) {
      std::set<std::string> seen;
      for (const Text& c : culprits) {
        if (!require(muscles_, c, "muscle")) continue;
        if (!seen.insert(c.value).second)
          error(c.pos, fmt::format("culprit '{}' is listed twice", c.value));
        else if (!linked.count(c.value))
          error(c.pos, fmt::format("culprit '{}' of '{}' {}", c.value, owner.value, link));
      }
    };
    for (const Area& a : m_.areas) check(a.id, a.culprits, refers[a.id.value], "does not refer pain there");
    for (const Symptom& s : m_.symptoms) check(s.id, s.culprits, causes[s.id.value], "does not list this symptom");
    for (const Cause& c : m_.causes) check(c.id, c.culprits, overloads[c.id.value], "does not list this cause");
  }

  // A condition's muscles are the ones the references name for it, so each
  // must show it in its own file: refer pain to one of the condition's areas
  // or list one of its symptoms. That keeps the list traceable to the
  // referral charts and stops a muscle being named for a pain it cannot make.
  void check_conditions() {
    std::map<std::string, std::set<std::string>> shows;  // muscle -> areas and symptoms
    for (const Muscle& mu : m_.muscles) {
      std::set<std::string>& s = shows[mu.id.value];
      for (const TriggerPoint& tp : mu.trigger_points) {
        for (const Text& a : tp.primary) s.insert("area:" + a.value);
        for (const Text& a : tp.spillover) s.insert("area:" + a.value);
      }
      for (const Text& x : mu.symptoms) s.insert("symptom:" + x.value);
    }
    for (const Condition& c : m_.conditions) {
      bool ok = true;
      for (const Text& a : c.areas) ok = require(areas_, a, "area") && ok;
      for (const Text& x : c.symptoms) ok = require(symptoms_, x, "symptom") && ok;
      if (c.muscles.empty()) error(c.id.pos, fmt::format("condition '{}' names no muscles", c.id.value));
      if (c.sources.empty()) error(c.id.pos, fmt::format("condition '{}' has no sources", c.id.value));
      if (c.areas.empty() && c.symptoms.empty())
        error(c.id.pos, fmt::format("condition '{}' needs 'areas' or 'symptoms': what it means", c.id.value));
      std::set<std::string> seen;
      for (const Text& mu : c.muscles) {
        if (!require(muscles_, mu, "muscle")) continue;
        if (!seen.insert(mu.value).second) {
          error(mu.pos, fmt::format("muscle '{}' is listed twice", mu.value));
          continue;
        }
        if (!ok) continue;
        const std::set<std::string>& s = shows[mu.value];
        bool linked =
            std::any_of(c.areas.begin(), c.areas.end(), [&](const Text& a) { return s.count("area:" + a.value); }) ||
            std::any_of(c.symptoms.begin(), c.symptoms.end(),
                        [&](const Text& x) { return s.count("symptom:" + x.value); });
        if (!linked)
          error(mu.pos,
                fmt::format("muscle '{}' of condition '{}' neither refers pain to its areas nor lists its symptoms",
                            mu.value, c.id.value));
      }
    }
  }

  void check_muscles() {
    for (const Muscle& mu : m_.muscles) {
      if (mu.id.value.empty()) continue;
      if (mu.id.pos.file >= 0) {
        std::string stem = std::filesystem::path(m_.files[mu.id.pos.file]).stem().string();
        if (stem != mu.id.value) {
          error(mu.id.pos, fmt::format("muscle id '{}' must match its file name '{}.yaml'", mu.id.value, stem));
        }
      }
      check_muscle_refs(mu);
    }
  }

  const Model& m_;
  std::vector<Diagnostic>& out_;
  IdMap regions_, areas_, symptoms_, causes_, conditions_, protocols_, red_flags_, muscles_;
  std::map<const IdMap*, std::vector<std::string>> names_;
  std::size_t suggested_ = 0;
};

}  // namespace

Diagnostic diagnostic_at(const Model& m, const Pos& p, Severity severity, std::string message) {
  std::string file = p.file >= 0 && p.file < static_cast<int>(m.files.size()) ? m.files[p.file] : "";
  return {std::move(file), p.line, p.column, severity, std::move(message)};
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  char prev = 0;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

void validate(const Model& m, std::vector<Diagnostic>& out) { Validator(m, out).run(); }

}  // namespace tpx::detail
