// Reads KB files into the Model. Structure and types are checked here, one
// file at a time; cross-file checks (ids, references) live in validate.cc.
#include "tpx/load.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <system_error>
#include <thread>

#include "load_atlas.h"
#include "read_file.h"
#include "validate.h"
#include "yaml_reader.h"

namespace tpx {
namespace {

namespace fs = std::filesystem;
using detail::YamlReader;

// What a file holds, from its path inside the KB directory.
enum class FileKind {
  kRegions,
  kAreas,
  kSymptoms,
  kCauses,
  kConditions,
  kProtocols,
  kRedFlags,
  kMuscle,
  kAtlasView,
  kUnknown
};

struct KindName {
  FileKind kind;
  std::string_view name;  // "areas" matches areas.yaml and areas/*.yaml
  std::string_view noun;  // for messages
};

constexpr KindName kKinds[] = {
    {FileKind::kRegions, "regions", "region"},          {FileKind::kAreas, "areas", "area"},
    {FileKind::kSymptoms, "symptoms", "symptom"},       {FileKind::kCauses, "causes", "cause"},
    {FileKind::kProtocols, "protocols", "protocol"},    {FileKind::kRedFlags, "red-flags", "red flag"},
    {FileKind::kConditions, "conditions", "condition"},
};

FileKind kind_of(std::string_view rel) {
  auto slash = rel.find('/');
  std::string_view head = slash == std::string_view::npos ? rel : rel.substr(0, slash);
  if (slash == std::string_view::npos && head.size() > 5) head.remove_suffix(5);  // ".yaml"
  if (head == "muscles" && slash != std::string_view::npos) return FileKind::kMuscle;
  if (head == "atlas" && slash != std::string_view::npos) return FileKind::kAtlasView;
  for (const KindName& k : kKinds) {
    if (head == k.name) return k.kind;
  }
  return FileKind::kUnknown;
}

std::string_view noun_of(FileKind kind) {
  for (const KindName& k : kKinds) {
    if (k.kind == kind) return k.noun;
  }
  return "entry";
}

// Entry label for messages: "area 'temple'" or "area #3".
std::string entry_name(std::string_view noun, const YAML::Node& n, std::size_t index) {
  if (n.IsMap() && n["id"] && n["id"].IsScalar()) return fmt::format("{} '{}'", noun, n["id"].Scalar());
  if (n.IsMap() && n["concept"] && n["concept"].IsScalar())  // red-flags.yaml's other kind of entry
    return fmt::format("red-flag concept '{}'", n["concept"].Scalar());
  return fmt::format("{} #{}", noun, index + 1);
}

template <typename F>
void for_each_item(YamlReader& r, const YAML::Node& map, const char* key, F&& f) {
  YAML::Node list = map[key];
  if (!list || list.IsNull()) return;
  if (!list.IsSequence()) {
    r.error(list, fmt::format("'{}' must be a list, found {}", key, detail::node_kind(list)));
    return;
  }
  std::size_t i = 0;
  for (const YAML::Node& item : list) f(item, i++);
}

// red-flags.yaml holds two kinds of entry: concepts ("concept: id") and the
// flags whose presentations combine them ("id: ...").
void read_red_flag_entry(YamlReader& r, const YAML::Node& n, const std::string& what, Model& m) {
  if (n.IsMap() && n["concept"]) {
    if (!r.check_map(n, {"concept", "phrases", "unless"}, {"concept", "phrases"}, what)) return;
    RedFlagConcept c;
    r.read(n, "concept", c.id);
    r.read(n, "phrases", c.phrases);
    r.read(n, "unless", c.unless);
    m.red_flag_concepts.push_back(std::move(c));
    return;
  }
  if (!r.check_map(n, {"id", "label", "urgency", "message", "sources", "presentations", "covers"},
                   {"id", "label", "urgency", "message", "presentations"}, what))
    return;
  RedFlag x;
  r.read(n, "id", x.id);
  r.read(n, "label", x.label);
  r.read(n, "urgency", x.urgency);
  r.read(n, "message", x.message);
  r.read(n, "sources", x.sources);
  r.read(n, "covers", x.covers);
  for_each_item(r, n, "presentations", [&](const YAML::Node& item, std::size_t) {
    if (!item.IsSequence()) {
      r.error(item, fmt::format("a presentation must be a list of concept ids, found {}", detail::node_kind(item)));
      return;
    }
    std::vector<Text> ids;
    for (const YAML::Node& id : item) {
      Text t;
      if (r.scalar(id, "a concept id", t)) ids.push_back(std::move(t));
    }
    x.presentations.push_back(std::move(ids));
  });
  m.red_flags.push_back(std::move(x));
}

void read_vocabulary_entry(YamlReader& r, FileKind kind, const YAML::Node& n, const std::string& what, Model& m) {
  switch (kind) {
    case FileKind::kRegions: {
      if (!r.check_map(n, {"id", "label", "parent", "aliases"}, {"id", "label"}, what)) return;
      Region x;
      r.read(n, "id", x.id);
      r.read(n, "label", x.label);
      r.read(n, "parent", x.parent);
      r.read(n, "aliases", x.aliases);
      m.regions.push_back(std::move(x));
      return;
    }
    case FileKind::kAreas: {
      if (!r.check_map(n, {"id", "label", "region", "aliases", "culprits"}, {"id", "label", "region"}, what)) return;
      Area x;
      r.read(n, "id", x.id);
      r.read(n, "label", x.label);
      r.read(n, "region", x.region);
      r.read(n, "aliases", x.aliases);
      r.read(n, "culprits", x.culprits);
      m.areas.push_back(std::move(x));
      return;
    }
    case FileKind::kSymptoms: {
      if (!r.check_map(n, {"id", "label", "aliases", "culprits"}, {"id", "label"}, what)) return;
      Symptom x;
      r.read(n, "id", x.id);
      r.read(n, "label", x.label);
      r.read(n, "aliases", x.aliases);
      r.read(n, "culprits", x.culprits);
      m.symptoms.push_back(std::move(x));
      return;
    }
    case FileKind::kCauses: {
      if (!r.check_map(n, {"id", "label", "aliases", "advice", "culprits"}, {"id", "label", "advice"}, what)) return;
      Cause x;
      r.read(n, "id", x.id);
      r.read(n, "label", x.label);
      r.read(n, "aliases", x.aliases);
      r.read(n, "advice", x.advice);
      r.read(n, "culprits", x.culprits);
      m.causes.push_back(std::move(x));
      return;
    }
    case FileKind::kConditions: {
      if (!r.check_map(n, {"id", "label", "aliases", "areas", "symptoms", "muscles", "caveat", "sources"},
                       {"id", "label", "aliases", "muscles", "sources"}, what))
        return;
      Condition x;
      r.read(n, "id", x.id);
      r.read(n, "label", x.label);
      r.read(n, "aliases", x.aliases);
      r.read(n, "areas", x.areas);
      r.read(n, "symptoms", x.symptoms);
      r.read(n, "muscles", x.muscles);
      r.read(n, "caveat", x.caveat);
      r.read(n, "sources", x.sources);
      m.conditions.push_back(std::move(x));
      return;
    }
    case FileKind::kProtocols: {
      if (!r.check_map(n, {"id", "name", "tool", "steps", "dose", "cautions"}, {"id", "name", "steps", "dose"}, what))
        return;
      Protocol x;
      r.read(n, "id", x.id);
      r.read(n, "name", x.name);
      r.read(n, "tool", x.tool);
      r.read(n, "steps", x.steps);
      r.read(n, "dose", x.dose);
      r.read(n, "cautions", x.cautions);
      m.protocols.push_back(std::move(x));
      return;
    }
    case FileKind::kRedFlags: read_red_flag_entry(r, n, what, m); return;
    default: return;
  }
}

void read_area_list(YamlReader& r, const YAML::Node& refers, const char* key, std::vector<Text>& out) {
  r.read(refers, key, out);
}

void read_trigger_point(YamlReader& r, const YAML::Node& n, const std::string& what, Muscle& m) {
  if (!r.check_map(n, {"id", "name", "location", "refers"}, {"id", "location", "refers"}, what)) return;
  TriggerPoint tp;
  r.read(n, "id", tp.id);
  r.read(n, "name", tp.name);
  r.read(n, "location", tp.location);
  YAML::Node refers = n["refers"];
  if (refers && !refers.IsNull() && r.check_map(refers, {"primary", "spillover"}, {"primary"}, "'refers' of " + what)) {
    read_area_list(r, refers, "primary", tp.primary);
    read_area_list(r, refers, "spillover", tp.spillover);
  }
  m.trigger_points.push_back(std::move(tp));
}

void read_protocol_use(YamlReader& r, const YAML::Node& n, Muscle& m) {
  ProtocolUse use;
  if (n.IsScalar()) {
    r.scalar(n, "a protocol", use.id);
  } else if (r.check_map(n, {"id", "notes"}, {"id"}, "protocol entry")) {
    r.read(n, "id", use.id);
    r.read(n, "notes", use.notes);
  } else {
    return;
  }
  m.protocols.push_back(std::move(use));
}

void read_muscle(YamlReader& r, const YAML::Node& n, Model& m) {
  if (!r.check_map(n,
                   {"id", "name", "aka", "region", "location", "trigger_points", "symptoms", "causes", "protocols",
                    "cautions", "related", "sources"},
                   {"id", "name", "region", "location", "trigger_points", "protocols", "sources"}, "muscle"))
    return;
  Muscle x;
  r.read(n, "id", x.id);
  r.read(n, "name", x.name);
  r.read(n, "aka", x.aka);
  r.read(n, "region", x.region);
  r.read(n, "location", x.location);
  for_each_item(r, n, "trigger_points", [&](const YAML::Node& tp, std::size_t i) {
    read_trigger_point(r, tp, entry_name("trigger point", tp, i), x);
  });
  r.read(n, "symptoms", x.symptoms);
  r.read(n, "causes", x.causes);
  for_each_item(r, n, "protocols", [&](const YAML::Node& p, std::size_t) { read_protocol_use(r, p, x); });
  r.read(n, "cautions", x.cautions);
  for_each_item(r, n, "related", [&](const YAML::Node& rel, std::size_t) {
    if (!r.check_map(rel, {"id", "reason"}, {"id", "reason"}, "related entry")) return;
    Related item;
    r.read(rel, "id", item.id);
    r.read(rel, "reason", item.reason);
    x.related.push_back(std::move(item));
  });
  r.read(n, "sources", x.sources);
  m.muscles.push_back(std::move(x));
}

// Reads one file into `m` (a fragment of the whole model); `file` is the
// file's index in the final Model::files.
void read_source(const Source& src, int file, Model& m, std::vector<Diagnostic>& diags) {
  YamlReader r(file, src.display, diags);
  const FileKind kind = kind_of(src.rel);
  if (kind == FileKind::kUnknown) {
    r.error_at(0, 0,
               "unknown KB file; expected regions, areas, symptoms, causes, conditions, protocols or red-flags "
               "(.yaml or a folder of them), muscles/<id>.yaml or atlas/<view>.yaml");
    return;
  }
  std::optional<YAML::Node> doc = r.parse(src.text);
  if (!doc) return;
  if (kind == FileKind::kMuscle) {
    if (doc->IsNull()) {
      r.error_at(1, 1, "empty muscle file");
      return;
    }
    read_muscle(r, *doc, m);
    return;
  }
  if (kind == FileKind::kAtlasView) {
    if (doc->IsNull()) {
      r.error_at(1, 1, "empty atlas view file");
      return;
    }
    detail::read_atlas_view(r, *doc, m);
    return;
  }
  const std::string_view noun = noun_of(kind);
  if (!doc->IsSequence()) {
    r.error(*doc, fmt::format("expected a list of {} entries, found {}", noun, detail::node_kind(*doc)));
    return;
  }
  std::size_t i = 0;
  for (const YAML::Node& entry : *doc) {
    read_vocabulary_entry(r, kind, entry, entry_name(noun, entry, i++), m);
  }
}

}  // namespace

namespace detail {

// A read error must not pass for an empty file (an ifstream reports both the
// same way): some regular files fail on read(2), /proc/self/mem for one, even
// for root.
std::string read_kb_file(const std::string& path, std::string& text) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return fmt::format("cannot read file: {}", std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int why = errno;
    ::close(fd);
    return fmt::format("cannot read file: {}", std::strerror(why));
  }
  if (!S_ISREG(st.st_mode)) {  // a FIFO or device put in its place after the listing
    ::close(fd);
    return "not a regular file; a KB file must be one";
  }
  char buf[65536];
  std::string why;
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      why = "cannot read file: it would block (a pipe or device file, not a KB file)";
      break;
    }
    if (n < 0) {
      why = fmt::format("cannot read file: {}", std::strerror(errno));
      break;
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > kMaxFileBytes) {  // it grew since it was listed
      why = fmt::format("file is more than {} bytes; the limit is {} bytes", kMaxFileBytes, kMaxFileBytes);
      break;
    }
  }
  ::close(fd);
  return why;
}

}  // namespace detail

