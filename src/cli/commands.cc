#include "commands.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "each.h"
#include "notices.h"
#include "terminal.h"
#include "tpx/builtin_kb.h"
#include "tpx/cache.h"
#include "tpx/check.h"
#include "tpx/compile.h"
#include "tpx/escape.h"
#include "tpx/image_file.h"
#include "tpx/load.h"
#include "tpx/lookup.h"
#include "tpx/picture.h"
#include "tpx/printer.h"
#include "tpx/rank.h"
#include "tpx/resolve.h"
#include "tpx/suggest.h"

namespace tpx::cli {
namespace {

bool is_directory(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

// A compiled KB file: its header, block sums and small sections checked
// now, every other block when a query first reads it (Kb::open_lazily).
std::optional<Kb> open_kb_file(const std::string& path) {
  std::string why;
  std::optional<Kb> kb = open_image_file(path, &why, ImageChecks::kLazily);
  if (!kb) error(fmt::format("cannot use the KB file '{}': {}", one_line(path), why));
  return kb;
}

// The KB to query: the built-in image, or --kb/TPX_KB: a directory
// (compiled now or taken from the cache) or a compiled KB file.
std::optional<Kb> open_kb(const CliOptions& opt) {
  if (opt.kb_dir.empty()) return builtin_kb();
  if (!is_directory(opt.kb_dir) && std::filesystem::exists(opt.kb_dir)) return open_kb_file(opt.kb_dir);
  CachedKb cached = open_kb_dir(opt.kb_dir, opt.no_cache ? std::string() : cache_dir());
  if (!cached.kb) {
    for (const Diagnostic& d : cached.diagnostics) {
      if (d.severity == Severity::kError) fmt::print(std::cerr, "{}\n", visible(format_diagnostic(d)));
    }
    error(fmt::format("the knowledge base in '{}' has errors", opt.kb_dir));
  }
  return std::move(cached.kb);
}

// Phrases from the arguments, or from stdin (one per line) for '-' or when
// no phrase is given and stdin is not a terminal.
// The same for muscle names (`tpx muscle -`), which `what` says in errors.
std::optional<std::vector<std::string>> gather(const std::vector<std::string>& args, std::string_view what) {
  std::vector<std::string> phrases;
  bool from_stdin = (args.size() == 1 && args[0] == "-") || (args.empty() && !stdin_is_tty());
  if (from_stdin) {
    // Bounded reading: a hostile stdin (one endless line, millions of
    // lines, endless blank lines) stops at the first limit instead of
    // filling memory or reading for ever. Every line counts, blank or not,
    // and every byte.
    std::string line;
    std::size_t lines = 0, bytes = 0;
    for (int c; (c = std::cin.get()) != EOF || !line.empty();) {
      if (c != EOF && ++bytes > kMaxStdinBytes) {
        error(fmt::format("more than {} bytes on stdin", kMaxStdinBytes));
        return std::nullopt;
      }
      if (c != '\n' && c != EOF) {
        line += static_cast<char>(c);
        if (line.size() > kMaxPhraseBytes) break;
        continue;
      }
      if (++lines > kMaxStdinLines) {
        error(fmt::format("more than {} lines on stdin, blank ones included", kMaxStdinLines));
        return std::nullopt;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") != std::string::npos) phrases.push_back(line);
      line.clear();
      if (phrases.size() > kMaxPhrases || c == EOF) break;
    }
    if (line.size() > kMaxPhraseBytes) {
      error(fmt::format("a line on stdin is longer than {} bytes", kMaxPhraseBytes));
      return std::nullopt;
    }
  } else {
    phrases = args;
  }
  if (phrases.empty()) {
    error(what == "phrase" ? "say where it hurts, e.g. tpx where \"temple\" \"top of shoulder\""
                           : fmt::format("no {} on stdin", what));
    return std::nullopt;
  }
  if (phrases.size() > kMaxPhrases) {
    error(fmt::format("too many phrases: at most {}", kMaxPhrases));
    return std::nullopt;
  }
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    if (std::optional<std::string> why = phrase_problem(phrases[i])) {
      error(fmt::format("{} {} {}", what, i + 1, *why));
      return std::nullopt;
    }
  }
  return phrases;
}

// Text `where` shows this many matches whole unless --top is given: two
// muscles, their methods step by step and the rest of the ranking in a
// line fit one screen of 80 lines at 80 columns.
constexpr std::size_t kWhereDetail = 2;

// The printer the options ask for (--format and print_options()).
std::unique_ptr<Printer> printer_for(const CliOptions& opt) {
  return make_printer(*parse_format(opt.format), print_options(opt));
}

// Pictures: --format svg or html replaces the other printers; the terminal
// map follows the text on a terminal, or anywhere with --map.
bool picture_format(const CliOptions& opt) { return opt.format == "svg" || opt.format == "html"; }

void print_map(const CliOptions& opt, const Kb& kb, const Picture& picture) {
  if (opt.format != "text" || opt.no_map || !(opt.map || stdout_is_tty())) return;
  const Scene scene = make_scene(kb, picture);
  if (scene.empty()) return;
  MapOptions mo;
  mo.columns = terminal_columns();
  mo.colors = !use_color(opt.color) ? MapColors::kNone : truecolor() ? MapColors::kTrueColor : MapColors::k256;
  std::cout << '\n';
  render_map(std::cout, kb, scene, mo);
}

// False (after an error) when the KB's atlas has nothing to draw it on.
bool print_svg(const Kb& kb, const Picture& picture) {
  const Scene scene = make_scene(kb, picture);
  if (scene.empty()) {
    error(kb.views().empty() ? "the knowledge base has no body atlas to draw on"
                             : "nothing of this is drawn in the knowledge base's body atlas");
    return false;
  }
  render_svg(std::cout, kb, scene);
  return true;
}

int run_where(const CliOptions& opt, const Kb& kb) {
  if (opt.each && picture_format(opt)) {
    error(fmt::format("--each answers in text, json, tsv or ids, not --format {}", opt.format));
    return kExitError;
  }
  if (opt.each) return run_where_each(opt, kb);
  std::optional<std::vector<std::string>> phrases = gather(opt.phrases, "phrase");
  if (!phrases) return kExitError;
  Resolution r = resolve(kb, *phrases);
  Ranking ranking = rank(kb, r, static_cast<std::size_t>(opt.top));
  // People read notices on stderr; JSON carries them in its own fields, but
  // red flags are shown on stderr in every format so no pipeline hides them.
  bool text = opt.format == "text";
  print_notices(kb, r, text ? Notices::kAll : Notices::kRedFlagsOnly, notice_color(opt));
  if (opt.format == "html") {
    render_html_where(std::cout, kb, r, ranking);
  } else if (opt.format == "svg") {
    if (!print_svg(kb, where_picture(kb, r, ranking))) return kExitError;
  } else {
    printer_for(opt)->where(std::cout, kb, r, ranking);
    print_map(opt, kb, where_picture(kb, r, ranking));
  }
  return ranking.matches.empty() ? kExitNoMatch : kExitMatch;
}

// A muscle or protocol name is echoed in errors: refuse what would break
// the one-line message or drive the terminal, as for phrases.
bool name_ok(std::string_view name) {
  if (std::optional<std::string> why = phrase_problem(name)) {
    error(fmt::format("the name {}", *why));
    return false;
  }
  return true;
}

int run_muscle(const CliOptions& opt, const Kb& kb) {
  std::optional<std::vector<std::string>> names = gather(opt.names, "name");
  if (!names) return kExitError;
  // Every name is looked up before any card is printed: one unknown name
  // is an error, and a pipeline gets all the cards or none.
  std::vector<std::uint32_t> muscles;
  bool ok = true;
  for (const std::string& name : *names) {
    MuscleLookup found = find_muscle(kb, name);
    if (found.muscle) {
      muscles.push_back(*found.muscle);
      continue;
    }
    std::string msg = fmt::format("no muscle named '{}'", name);
    if (!found.suggestions.empty()) msg += fmt::format("; did you mean: {}?", fmt::join(found.suggestions, ", "));
    error(msg);
    ok = false;
  }
  if (!ok) return kExitError;
  if (opt.map && muscles.size() > 1) {
    error(fmt::format("--map draws one muscle's map, not {}: several cards are printed without one", muscles.size()));
    return kExitError;
  }
  if (opt.format == "html" || opt.format == "svg") {
    // A picture or a page is one muscle's.
    if (muscles.size() != 1) {
      error(fmt::format("--format {} takes one muscle, not {}", opt.format, muscles.size()));
      return kExitError;
    }
    if (opt.format == "html") {
      render_html_muscle(std::cout, kb, muscles.front());
    } else if (!print_svg(kb, muscle_picture(kb, muscles.front()))) {
      return kExitError;
    }
    return kExitMatch;
  }
  printer_for(opt)->muscles(std::cout, kb, muscles);
  // The map under a card; several cards stay text only.
  if (muscles.size() == 1) print_map(opt, kb, muscle_picture(kb, muscles.front()));
  return kExitMatch;
}

int run_list(const CliOptions& opt, const Kb& kb) {
  std::vector<ListEntry> entries = list_entries(kb, *parse_list_kind(opt.list_kind));
  printer_for(opt)->list(std::cout, entries);
  return entries.empty() ? kExitNoMatch : kExitMatch;
}

int run_area(const CliOptions& opt, const Kb& kb) {
  std::optional<std::vector<std::string>> phrases = gather(opt.phrases, "phrase");
  if (!phrases) return kExitError;
  Resolution r = resolve(kb, *phrases, kPlaceKinds);
  print_notices(kb, r, Notices::kAll, notice_color(opt));
  std::vector<Referrer> referrers = area_referrers(kb, r);
  if (!r.terms.empty()) {
    if (opt.format == "html") {
      render_html_area(std::cout, kb, r, referrers);
    } else if (opt.format == "svg") {
      if (!print_svg(kb, area_picture(kb, r, referrers))) return kExitError;
    } else {
      printer_for(opt)->area(std::cout, kb, r, referrers);
      print_map(opt, kb, area_picture(kb, r, referrers));
    }
  }
  return referrers.empty() ? kExitNoMatch : kExitMatch;
}

int run_cause(const CliOptions& opt, const Kb& kb) {
  std::optional<std::vector<std::string>> phrases = gather(opt.phrases, "phrase");
  if (!phrases) return kExitError;
  Resolution r = resolve(kb, *phrases, kCauseKinds);
  print_notices(kb, r, Notices::kAll, notice_color(opt));
  std::vector<CauseMatch> causes = matched_causes(r);
  printer_for(opt)->causes(std::cout, kb, r, causes);
  return causes.empty() ? kExitNoMatch : kExitMatch;
}

int run_protocol(const CliOptions& opt, const Kb& kb) {
  if (!name_ok(opt.name)) return kExitError;
  ProtocolLookup found = find_protocol(kb, opt.name);
  if (!found.protocol) {
    std::string msg = fmt::format("no protocol named '{}'", opt.name);
    if (!found.suggestions.empty()) msg += fmt::format("; did you mean: {}?", fmt::join(found.suggestions, ", "));
    error(msg + " (tpx list protocols shows them all)");
    return kExitError;
  }
  printer_for(opt)->protocol(std::cout, kb, *found.protocol);
  return kExitMatch;
}

// `tpx check FILE`: a compiled KB file verified as --kb would (magic,
// version, size, checksum, every record); the problem on stdout as
// `FILE: error: ...`, a summary on stderr.
int check_kb_file(const std::string& path) {
  std::string why;
  std::optional<Kb> kb = open_image_file(path, &why, ImageChecks::kAll);
  if (!kb) {
    fmt::print(std::cout, "{}: error: {}\n", visible(path), visible(why));
    fmt::print(std::cerr, "tpx check: {}: not a usable compiled KB\n", visible(path));
    return kExitError;
  }
  fmt::print(std::cerr,
             "tpx check: {}: compiled KB, format version {}, {} bytes, every block and record verified; "
             "{} muscles, {} areas, {} symptoms, {} causes, {} protocols\n",
             visible(path), image::kFormatVersion, kb->bytes().size(), kb->muscles().size(), kb->areas().size(),
             kb->symptoms().size(), kb->causes().size(), kb->protocols().size());
  return kExitMatch;
}

// `tpx check`: every diagnostic on stdout (grep-able), a summary on stderr.
int run_check(const CliOptions& opt) {
  std::string dir = !opt.check_dir.empty() ? opt.check_dir : !opt.kb_dir.empty() ? opt.kb_dir : "kb";
  if (!is_directory(dir) && std::filesystem::exists(dir)) return check_kb_file(dir);
  LoadResult loaded = load_directory(dir);
  std::vector<Diagnostic> diags = loaded.diagnostics;
  if (loaded.ok()) {
    std::vector<Diagnostic> more = lint(loaded.model, compile_kb(loaded.model));
    diags.insert(diags.end(), more.begin(), more.end());
  }
  std::size_t errors = 0;
  for (const Diagnostic& d : diags) {
    fmt::print(std::cout, "{}\n", visible(format_diagnostic(d)));
    if (d.severity == Severity::kError) ++errors;
  }
  const Model& m = loaded.model;
  fmt::print(std::cerr,
             "tpx check: {}: {} errors, {} warnings; {} muscles, {} areas, {} symptoms, {} causes, {} conditions, {} "
             "protocols\n",
             visible(dir), errors, diags.size() - errors, m.muscles.size(), m.areas.size(), m.symptoms.size(),
             m.causes.size(), m.conditions.size(), m.protocols.size());
  return errors ? kExitError : kExitMatch;
}

// `tpx compile DIR -o FILE`: the image --kb FILE opens, written only when
// the KB has no error; every problem on stderr as `file:line:column`.
int run_compile(const CliOptions& opt) {
  LoadResult loaded = load_directory(opt.check_dir);
  for (const Diagnostic& d : loaded.diagnostics) fmt::print(std::cerr, "{}\n", visible(format_diagnostic(d)));
  if (!loaded.ok()) {
    error(fmt::format("the knowledge base in '{}' has errors; {} not written", opt.check_dir, opt.output));
    return kExitError;
  }
  std::vector<std::byte> bytes = compile(loaded.model);
  std::string why;
  if (!write_image_file(opt.output, bytes, &why)) {
    error(why);
    return kExitError;
  }
  fmt::print(std::cerr, "tpx compile: {}: {} muscles, {} bytes\n", visible(opt.output), loaded.model.muscles.size(),
             bytes.size());
  return kExitMatch;
}

int run_cache(const CliOptions& opt) {
  std::string dir = cache_dir();
  if (dir.empty()) {
    error("no cache directory: neither XDG_CACHE_HOME nor HOME is set");
    return kExitError;
  }
  if (opt.command == Command::kCachePath) {
    fmt::print(std::cout, "{}\n", visible(dir));
    return kExitMatch;
  }
  std::string why;
  std::optional<std::size_t> removed = clear_cache(dir, &why);
  if (!removed) {
    error(why);
    return kExitError;
  }
  fmt::print(std::cerr, "tpx: removed {} cached image{} from {}\n", *removed, *removed == 1 ? "" : "s", visible(dir));
  return kExitMatch;
}

}  // namespace

PrintOptions print_options(const CliOptions& opt) {
  PrintOptions po;
  po.color = use_color(opt.color);
  po.explain = opt.explain;
  po.header = opt.header;
  po.width = page_width(opt.width);
  po.detail = opt.top_given ? 0 : kWhereDetail;
  return po;
}

bool notice_color(const CliOptions& opt) { return use_color(opt.color) && stderr_is_tty(); }

std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return visible(out);
}

namespace {

// The commands that answer from no KB, by name for the messages ("tpx
// compile"); empty for check and the commands that query a KB.
std::string_view kbless_command(const CliOptions& opt) {
  if (opt.man_page) return "tpx man";
  if (!opt.shell.empty()) return "tpx completion";
  switch (opt.command) {
    case Command::kCompile: return "tpx compile";
    case Command::kCachePath: return "tpx cache path";
    case Command::kCacheClear: return "tpx cache clear";
    default: return {};
  }
}

// Why --kb given on the command line changes nothing, if it does not.
// TPX_KB alone is never refused: it is set once for every command.
std::optional<std::string> kb_inapplicable(const CliOptions& opt) {
  if (!opt.kb_given) return std::nullopt;
  if (opt.command == Command::kCheck && !opt.check_dir.empty()) {
    return "--kb does not apply to tpx check DIR, which checks DIR: drop --kb, or DIR to check the --kb one";
  }
  if (!opt.shell.empty()) {
    return "--kb does not apply to tpx completion: the script completes ids from the KB of the command line "
           "being completed (its --kb, or TPX_KB)";
  }
  if (opt.command == Command::kCompile) {
    return "--kb does not apply to tpx compile, which compiles the DIR it is given: tpx compile DIR -o FILE";
  }
  std::string_view cmd = kbless_command(opt);
  if (!cmd.empty()) return fmt::format("--kb does not apply to {}, which is the same for every KB: drop --kb", cmd);
  return std::nullopt;
}

// Why --no-cache changes nothing, if it does not: only a KB directory that
// a query opens is ever cached.
std::optional<std::string> no_cache_inapplicable(const CliOptions& opt) {
  if (!opt.no_cache) return std::nullopt;
  if (opt.command == Command::kCheck || opt.command == Command::kCompile) {
    return fmt::format("--no-cache does not apply to tpx {}: it always reads the YAML afresh, never the cache",
                       opt.command == Command::kCheck ? "check" : "compile");
  }
  std::string_view cmd = kbless_command(opt);
  if (!cmd.empty()) return fmt::format("--no-cache does not apply to {}, which reads no KB: drop --no-cache", cmd);
  if (opt.kb_dir.empty()) return "--no-cache applies only with --kb DIR (or TPX_KB)";
  if (!is_directory(opt.kb_dir) && std::filesystem::exists(opt.kb_dir)) {
    return fmt::format("--no-cache applies only to a KB directory: '{}' is a compiled KB file, which is never cached",
                       one_line(opt.kb_dir));
  }
  return std::nullopt;
}

// Why --map or --no-map changes nothing, if it does not: the terminal map
// is drawn under one answer in text.
std::optional<std::string> map_inapplicable(const CliOptions& opt, bool text) {
  if (!opt.map && !opt.no_map) return std::nullopt;
  const char* name = opt.map ? "--map" : "--no-map";
  if (opt.each) return fmt::format("{} does not apply to --each, whose answers have no body map", name);
  if (opt.map && !text) {
    return fmt::format(
        "--map draws the body map under text output, not with --format {}; use --format svg or --format html for a "
        "picture file",
        opt.format);
  }
  if (opt.no_map && picture_format(opt)) {
    return fmt::format("--no-map contradicts --format {}, whose picture is the body map: drop one of them", opt.format);
  }
  if (opt.no_map && !text) {
    return fmt::format("--no-map applies to text output only: --format {} never has a body map", opt.format);
  }
  return std::nullopt;
}

}  // namespace

// An option that would change nothing here is an error, so a user or a
// script learns at once that it was ignored.
std::optional<std::string> inapplicable(const CliOptions& opt) {
  // svg and html are no Format: they are drawn, not printed.
  const bool text = opt.format == "text";
  const bool tsv_like = opt.format == "tsv" || (text && opt.command == Command::kList);
  if (opt.header && !tsv_like) return "--header applies to TSV output only: add --format tsv";
  if (opt.explain && !text) {
    return "--explain applies to text output only (JSON always carries each explain's rarity and contribution)";
  }
  if (opt.width >= 0 && opt.command == Command::kList) {
    return "--width does not apply to tpx list: its id<TAB>label lines are never wrapped";
  }
  if (opt.width >= 0 && !text) return "--width applies to text output only";
  if (opt.top_given && opt.format == "svg") {
    return "--top does not apply to --format svg, which draws the best match only: use --format html for a page "
           "of the ranking";
  }
  if (std::optional<std::string> why = map_inapplicable(opt, text)) return why;
  if (std::optional<std::string> why = kb_inapplicable(opt)) return why;
  // --color is taken by every command, even where nothing is coloured, so
  // that a shell alias or a wrapper can always pass it.
  return no_cache_inapplicable(opt);
}

int run(const CliOptions& opt) {
  try {
    if (std::optional<std::string> why = inapplicable(opt)) {
      error(*why);
      return kExitError;
    }
    if (opt.command == Command::kCheck) return run_check(opt);
    if (opt.command == Command::kCompile) return run_compile(opt);
    if (opt.command == Command::kCachePath || opt.command == Command::kCacheClear) return run_cache(opt);
    std::optional<Kb> kb = open_kb(opt);
    if (!kb) return kExitError;
    // --each holds each answer itself.
    HeldOutput held(kb->verified_as_read() && !(opt.command == Command::kWhere && opt.each));
    int code = kExitError;
    switch (opt.command) {
      case Command::kWhere: code = run_where(opt, *kb); break;
      case Command::kMuscle: code = run_muscle(opt, *kb); break;
      case Command::kList: code = run_list(opt, *kb); break;
      case Command::kArea: code = run_area(opt, *kb); break;
      case Command::kCause: code = run_cause(opt, *kb); break;
      case Command::kProtocol: code = run_protocol(opt, *kb); break;
      case Command::kCheck:
      case Command::kCompile:
      case Command::kCachePath:
      case Command::kCacheClear:
      case Command::kNone: error("no command given; see tpx --help"); return kExitError;
    }
    held.commit();
    return code;
  } catch (const DamagedImage& e) {  // a KB file found damaged where this command read it
    error(fmt::format("cannot use the KB file '{}': {}; 'tpx check {}' checks all of it", one_line(opt.kb_dir),
                      e.what(), one_line(opt.kb_dir)));
  } catch (const std::exception& e) {
    error(e.what());
  }
  return kExitError;
}

}  // namespace tpx::cli
