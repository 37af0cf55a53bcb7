// Printers for the reference lookups: `tpx area`, `tpx cause`, `tpx protocol`.
#include <algorithm>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <nlohmann/json.hpp>

#include "tpx/lookup.h"
#include "tpx/render.h"

namespace tpx {
namespace {

using json = nlohmann::ordered_json;
using image::Weight;

std::string s(const Kb& kb, image::Str x) { return std::string(kb.str(x)); }

std::string_view weight_name(Weight w) { return w == Weight::kPrimary ? "primary" : "spillover"; }

std::string bold(const RenderOptions& opt, std::string_view text) {
  return opt.color ? fmt::format("\x1b[1m{}\x1b[0m", text) : std::string(text);
}

void dump(std::ostream& out, const json& j) { out << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n'; }

json strings(const Kb& kb, image::Range r) {
  json a = json::array();
  for (const auto& x : kb.strs(r)) a.push_back(s(kb, x));
  return a;
}

json resolved_json(const Kb& kb, const Resolution& r) {
  json a = json::array();
  for (const ResolvedTerm& t : r.terms) {
    a.push_back({{"input", r.query[t.phrase]},
                 {"term", std::string(term_id(kb, t.kind, t.target))},
                 {"label", std::string(term_label(kb, t.kind, t.target))},
                 {"kind", std::string(term_kind_name(t.kind))}});
  }
  return a;
}

json unmatched_json(const Resolution& r) {
  json a = json::array();
  for (const Unmatched& u : r.unmatched) a.push_back({{"input", r.query[u.phrase]}, {"suggestions", u.suggestions}});
  return a;
}

std::string muscle_names(const Kb& kb, image::Range muscles) {
  std::vector<std::string_view> names;
  for (std::uint32_t m : kb.u32s(muscles)) names.push_back(kb.str(kb.muscles()[m].name));
  return fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace

void render_area(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers,
                 Format format, const RenderOptions& opt) {
  switch (format) {
    case Format::kIds:
      for (const Referrer& x : referrers) out << kb.str(kb.muscles()[x.muscle].id) << '\n';
      return;
    case Format::kTsv:
      if (opt.header) out << "muscle\tname\tweight\ttrigger_point\tarea\n";
      for (const Referrer& x : referrers) {
        const auto& mu = kb.muscles()[x.muscle];
        out << detail::tsv_escape(kb.str(mu.id)) << '\t' << detail::tsv_escape(kb.str(mu.name)) << '\t'
            << weight_name(x.weight) << '\t' << detail::tsv_escape(kb.str(kb.trigger_point(x.trigger_point).id))
            << '\t' << detail::tsv_escape(kb.str(kb.areas()[x.area].id)) << '\n';
      }
      return;
    case Format::kJson: {
      json list = json::array();
      for (const Referrer& x : referrers) {
        const auto& mu = kb.muscles()[x.muscle];
        const auto& tp = kb.trigger_point(x.trigger_point);
        list.push_back({{"muscle", s(kb, mu.id)}, {"name", s(kb, mu.name)}, {"weight", weight_name(x.weight)},
                        {"trigger_point", s(kb, tp.id)}, {"press", s(kb, tp.location)}, {"area", s(kb, kb.areas()[x.area].id)}});
      }
      dump(out, {{"version", kOutputVersion}, {"query", r.query}, {"resolved", resolved_json(kb, r)},
                 {"unmatched", unmatched_json(r)}, {"referrers", std::move(list)}});
      return;
    }
    case Format::kText: break;
  }
  std::vector<std::string> labels;
  for (const ResolvedTerm& t : r.terms) labels.emplace_back(term_label(kb, t.kind, t.target));
  fmt::print(out, "Muscles that refer pain to {}:\n", bold(opt, fmt::format("{}", fmt::join(labels, ", "))));
  if (referrers.empty()) fmt::print(out, "  none in the knowledge base\n");
  // One column for the muscles, as wide as the widest, so the points line up.
  auto who = [&](const Referrer& x) {
    const auto& mu = kb.muscles()[x.muscle];
    return fmt::format("{} ({})", kb.str(mu.name), kb.str(mu.id));
  };
  std::size_t width = 0;
  for (const Referrer& x : referrers) width = std::max(width, who(x).size());
  Weight section = Weight::kSymptom;
  for (const Referrer& x : referrers) {
    if (x.weight != section) {
      section = x.weight;
      fmt::print(out, "\n{}\n", x.weight == Weight::kPrimary ? "Main pain zone (primary):" : "Occasional spread (spillover):");
    }
    const auto& tp = kb.trigger_point(x.trigger_point);
    fmt::print(out, "  {:<{}}  {}\n", who(x), width, tp.name.size ? kb.str(tp.name) : kb.str(tp.id));
  }
}

void render_causes(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<CauseMatch>& causes,
                   Format format, const RenderOptions& opt) {
  switch (format) {
    case Format::kIds:
      for (const CauseMatch& c : causes) out << kb.str(kb.causes()[c.cause].id) << '\n';
      return;
    case Format::kTsv:
      if (opt.header) out << "rank\tcause\tlabel\tmuscles\n";
      for (std::size_t i = 0; i < causes.size(); ++i) {
        const auto& c = kb.causes()[causes[i].cause];
        std::vector<std::string_view> ids;
        for (std::uint32_t m : kb.u32s(c.muscles)) ids.push_back(kb.str(kb.muscles()[m].id));
        out << i + 1 << '\t' << detail::tsv_escape(kb.str(c.id)) << '\t' << detail::tsv_escape(kb.str(c.label)) << '\t'
            << fmt::format("{}", fmt::join(ids, ",")) << '\n';
      }
      return;
    case Format::kJson: {
      json list = json::array();
      for (std::size_t i = 0; i < causes.size(); ++i) {
        const auto& c = kb.causes()[causes[i].cause];
        json muscles = json::array();
        for (std::uint32_t m : kb.u32s(c.muscles)) muscles.push_back(s(kb, kb.muscles()[m].id));
        list.push_back({{"rank", i + 1}, {"id", s(kb, c.id)}, {"label", s(kb, c.label)}, {"advice", s(kb, c.advice)},
                        {"muscles", std::move(muscles)}});
      }
      dump(out, {{"version", kOutputVersion}, {"query", r.query}, {"unmatched", unmatched_json(r)},
                 {"causes", std::move(list)}});
      return;
    }
    case Format::kText: break;
  }
  if (causes.empty()) fmt::print(out, "No known cause matches.\n");
  for (std::size_t i = 0; i < causes.size(); ++i) {
    const auto& c = kb.causes()[causes[i].cause];
    if (i > 0) fmt::print(out, "\n");
    fmt::print(out, "{}. {}  ({})\n   {}\n", i + 1, bold(opt, kb.str(c.label)), kb.str(c.id), kb.str(c.advice));
    if (c.muscles.count) fmt::print(out, "   Overloads: {}\n", muscle_names(kb, c.muscles));
  }
}

void render_protocol(std::ostream& out, const Kb& kb, std::uint32_t protocol, Format format,
                     const RenderOptions& opt) {
  const auto& p = kb.protocols()[protocol];
  std::vector<std::uint32_t> users = protocol_users(kb, protocol);
  switch (format) {
    case Format::kIds: out << kb.str(p.id) << '\n'; return;
    case Format::kTsv: out << detail::tsv_escape(kb.str(p.id)) << '\t' << detail::tsv_escape(kb.str(p.name)) << '\n'; return;
    case Format::kJson: {
      json used = json::array();
      for (std::uint32_t m : users) used.push_back(s(kb, kb.muscles()[m].id));
      dump(out, {{"version", kOutputVersion}, {"id", s(kb, p.id)}, {"name", s(kb, p.name)}, {"tool", s(kb, p.tool)},
                 {"steps", strings(kb, p.steps)}, {"dose", s(kb, p.dose)}, {"cautions", strings(kb, p.cautions)},
                 {"muscles", std::move(used)}});
      return;
    }
    case Format::kText: break;
  }
  fmt::print(out, "{}  ({})\n", bold(opt, kb.str(p.name)), kb.str(p.id));
  if (p.tool.size) fmt::print(out, "Tool: {}\n", kb.str(p.tool));
  fmt::print(out, "\n");
  int n = 1;
  for (const auto& step : kb.strs(p.steps)) fmt::print(out, "  {}. {}\n", n++, kb.str(step));
  fmt::print(out, "\nDose: {}\n", kb.str(p.dose));
  if (p.cautions.count) {
    fmt::print(out, "\nCautions:\n");
    for (const auto& c : kb.strs(p.cautions)) fmt::print(out, "  - {}\n", kb.str(c));
  }
  if (!users.empty()) {
    std::vector<std::string_view> names;
    for (std::uint32_t m : users) names.push_back(kb.str(kb.muscles()[m].id));
    fmt::print(out, "\nUsed for: {}\n", fmt::join(names, ", "));
  }
}

}  // namespace tpx
