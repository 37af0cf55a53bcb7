// The JSON printer: one object per answer, on one line. The layout is a
// contract documented in docs/json-output.md (with a JSON Schema per command
// in docs/schema/): fields may be added, never renamed or removed. The only
// file of tpx that includes nlohmann-json.
#include <nlohmann/json.hpp>

#include "printers.h"
#include "tpx/escape.h"

namespace tpx::printer {
namespace {

using image::kNone;
using json = nlohmann::ordered_json;

std::string s(const Kb& kb, image::Str x) { return std::string(kb.str(x)); }

json strings(const Kb& kb, image::Range r) {
  json a = json::array();
  for (const auto& x : kb.strs(r)) a.push_back(s(kb, x));
  return a;
}

json ids(const Kb& kb, image::Range r, auto records) {
  json a = json::array();
  for (std::uint32_t i : kb.u32s(r)) a.push_back(s(kb, records[i].id));
  return a;
}

json protocol_json(const Kb& kb, const image::ProtocolUseRec& use) {
  const auto& p = kb.protocols()[use.protocol];
  return {{"id", s(kb, p.id)},      {"name", s(kb, p.name)},   {"tool", s(kb, p.tool)},
          {"steps", strings(kb, p.steps)}, {"dose", s(kb, p.dose)}, {"cautions", strings(kb, p.cautions)},
          {"notes", s(kb, use.notes)}};
}

json trigger_point_json(const Kb& kb, const image::TriggerPointRec& tp) {
  return {{"id", s(kb, tp.id)},
          {"name", s(kb, tp.name)},
          {"location", s(kb, tp.location)},
          {"primary", ids(kb, tp.primary, kb.areas())},
          {"spillover", ids(kb, tp.spillover, kb.areas())}};
}

// A press point: the same object in every command that says where to press.
json press_point_json(const Kb& kb, std::uint32_t trigger_point) {
  const auto& x = kb.trigger_point(trigger_point);
  return {{"trigger_point", s(kb, x.id)}, {"name", s(kb, x.name)}, {"location", s(kb, x.location)}};
}

json match_json(const Kb& kb, const Resolution& r, const Match& m, std::size_t rank) {
  const auto& mu = kb.muscles()[m.muscle];
  json explains = json::array();
  for (const Explain& e : m.explains) {
    const ResolvedTerm& t = r.terms[e.term];
    explains.push_back({{"input", r.query[t.phrase]},
                        {"term", std::string(term_id(kb, t.kind, t.target))},
                        {"kind", std::string(term_kind_name(t.kind))},
                        {"weight", std::string(explain_weight_name(r, e))},
                        {"trigger_point", e.trigger_point == kNone ? json(nullptr)
                                                                   : json(s(kb, kb.trigger_point(e.trigger_point).id))},
                        {"area", e.area == kNone ? json(nullptr) : json(s(kb, kb.areas()[e.area].id))},
                        {"rarity", e.rarity},
                        {"culprit_rank", e.culprit ? json(e.culprit) : json(nullptr)},
                        {"contribution", e.contribution}});
  }
  json press = json::array();
  for (std::uint32_t tp : press_points(kb, m)) press.push_back(press_point_json(kb, tp));
  return {{"rank", rank + 1},
          {"muscle", s(kb, mu.id)},
          {"name", s(kb, mu.name)},
          {"score", m.score},
          {"explained", m.explained},
          {"explains", std::move(explains)},
          {"press", std::move(press)},
          {"protocol", protocol_json(kb, kb.protocol_uses(mu.protocols)[0])},
          {"cautions", strings(kb, mu.cautions)}};
}

json resolved_json(const Kb& kb, const Resolution& r) {
  json a = json::array();
  for (const ResolvedTerm& t : r.terms) {
    json term = {{"input", r.query[t.phrase]},
                 {"term", std::string(term_id(kb, t.kind, t.target))},
                 {"label", std::string(term_label(kb, t.kind, t.target))},
                 {"kind", std::string(term_kind_name(t.kind))},
                 {"how", std::string(match_how_name(t.how))},
                 {"matched", t.matched},
                 {"why", t.why}};
    if (t.kind == image::TermKind::kCondition) {
      const auto& c = kb.conditions()[t.target];
      term["note"] = std::string(kConditionNote);
      term["caveat"] = c.caveat.size ? json(s(kb, c.caveat)) : json(nullptr);
      term["areas"] = ids(kb, c.areas, kb.areas());
      term["symptoms"] = ids(kb, c.symptoms, kb.symptoms());
      term["muscles"] = ids(kb, c.muscles, kb.muscles());
      term["sources"] = strings(kb, c.sources);
    }
    a.push_back(std::move(term));
  }
  return a;
}

json corrections_json(const Resolution& r) {
  json a = json::array();
  for (const Correction& c : r.corrections) a.push_back({{"input", r.query[c.phrase]}, {"from", c.from}, {"to", c.to}});
  return a;
}

json descriptors_json(const Resolution& r) {
  json a = json::array();
  for (const Descriptor& d : r.descriptors) a.push_back({{"input", r.query[d.phrase]}, {"word", d.word}, {"kind", d.kind}});
  return a;
}

json warnings_json(const Kb& kb, const Resolution& r) {
  json a = json::array();
  for (const RedFlagHit& h : r.red_flags) {
    const auto& f = kb.red_flags()[h.red_flag];
    a.push_back({{"id", s(kb, f.id)}, {"label", s(kb, f.label)}, {"message", s(kb, f.message)},
                 {"input", r.query[h.phrase]}, {"level", std::string(urgency_name(f.urgency))},
                 {"sources", strings(kb, f.sources)}});
  }
  return a;
}

json unmatched_json(const Resolution& r) {
  json a = json::array();
  for (const Unmatched& u : r.unmatched) a.push_back({{"input", r.query[u.phrase]}, {"suggestions", u.suggestions}});
  return a;
}

json muscle_json(const Kb& kb, std::uint32_t muscle) {
  const auto& mu = kb.muscles()[muscle];
  json tps = json::array();
  for (const auto& tp : kb.trigger_points(mu.trigger_points)) tps.push_back(trigger_point_json(kb, tp));
  json causes = json::array();
  for (std::uint32_t c : kb.u32s(mu.causes)) {
    const auto& x = kb.causes()[c];
    causes.push_back({{"id", s(kb, x.id)}, {"label", s(kb, x.label)}, {"advice", s(kb, x.advice)}});
  }
  json protocols = json::array();
  for (const auto& use : kb.protocol_uses(mu.protocols)) protocols.push_back(protocol_json(kb, use));
  json related = json::array();
  for (const auto& rel : kb.related(mu.related))
    related.push_back({{"muscle", s(kb, kb.muscles()[rel.muscle].id)}, {"reason", s(kb, rel.reason)}});
  return {{"version", kOutputVersion},
          {"id", s(kb, mu.id)},
          {"name", s(kb, mu.name)},
          {"aka", strings(kb, mu.aka)},
          {"region", s(kb, kb.regions()[mu.region].id)},
          {"location", s(kb, mu.location)},
          {"trigger_points", std::move(tps)},
          {"symptoms", ids(kb, mu.symptoms, kb.symptoms())},
          {"causes", std::move(causes)},
          {"protocols", std::move(protocols)},
          {"cautions", strings(kb, mu.cautions)},
          {"related", std::move(related)},
          {"sources", strings(kb, mu.sources)}};
}

// Invalid UTF-8 from a KB or a query is replaced, never a throw; control
// characters are escaped by the library, the few it leaves raw by
// visible_json().
void dump(std::ostream& out, const json& j) {
  out << visible_json(j.dump(-1, ' ', false, json::error_handler_t::replace)) << '\n';
}

class JsonPrinter final : public Printer {
 public:
  void where(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking) override {
    json matches = json::array();
    for (std::size_t i = 0; i < ranking.matches.size(); ++i) matches.push_back(match_json(kb, r, ranking.matches[i], i));
    dump(out, {{"version", kOutputVersion},
               {"query", r.query},
               {"resolved", resolved_json(kb, r)},
               {"corrections", corrections_json(r)},
               {"descriptors", descriptors_json(r)},
               {"unmatched", unmatched_json(r)},
               {"warnings", warnings_json(kb, r)},
               {"items", ranking.items},
               {"total_matches", ranking.total},
               {"matches", std::move(matches)}});
  }