std::vector<Source> read_directory(const fs::path& dir, std::vector<Diagnostic>& diags) {
  std::vector<Source> out;
  for (const KbFile& f : list_kb_files(dir.string(), diags)) {
    if (f.size > kMaxFileBytes) {
      diags.push_back({f.path, 0, 0, Severity::kError,
                       fmt::format("file is {} bytes; the limit is {} bytes", f.size, kMaxFileBytes)});
      continue;
    }
    std::string text;
    if (std::string why = detail::read_kb_file(f.path, text); !why.empty()) {
      diags.push_back({f.path, 0, 0, Severity::kError, why});
      continue;
    }
    out.push_back({f.rel, f.path, std::move(text)});
  }
  return out;
}

template <typename T>
void append(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

LoadResult load_sources(const std::vector<Source>& sources) {
  // Parsing dominates loading and files are independent, so they are parsed
  // on all cores into per-file fragments, then merged in file order: the
  // result and its diagnostics do not depend on the thread count.
  const std::size_t n = sources.size();
  std::vector<Model> parts(n);
  std::vector<std::vector<Diagnostic>> part_diags(n);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < n;) read_source(sources[i], static_cast<int>(i), parts[i], part_diags[i]);
  };
  const std::size_t threads = n < 64 ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {  // no more threads: the ones running share the rest
      break;
    }
  }
  work();
  for (std::thread& t : pool) t.join();

  LoadResult result;
  Model& m = result.model;
  for (std::size_t i = 0; i < n; ++i) {
    m.files.push_back(sources[i].display);
    append(m.regions, parts[i].regions);
    append(m.areas, parts[i].areas);
    append(m.symptoms, parts[i].symptoms);
    append(m.causes, parts[i].causes);
    append(m.conditions, parts[i].conditions);
    append(m.protocols, parts[i].protocols);
    append(m.red_flag_concepts, parts[i].red_flag_concepts);
    append(m.red_flags, parts[i].red_flags);
    append(m.muscles, parts[i].muscles);
    append(m.views, parts[i].views);
    append(result.diagnostics, part_diags[i]);
  }
  // Cross-file checks only make sense once every file parsed: a syntax error
  // in areas.yaml would otherwise show as "unknown area" in every muscle.
  if (!has_errors(result.diagnostics)) detail::validate(result.model, result.diagnostics);
  return result;
}

LoadResult load_directory(const fs::path& dir) {
  std::vector<Diagnostic> diags;
  std::vector<Source> sources = read_directory(dir, diags);
  if (sources.empty() && has_errors(diags)) {  // nothing read: "the KB has no muscles" would only add noise
    LoadResult result;
    result.diagnostics = std::move(diags);
    return result;
  }
  LoadResult result = load_sources(sources);
  result.diagnostics.insert(result.diagnostics.begin(), diags.begin(), diags.end());
  return result;
}

}  // namespace tpx
