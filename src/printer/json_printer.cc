// The JSON printer: one object per answer, on one line. The layout is a
// contract documented in docs/json-output.md (with a JSON Schema per command
// in docs/schema/): fields may be added, never renamed or removed. The only
// file of tpx that includes nlohmann-json.
//
// `where` is the hot path (`tpx where --each` answers thousands of queries)
// and is written straight into a buffer by JsonWriter below, with the same
// bytes nlohmann-json and visible_json() would produce: the numbers by
// nlohmann's own shortest round-trip formatter, a string with invalid
// UTF-8 by nlohmann itself. The other commands print once per process and
// build nlohmann trees, taking the objects they share with `where` (press
// points, protocols, the query's resolution and notices) from the same
// writers, parsed (parsed()), so each object is written in one place.
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstring>
#include <utility>

#include "../core/utf8.h"
#include "printers.h"
#include "tpx/escape.h"

namespace tpx::printer {
namespace {

using image::kNone;
using json = nlohmann::ordered_json;

// JSON text appended to a string as it is written: no tree, no allocation
// once the buffer has grown. Commas are placed by a bit per open container.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// An object's key (plain ASCII, written as given), before its value:
  /// one append of `,"key":`.
  template <std::size_t N>
  void key(const char (&k)[N]) {
    char buf[N + 3];
    std::size_t n = 0;
    if (first_ >> depth_ & 1) {
      first_ &= ~(std::uint64_t{1} << depth_);
    } else {
      buf[n++] = ',';
    }
    buf[n++] = '"';
    std::memcpy(buf + n, k, N - 1);
    n += N - 1;
    buf[n++] = '"';
    buf[n++] = ':';
    out_.append(buf, n);
    after_key_ = true;
  }
  void string(std::string_view v) {
    comma();
    append_string(v);
  }
  void null() {
    comma();
    out_.append("null");
  }
  void number(std::uint64_t v) {
    comma();
    char buf[24];
    char* end = buf + sizeof buf;
    char* p = end;
    do {
      *--p = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    out_.append(p, static_cast<std::size_t>(end - p));
  }
  void number(double v) {
    comma();
    if (!std::isfinite(v)) {
      out_.append("null");
      return;
    }
    std::array<char, 64> buf{};
    char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), v);
    out_.append(buf.data(), static_cast<std::size_t>(end - buf.data()));
  }
  /// Text that is already one JSON value (a fragment this writer made).
  void raw(std::string_view text) {
    comma();
    out_.append(text);
  }

 private:
  void comma() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!(first_ >> depth_ & 1)) out_ += ',';
    first_ &= ~(std::uint64_t{1} << depth_);
  }
  void open(char c) {
    comma();
    out_ += c;
    ++depth_;
    first_ |= std::uint64_t{1} << depth_;
  }
  void close(char c) {
    out_ += c;
    --depth_;
  }

  // A byte that needs a look: a control, '"', '\\', DEL or any byte >= 0x80.
  static bool plain(unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; }

  // Eight bytes at once: zero when none of them needs a look (the usual
  // case for KB text), else nonzero.
  static std::uint64_t special8(const char* p) {
    constexpr std::uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    auto zero_byte = [&](std::uint64_t x) { return (x - ones) & ~x & high; };
    return (v & high) | ((v - ones * 0x20) & ~v & high) | zero_byte(v ^ (ones * '"')) | zero_byte(v ^ (ones * '\\')) |
           zero_byte(v ^ (ones * 0x7F));
  }

  void append_string(std::string_view s) {
    const std::size_t start = out_.size();
    out_ += '"';
    std::size_t run = 0, i = 0;
    while (i < s.size()) {
      if (i + 8 <= s.size() && !special8(s.data() + i)) {
        i += 8;
        continue;
      }
      const auto c = static_cast<unsigned char>(s[i]);
      if (plain(c)) {
        ++i;
        continue;
      }
      out_.append(s.data() + run, i - run);
      if (c < 0x80) {
        escape_ascii(c);
        ++i;
      } else {
        const std::size_t len = detail::utf8_length(s, i);
        if (len == 0) {  // not UTF-8: nlohmann's replacement, exactly
          out_.resize(start);
          out_.append(visible_json(nlohmann::ordered_json(std::string(s))
                                       .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)));
          return;
        }
        const char32_t cp = decode(s, i, len);
        if (is_invisible_control(cp)) {
          hex4(cp);
        } else {
          out_.append(s.data() + i, len);
        }
        i += len;
      }
      run = i;
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  // As nlohmann writes them (ensure_ascii off), and DEL as visible_json().
  void escape_ascii(unsigned char c) {
    switch (c) {
      case '"': out_.append("\\\""); return;
      case '\\': out_.append("\\\\"); return;
      case '\b': out_.append("\\b"); return;
      case '\t': out_.append("\\t"); return;
      case '\n': out_.append("\\n"); return;
      case '\f': out_.append("\\f"); return;
      case '\r': out_.append("\\r"); return;
      default: hex4(c);
    }
  }

  void hex4(char32_t cp) {
    constexpr char kHex[] = "0123456789abcdef";
    const char u[6] = {'\\', 'u', kHex[cp >> 12 & 0xF], kHex[cp >> 8 & 0xF], kHex[cp >> 4 & 0xF], kHex[cp & 0xF]};
    out_.append(u, 6);
  }

  static char32_t decode(std::string_view s, std::size_t i, std::size_t len) {
    auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
    switch (len) {
      case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
      case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
      default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    }
  }

  std::string& out_;
  std::uint64_t first_ = 1;  // bit d: nothing written yet in the container at depth d
  int depth_ = 0;
  bool after_key_ = false;
};

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

