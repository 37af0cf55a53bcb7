#include "synth_kb.h"

#include <fmt/format.h>

#include <fstream>
#include <random>
#include <stdexcept>
#include <utility>

namespace tpx::bench {
namespace {

namespace fs = std::filesystem;

const char* kWords[] = {"upper", "lower", "inner", "outer",  "deep",   "front", "back", "side",  "middle", "edge",
                        "crest", "fold",  "ridge", "hollow", "corner", "line",  "band", "patch", "spot",   "zone"};
const char* kPlaces[] = {"skull", "neck",  "shoulder", "arm",  "elbow",  "wrist", "hand",   "chest", "rib",     "spine",
                         "belly", "hip",   "thigh",    "knee", "shin",   "calf",  "ankle",  "heel",  "foot",    "toe",
                         "jaw",   "cheek", "brow",     "ear",  "collar", "blade", "pelvis", "groin", "buttock", "sole"};

class Synth {
 public:
  Synth(std::size_t muscles, std::uint32_t seed) : n_(muscles), rng_(seed) {}

  Model run() {
    Model m;
    m.files.push_back("synthetic");
    for (int part = 0; part < 6; ++part) {
      m.regions.push_back(region(fmt::format("part-{}", part), ""));
      for (int r = 0; r < 4; ++r)
        m.regions.push_back(region(fmt::format("region-{}-{}", part, r), fmt::format("part-{}", part)));
    }
    const std::size_t areas = 180 + n_ / 20, symptoms = 50 + n_ / 100, causes = 50 + n_ / 100;
    for (std::size_t i = 0; i < areas; ++i) {
      Area a;
      a.id = text(fmt::format("area-{:05}", i));
      a.label = fmt::format("{} {} {}", word(), place(), i);
      a.region = text(fmt::format("region-{}-{}", i % 6, (i / 6) % 4));
      for (int k = 0; k < 3; ++k)
        a.aliases.push_back(text(fmt::format("{} {} {} {}", word(), word(), place(), i * 3 + k)));
      m.areas.push_back(std::move(a));
    }
    for (std::size_t i = 0; i < symptoms; ++i) {
      m.symptoms.push_back({text(fmt::format("symptom-{:05}", i)),
                            fmt::format("symptom {}", i),
                            {text(fmt::format("{} {} trouble {}", word(), place(), i))},
                            {}});
    }
    for (std::size_t i = 0; i < causes; ++i) {
      m.causes.push_back({text(fmt::format("cause-{:05}", i)),
                          fmt::format("cause {}", i),
                          {text(fmt::format("too much {} {} work {}", word(), place(), i))},
                          sentence(3)});
    }
    for (int i = 0; i < 14; ++i) {
      Protocol p{
          text(fmt::format("protocol-{:02}", i)), fmt::format("Protocol {}", i), "a ball", {}, "60 to 90 seconds", {}};
      for (int s = 0; s < 6; ++s) p.steps.push_back(sentence(1));
      p.cautions.push_back(sentence(1));
      m.protocols.push_back(std::move(p));
    }
    m.red_flag_concepts.push_back({text("numb"), {text("numb"), text("pins and needles")}, {}});
    m.red_flags.push_back({text("numbness"), "Numbness", text("soon"), sentence(2), {}, {{text("numb")}}, {}});
    for (std::size_t i = 0; i < n_; ++i) m.muscles.push_back(muscle(i, areas, symptoms, causes));
    return m;
  }

 private:
  Text text(std::string s) { return {std::move(s), {0, 1, 1}}; }
  const char* word() { return kWords[pick(std::size(kWords))]; }
  const char* place() { return kPlaces[pick(std::size(kPlaces))]; }
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  // Skewed choice: low indices are picked far more often (popular areas).
  std::size_t skewed(std::size_t n) {
    double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    return std::min(n - 1, static_cast<std::size_t>(static_cast<double>(n) * u * u));
  }
  std::string sentence(int parts) {
    std::string s = "Press";
    for (int i = 0; i < parts * 6; ++i) s += fmt::format(" {} {}", word(), place());
    return s + ".";
  }
  Region region(std::string id, std::string parent) {
    Region r;
    r.label = id;
    r.aliases.push_back(text(fmt::format("{} area", id)));
    r.id = text(std::move(id));
    r.parent = text(std::move(parent));
    return r;
  }
  std::vector<Text> distinct(std::size_t count, std::size_t n, bool skew) {
    std::vector<Text> out;
    for (std::size_t tries = 0; out.size() < count && tries < count * 4; ++tries) {
      std::string id = fmt::format("{}", skew ? skewed(n) : pick(n));
      bool dup = false;
      for (const Text& t : out) dup = dup || t.value == id;
      if (!dup) out.push_back(text(id));
    }
    return out;
  }
  std::vector<Text> ids(std::vector<Text> numbers, const char* prefix) {
    for (Text& t : numbers) t.value = fmt::format("{}-{:05}", prefix, std::stoul(t.value));
    return numbers;
  }
  Muscle muscle(std::size_t i, std::size_t areas, std::size_t symptoms, std::size_t causes) {
    Muscle m;
    m.id = text(fmt::format("muscle-{:06}", i));
    m.name = fmt::format("Muscle {} {}", word(), i);
    m.aka.push_back(text(fmt::format("{} {} muscle {}", word(), place(), i)));
    m.region = text(fmt::format("region-{}-{}", i % 6, (i / 7) % 4));
    m.location = sentence(2);
    std::size_t tps = 1 + pick(4);
    for (std::size_t t = 0; t < tps; ++t) {
      TriggerPoint tp;
      tp.id = text(fmt::format("tp-{}", t + 1));
      tp.name = fmt::format("Point {}", t + 1);
      tp.location = sentence(2);
      tp.primary = ids(distinct(1 + pick(3), areas, true), "area");
      tp.spillover = ids(distinct(pick(5), areas, true), "area");
      m.trigger_points.push_back(std::move(tp));
    }
    m.symptoms = ids(distinct(pick(4), symptoms, true), "symptom");
    m.causes = ids(distinct(1 + pick(4), causes, true), "cause");
    m.protocols.push_back({text(fmt::format("protocol-{:02}", pick(14))), sentence(2)});
    m.cautions.push_back(sentence(1));
    if (i > 0) m.related.push_back({text(fmt::format("muscle-{:06}", pick(i))), text("same-pain-zone")});
    m.sources = {"Synthetic source, chapter 1", "Synthetic source, chapter 2"};
    return m;
  }