  void muscles(std::ostream& out, const Kb& kb, const std::vector<std::uint32_t>& muscles) override {
    for (std::uint32_t m : muscles) dump(out, muscle_json(kb, m));
  }

  void area(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers) override {
    json list = json::array();
    for (const Referrer& x : referrers) {
      const auto& mu = kb.muscles()[x.muscle];
      const auto& tp = kb.trigger_point(x.trigger_point);
      list.push_back({{"muscle", s(kb, mu.id)},
                      {"name", s(kb, mu.name)},
                      {"weight", std::string(weight_name(x.weight))},
                      {"trigger_point", s(kb, tp.id)},
                      {"press", s(kb, tp.location)},
                      {"area", s(kb, kb.areas()[x.area].id)},
                      {"press_point", press_point_json(kb, x.trigger_point)}});
    }
    dump(out, {{"version", kOutputVersion},
               {"query", r.query},
               {"resolved", resolved_json(kb, r)},
               {"unmatched", unmatched_json(r)},
               {"referrers", std::move(list)},
               {"corrections", corrections_json(r)},
               {"descriptors", descriptors_json(r)},
               {"warnings", warnings_json(kb, r)}});
  }

  void causes(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<CauseMatch>& causes) override {
    json list = json::array();
    for (std::size_t i = 0; i < causes.size(); ++i) {
      const auto& c = kb.causes()[causes[i].cause];
      json muscles = json::array();
      for (std::uint32_t m : kb.u32s(c.muscles)) muscles.push_back(s(kb, kb.muscles()[m].id));
      list.push_back({{"rank", i + 1},
                      {"id", s(kb, c.id)},
                      {"label", s(kb, c.label)},
                      {"advice", s(kb, c.advice)},
                      {"muscles", std::move(muscles)}});
    }
    dump(out, {{"version", kOutputVersion}, {"query", r.query}, {"unmatched", unmatched_json(r)},
               {"causes", std::move(list)}, {"resolved", resolved_json(kb, r)}, {"corrections", corrections_json(r)},
               {"descriptors", descriptors_json(r)}, {"warnings", warnings_json(kb, r)}});
  }

  void protocol(std::ostream& out, const Kb& kb, std::uint32_t protocol) override {
    const auto& p = kb.protocols()[protocol];
    json used = json::array();
    for (std::uint32_t m : protocol_users(kb, protocol)) used.push_back(s(kb, kb.muscles()[m].id));
    dump(out, {{"version", kOutputVersion}, {"id", s(kb, p.id)}, {"name", s(kb, p.name)}, {"tool", s(kb, p.tool)},
               {"steps", strings(kb, p.steps)}, {"dose", s(kb, p.dose)}, {"cautions", strings(kb, p.cautions)},
               {"muscles", std::move(used)}});
  }

  void list(std::ostream& out, const std::vector<ListEntry>& entries) override {
    for (const ListEntry& e : entries) {
      json j = {{"id", e.id}, {"label", e.label}, {"version", kOutputVersion}};
      if (!e.urgency.empty()) j["urgency"] = e.urgency;  // red flags
      dump(out, j);
    }
  }
};

}  // namespace

std::unique_ptr<Printer> make_json_printer(const PrintOptions&) { return std::make_unique<JsonPrinter>(); }

}  // namespace tpx::printer