json trigger_point_json(const Kb& kb, const image::TriggerPointRec& tp) {
  return {{"id", s(kb, tp.id)},
          {"name", s(kb, tp.name)},
          {"location", s(kb, tp.location)},
          {"primary", ids(kb, tp.primary, kb.areas())},
          {"spillover", ids(kb, tp.spillover, kb.areas())}};
}

// --- `where`, written straight to text -------------------------------------

void write_strings(JsonWriter& w, const Kb& kb, image::Range r) {
  w.begin_array();
  for (const image::Str& x : kb.strs(r)) w.string(kb.str(x));
  w.end_array();
}

template <typename Records>
void write_ids(JsonWriter& w, const Kb& kb, image::Range r, Records records) {
  w.begin_array();
  for (std::uint32_t i : kb.u32s(r)) w.string(kb.str(records[i].id));
  w.end_array();
}

// A press point: the same object in every command that says where to press.
void write_press(JsonWriter& w, const Kb& kb, std::uint32_t trigger_point) {
  const auto& x = kb.trigger_point(trigger_point);
  w.begin_object();
  w.key("trigger_point");
  w.string(kb.str(x.id));
  w.key("name");
  w.string(kb.str(x.name));
  w.key("location");
  w.string(kb.str(x.location));
  w.end_object();
}

// A muscle's use of a protocol: the protocol with the muscle's notes.
void write_protocol(JsonWriter& w, const Kb& kb, const image::ProtocolUseRec& use) {
  const auto& p = kb.protocols()[use.protocol];
  w.begin_object();
  w.key("id");
  w.string(kb.str(p.id));
  w.key("name");
  w.string(kb.str(p.name));
  w.key("tool");
  w.string(kb.str(p.tool));
  w.key("steps");
  write_strings(w, kb, p.steps);
  w.key("dose");
  w.string(kb.str(p.dose));
  w.key("cautions");
  write_strings(w, kb, p.cautions);
  w.key("notes");
  w.string(kb.str(use.notes));
  w.end_object();
}

void write_resolved(JsonWriter& w, const Kb& kb, const Resolution& r) {
  w.begin_array();
  for (const ResolvedTerm& t : r.terms) {
    w.begin_object();
    w.key("input");
    w.string(r.query[t.phrase]);
    w.key("term");
    w.string(term_id(kb, t.kind, t.target));
    w.key("label");
    w.string(term_label(kb, t.kind, t.target));
    w.key("kind");
    w.string(term_kind_name(t.kind));
    w.key("how");
    w.string(match_how_name(t.how));
    w.key("matched");
    w.string(t.matched);
    w.key("why");
    w.string(t.why);
    if (t.kind == image::TermKind::kCondition) {
      const auto& c = kb.conditions()[t.target];
      w.key("note");
      w.string(kConditionNote);
      w.key("caveat");
      if (c.caveat.size) {
        w.string(kb.str(c.caveat));
      } else {
        w.null();
      }
      w.key("areas");
      write_ids(w, kb, c.areas, kb.areas());
      w.key("symptoms");
      write_ids(w, kb, c.symptoms, kb.symptoms());
      w.key("muscles");
      write_ids(w, kb, c.muscles, kb.muscles());
      w.key("sources");
      write_strings(w, kb, c.sources);
    }
    w.end_object();
  }
  w.end_array();
}