  std::size_t n_;
  std::mt19937 rng_;
};

// YAML double-quoted scalar.
std::string q(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::string list(const std::vector<Text>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + q(items[i].value);
  return out + "]";
}

std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + q(items[i]);
  return out + "]";
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

Model synth_model(std::size_t muscles, std::uint32_t seed) { return Synth(muscles, seed).run(); }

void write_kb(const Model& m, const fs::path& dir) {
  fs::create_directories(dir / "muscles");
  std::string y;
  for (const Region& r : m.regions) {
    y += fmt::format("- id: {}\n  label: {}\n", r.id.value, q(r.label));
    if (!r.parent.value.empty()) y += fmt::format("  parent: {}\n", r.parent.value);
    y += fmt::format("  aliases: {}\n", list(r.aliases));
  }
  write_file(dir / "regions.yaml", std::exchange(y, {}));
  for (const Area& a : m.areas)
    y += fmt::format("- id: {}\n  label: {}\n  region: {}\n  aliases: {}\n", a.id.value, q(a.label), a.region.value,
                     list(a.aliases));
  write_file(dir / "areas.yaml", std::exchange(y, {}));
  for (const Symptom& s : m.symptoms)
    y += fmt::format("- id: {}\n  label: {}\n  aliases: {}\n", s.id.value, q(s.label), list(s.aliases));
  write_file(dir / "symptoms.yaml", std::exchange(y, {}));
  for (const Cause& c : m.causes)
    y += fmt::format("- id: {}\n  label: {}\n  aliases: {}\n  advice: {}\n", c.id.value, q(c.label), list(c.aliases),
                     q(c.advice));
  write_file(dir / "causes.yaml", std::exchange(y, {}));
  for (const Protocol& p : m.protocols)
    y += fmt::format("- id: {}\n  name: {}\n  tool: {}\n  steps: {}\n  dose: {}\n  cautions: {}\n", p.id.value,
                     q(p.name), q(p.tool), list(p.steps), q(p.dose), list(p.cautions));
  write_file(dir / "protocols.yaml", std::exchange(y, {}));
  for (const RedFlagConcept& c : m.red_flag_concepts)
    y += fmt::format("- concept: {}\n  phrases: {}\n", c.id.value, list(c.phrases));
  for (const RedFlag& f : m.red_flags) {
    y += fmt::format("- id: {}\n  label: {}\n  urgency: {}\n  message: {}\n  presentations:\n", f.id.value, q(f.label),
                     f.urgency.value, q(f.message));
    for (const std::vector<Text>& p : f.presentations) y += fmt::format("    - {}\n", list(p));
  }
  write_file(dir / "red-flags.yaml", std::exchange(y, {}));
  for (const Muscle& mu : m.muscles) {
    y = fmt::format("id: {}\nname: {}\naka: {}\nregion: {}\nlocation: {}\ntrigger_points:\n", mu.id.value, q(mu.name),
                    list(mu.aka), mu.region.value, q(mu.location));
    for (const TriggerPoint& tp : mu.trigger_points) {
      y += fmt::format("  - id: {}\n    name: {}\n    location: {}\n    refers:\n      primary: {}\n", tp.id.value,
                       q(tp.name), q(tp.location), list(tp.primary));
      if (!tp.spillover.empty()) y += fmt::format("      spillover: {}\n", list(tp.spillover));
    }
    if (!mu.symptoms.empty()) y += fmt::format("symptoms: {}\n", list(mu.symptoms));
    if (!mu.causes.empty()) y += fmt::format("causes: {}\n", list(mu.causes));
    y += "protocols:\n";
    for (const ProtocolUse& u : mu.protocols) y += fmt::format("  - id: {}\n    notes: {}\n", u.id.value, q(u.notes));
    y += fmt::format("cautions: {}\n", list(mu.cautions));
    if (!mu.related.empty()) {
      y += "related:\n";
      for (const Related& r : mu.related) y += fmt::format("  - id: {}\n    reason: {}\n", r.id.value, r.reason.value);
    }
    y += fmt::format("sources: {}\n", list(mu.sources));
    write_file(dir / "muscles" / (mu.id.value + ".yaml"), y);
  }
}

}  // namespace tpx::bench