void write_notices(JsonWriter& w, const Kb& kb, const Resolution& r) {
  w.key("corrections");
  w.begin_array();
  for (const Correction& c : r.corrections) {
    w.begin_object();
    w.key("input");
    w.string(r.query[c.phrase]);
    w.key("from");
    w.string(c.from);
    w.key("to");
    w.string(c.to);
    w.end_object();
  }
  w.end_array();
  w.key("descriptors");
  w.begin_array();
  for (const Descriptor& d : r.descriptors) {
    w.begin_object();
    w.key("input");
    w.string(r.query[d.phrase]);
    w.key("word");
    w.string(d.word);
    w.key("kind");
    w.string(d.kind);
    w.end_object();
  }
  w.end_array();
  w.key("unmatched");
  w.begin_array();
  for (const Unmatched& u : r.unmatched) {
    w.begin_object();
    w.key("input");
    w.string(r.query[u.phrase]);
    w.key("suggestions");
    w.begin_array();
    for (const std::string& x : u.suggestions) w.string(x);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("warnings");
  w.begin_array();
  for (const RedFlagHit& h : r.red_flags) {
    const auto& f = kb.red_flags()[h.red_flag];
    w.begin_object();
    w.key("id");
    w.string(kb.str(f.id));
    w.key("label");
    w.string(kb.str(f.label));
    w.key("message");
    w.string(kb.str(f.message));
    w.key("input");
    w.string(r.query[h.phrase]);
    w.key("level");
    w.string(urgency_name(f.urgency));
    w.key("sources");
    write_strings(w, kb, f.sources);
    w.end_object();
  }
  w.end_array();
}

// The parts of a match that depend only on the KB (a muscle's protocol and
// cautions, a trigger point's press object: most of the bytes of an
// answer), written once per KB and printer and copied after that.
class Fragments {
 public:
  const std::string& press(const Kb& kb, std::uint32_t trigger_point) {
    reset_for(kb);
    if (trigger_point >= press_.size()) press_.resize(trigger_point + 1);
    std::string& out = press_[trigger_point];
    if (out.empty()) {
      JsonWriter w(out);
      write_press(w, kb, trigger_point);
    }
    return out;
  }

  /// `"protocol":{...}` and `"cautions":[...]` of one muscle, as two values.
  const std::pair<std::string, std::string>& muscle(const Kb& kb, std::uint32_t muscle) {
    reset_for(kb);
    if (muscles_.empty()) muscles_.resize(kb.muscles().size());
    auto& out = muscles_[muscle];
    if (out.first.empty()) {
      const auto& mu = kb.muscles()[muscle];
      JsonWriter w(out.first);
      write_protocol(w, kb, kb.protocol_uses(mu.protocols)[0]);
      JsonWriter c(out.second);
      write_strings(c, kb, mu.cautions);
    }
    return out;
  }

 private:
  void reset_for(const Kb& kb) {
    if (kb.bytes().data() == kb_ && kb.bytes().size() == size_) return;
    kb_ = kb.bytes().data();
    size_ = kb.bytes().size();
    press_.clear();
    muscles_.clear();
  }

  const std::byte* kb_ = nullptr;
  std::size_t size_ = 0;
  std::vector<std::string> press_;
  std::vector<std::pair<std::string, std::string>> muscles_;
};

void write_match(JsonWriter& w, Fragments& fragments, const Kb& kb, const Resolution& r, const Match& m,
                 std::size_t rank) {
  const auto& mu = kb.muscles()[m.muscle];
  w.begin_object();
  w.key("rank");
  w.number(std::uint64_t{rank + 1});
  w.key("muscle");
  w.string(kb.str(mu.id));
  w.key("name");
  w.string(kb.str(mu.name));
  w.key("score");
  w.number(m.score);
  w.key("explained");
  w.number(std::uint64_t{m.explained});
  w.key("explains");
  w.begin_array();
  for (const Explain& e : m.explains) {
    const ResolvedTerm& t = r.terms[e.term];
    w.begin_object();
    w.key("input");
    w.string(r.query[t.phrase]);
    w.key("term");
    w.string(term_id(kb, t.kind, t.target));
    w.key("kind");
    w.string(term_kind_name(t.kind));
    w.key("weight");
    w.string(explain_weight_name(r, e));
    w.key("trigger_point");
    if (e.trigger_point == kNone) {
      w.null();
    } else {
      w.string(kb.str(kb.trigger_point(e.trigger_point).id));
    }
    w.key("area");
    if (e.area == kNone) {
      w.null();
    } else {
      w.string(kb.str(kb.areas()[e.area].id));
    }
    w.key("rarity");
    w.number(e.rarity);
    w.key("culprit_rank");
    if (e.culprit) {
      w.number(std::uint64_t{e.culprit});
    } else {
      w.null();
    }
    w.key("contribution");
    w.number(e.contribution);
    w.end_object();
  }
  w.end_array();
  w.key("press");
  w.begin_array();
  for (std::uint32_t tp : press_points(kb, m)) w.raw(fragments.press(kb, tp));
  w.end_array();
  const auto& [protocol, cautions] = fragments.muscle(kb, m.muscle);
  w.key("protocol");
  w.raw(protocol);
  w.key("cautions");
  w.raw(cautions);
  w.end_object();
}

// What a writer function writes, as a tree: the commands that print once per
// process build trees, and share the writers with `where` rather than keep a
// second copy of each object.
template <typename Write>
json parsed(Write&& write) {
  std::string text;
  JsonWriter w(text);
  write(w);
  return json::parse(text);
}

// A query's "resolved", "corrections", "descriptors", "unmatched" and
// "warnings", as write_resolved() and write_notices() write them for `where`.
json query_parts(const Kb& kb, const Resolution& r) {
  return parsed([&](JsonWriter& w) {
    w.begin_object();
    w.key("resolved");
    write_resolved(w, kb, r);
    write_notices(w, kb, r);
    w.end_object();
  });
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
  for (const auto& use : kb.protocol_uses(mu.protocols))
    protocols.push_back(parsed([&](JsonWriter& w) { write_protocol(w, kb, use); }));
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
    buffer_.clear();
    JsonWriter w(buffer_);
    w.begin_object();
    w.key("version");
    w.number(std::uint64_t{kOutputVersion});
    w.key("query");
    w.begin_array();
    for (const std::string& q : r.query) w.string(q);
    w.end_array();
    w.key("resolved");
    write_resolved(w, kb, r);
    write_notices(w, kb, r);
    w.key("items");
    w.number(std::uint64_t{ranking.items});
    w.key("total_matches");
    w.number(std::uint64_t{ranking.total});
    w.key("matches");
    w.begin_array();
    for (std::size_t i = 0; i < ranking.matches.size(); ++i) write_match(w, fragments_, kb, r, ranking.matches[i], i);
    w.end_array();
    w.end_object();
    buffer_ += '\n';
    out.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
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
                      {"press_point", parsed([&](JsonWriter& w) { write_press(w, kb, x.trigger_point); })}});
    }
    json parts = query_parts(kb, r);
    dump(out, {{"version", kOutputVersion},
               {"query", r.query},
               {"resolved", std::move(parts["resolved"])},
               {"unmatched", std::move(parts["unmatched"])},
               {"referrers", std::move(list)},
               {"corrections", std::move(parts["corrections"])},
               {"descriptors", std::move(parts["descriptors"])},
               {"warnings", std::move(parts["warnings"])}});
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
    json parts = query_parts(kb, r);
    dump(out, {{"version", kOutputVersion},
               {"query", r.query},
               {"unmatched", std::move(parts["unmatched"])},
               {"causes", std::move(list)},
               {"resolved", std::move(parts["resolved"])},
               {"corrections", std::move(parts["corrections"])},
               {"descriptors", std::move(parts["descriptors"])},
               {"warnings", std::move(parts["warnings"])}});
  }

  void protocol(std::ostream& out, const Kb& kb, std::uint32_t protocol) override {
    const auto& p = kb.protocols()[protocol];
    json used = json::array();
    for (std::uint32_t m : protocol_users(kb, protocol)) used.push_back(s(kb, kb.muscles()[m].id));
    dump(out, {{"version", kOutputVersion},
               {"id", s(kb, p.id)},
               {"name", s(kb, p.name)},
               {"tool", s(kb, p.tool)},
               {"steps", strings(kb, p.steps)},
               {"dose", s(kb, p.dose)},
               {"cautions", strings(kb, p.cautions)},
               {"muscles", std::move(used)}});
  }

  void list(std::ostream& out, const std::vector<ListEntry>& entries) override {
    for (const ListEntry& e : entries) {
      json j = {{"id", e.id}, {"label", e.label}, {"version", kOutputVersion}};
      if (!e.urgency.empty()) j["urgency"] = e.urgency;  // red flags
      dump(out, j);
    }
  }

 private:
  std::string buffer_;   // one answer, reused: no allocation once it has grown
  Fragments fragments_;  // the KB's text as JSON, written on first use
};

}  // namespace

std::unique_ptr<Printer> make_json_printer(const PrintOptions&) { return std::make_unique<JsonPrinter>(); }

}  // namespace tpx::printer
