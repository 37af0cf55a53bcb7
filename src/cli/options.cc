#include "options.h"

#include <algorithm>

#include "../printer/wrap.h"
#include "examples.h"
#include "tpx/version.h"

namespace tpx::cli {
namespace {

const std::vector<std::string> kFormats = {"text", "json", "tsv", "ids"};
const std::vector<std::string> kPictureFormats = {"text", "json", "tsv", "ids", "svg", "html"};

// How a command's text output is laid out: wrapped paragraphs, or the
// id<TAB>label lines of tpx list, which are TSV already (--header applies
// to them) and never wrapped (--width does not).
enum class TextLayout { kWrapped, kLines };

// --format (one of `formats`), --header and --width: what every command that
// prints a result takes.
void add_output_options(CLI::App* cmd, CliOptions& opt, const std::vector<std::string>& formats,
                        const std::string& format_help, TextLayout layout = TextLayout::kWrapped) {
  const bool lines = layout == TextLayout::kLines;
  cmd->add_option("--format,-f", opt.format, format_help)
      ->check(CLI::IsMember(formats))
      ->type_name("FORMAT")
      ->capture_default_str();
  cmd->add_flag("--header", opt.header,
                lines ? "Print a header row in text or TSV output" : "Print a header row in TSV output");
  CLI::Option* width = cmd->add_option("--width,-w", opt.width,
                                       "Wrap text at N columns (0: never; default: the terminal's, $COLUMNS or 80)")
                           ->check(CLI::Range(0, 100000))
                           ->type_name("N");
  // Where it would change nothing, --width is still parsed, so that
  // inapplicable() can say why it is refused, but it is in the hidden group
  // "": neither --help nor the man page and completions (app_spec.h) offer it.
  if (lines) width->group("");
}

void add_format(CLI::App* cmd, CliOptions& opt, TextLayout layout = TextLayout::kWrapped) {
  add_output_options(cmd, opt, kFormats, "Output: text, json, tsv or ids", layout);
}

// The commands that draw a body map: two more formats, and --map/--no-map
// for the picture under the text.
void add_picture_format(CLI::App* cmd, CliOptions& opt) {
  add_output_options(cmd, opt, kPictureFormats,
                     "Output: text, json, tsv, ids, svg (the body map) or html (a printable page)");
  CLI::Option* map = cmd->add_flag("--map", opt.map, "Draw the body map under the text, even when not on a terminal");
  cmd->add_flag("--no-map", opt.no_map, "Do not draw the body map on a terminal")->excludes(map);
}

// --help is 80 columns wide, as CLI11 lays it out, whatever the terminal.
constexpr std::size_t kHelpWidth = 80;

// "  NAME  text" rows with the texts aligned, wrapped to 80 columns; when the
// names are so long that the texts would be a narrow column (the examples'
// command lines), each text goes on its own lines under its name instead.
std::string rows(const std::vector<ManualEntry>& entries) {
  constexpr std::size_t kMinText = 40;
  std::size_t w = 0;
  for (const ManualEntry& e : entries) {
    if (!e.text.empty()) w = std::max(w, e.name.size());
  }
  bool under = 2 + w + 2 + kMinText > kHelpWidth;
  std::string out;
  for (const ManualEntry& e : entries) {
    if (e.text.empty()) {
      out += "  " + e.name + '\n';
    } else if (under) {
      out += "  " + e.name + '\n' + printer::paragraph(std::string(6, ' '), e.text, 6, kHelpWidth);
    } else {
      std::string prefix = "  " + e.name + std::string(w - e.name.size() + 2, ' ');
      out += printer::paragraph(prefix, e.text, prefix.size(), kHelpWidth);
    }
  }
  return out;
}

// `name` ("kind KIND:{a,b} REQUIRED") without its ":{a,b}" when `desc`
// names each of a, b.
std::string without_named_choices(const std::string& name, const std::string& desc) {
  std::size_t open = name.find(":{"), close = name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return name;
  for (std::size_t start = open + 2; start < close;) {
    std::size_t comma = std::min(name.find(',', start), close);
    if (desc.find(name.substr(start, comma - start)) == std::string::npos) return name;
    start = comma + 1;
  }
  return name.substr(0, open) + name.substr(close + 1);
}

// CLI11's layout (a first column of 30 for names, then the description),
// with every description wrapped to 80 columns under that column by the
// printer's paragraph(), as the rest of the help is, instead of running on.
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    std::string name = make_option_name(opt, is_positional) + make_option_opts(opt), desc = make_option_desc(opt);
    // A list of values too long for the line ("KIND:{muscles,areas,...}")
    // is left to the description when that names every value.
    if (2 + name.size() > kHelpWidth) name = without_named_choices(name, desc);
    return columns(name, desc);
  }
  // CLI11's help, with the groups of options laid out by groups() below.
  std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override {
    if (mode == CLI::AppFormatMode::Sub) return make_expanded(app);
    return make_description(app) + make_usage(app, name) + make_positionals(app) + groups(app, mode) +
           make_subcommands(app, mode) + '\n' + make_footer(app);
  }
  // The commands' names are short: their column is as wide as the longest
  // needs, so each description keeps to one line.
  std::string make_subcommand(const CLI::App* sub) const override {
    std::size_t longest = 0;
    for (const CLI::App* s : sub->get_parent()->get_subcommands([](const CLI::App*) { return true; })) {
      longest = std::max(longest, s->get_display_name(true).size());
    }
    return columns(sub->get_display_name(true), sub->get_description(), std::min(2 + longest + 2, get_column_width()));
  }
  std::string make_description(const CLI::App* app) const override {
    std::string desc = CLI::Formatter::make_description(app), out;
    for (std::size_t start = 0; start < desc.size();) {
      std::size_t end = std::min(desc.find('\n', start), desc.size());
      out += printer::paragraph("", std::string_view(desc).substr(start, end - start), 0, kHelpWidth);
      start = end + 1;
    }
    return out;
  }

 private:
  // CLI11's groups of options (make_groups, which is not virtual), without
  // the hidden group "": CLI11 leaves it out too, but adds a blank line for
  // it when it comes last.
  std::string groups(const CLI::App* app, CLI::AppFormatMode mode) const {
    std::string out;
    for (const std::string& group : app->get_groups()) {
      if (group.empty()) continue;
      std::vector<const CLI::Option*> opts = app->get_options([&](const CLI::Option* o) {
        return o->get_group() == group && o->nonpositional() &&
               (mode != CLI::AppFormatMode::Sub || (o != app->get_help_ptr() && o != app->get_help_all_ptr()));
      });
      if (opts.empty()) continue;
      if (!out.empty()) out += '\n';
      out += make_group(group, false, opts);
    }
    return out;
  }

  std::string columns(const std::string& name, const std::string& desc, std::size_t col = 0) const {
    if (col == 0) col = get_column_width();
    std::string lead = "  " + name;
    if (desc.empty()) return lead + '\n';
    if (lead.size() >= col) return lead + '\n' + printer::paragraph(std::string(col, ' '), desc, col, kHelpWidth);
    lead.resize(col, ' ');
    return printer::paragraph(lead, desc, col, kHelpWidth);
  }
};

}  // namespace

std::vector<ManualEntry> environment(const CLI::App& app) {
  std::vector<ManualEntry> env;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_envname().empty()) continue;
    std::string help = o->get_description();
    if (!help.empty()) help[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(help[0])));
    env.push_back({o->get_envname(), "like " + o->get_name() + ": " + help});
  }
  const std::vector<ManualEntry>& more = manual().environment;
  env.insert(env.end(), more.begin(), more.end());
  return env;
}

namespace {

std::string footer(const CLI::App& app) {
  const Manual& m = manual();
  std::string notice = printer::paragraph("", m.notice, 0, kHelpWidth);
  notice.pop_back();  // CLI11 ends the footer with its own newline
  return "Examples:\n" + rows(m.examples) + "\nExit status:\n" + rows(m.exit_status) + "\nEnvironment:\n" +
         rows(environment(app)) + '\n' + notice;
}

// What the KB commands' --help adds: the global options that apply to them.
constexpr std::string_view kKbGlobals =
    "Global options (before or after the command): --kb DIR (or TPX_KB) uses another KB, --no-cache "
    "compiles it afresh, --color WHEN; tpx --help has the rest.";
// tpx list prints no colour: its help does not offer --color (which it takes, for aliases).
constexpr std::string_view kListGlobals =
    "Global options (before or after the command): --kb DIR (or TPX_KB) uses another KB, --no-cache "
    "compiles it afresh; tpx --help has the rest.";

// A command's own --help footer: its examples (examples.cc), then what else applies.
void command_footer(CLI::App* cmd, std::string_view more) {
  std::string text = "Examples:\n" + rows(command_examples(cmd->get_name()));
  if (!more.empty()) text += '\n' + printer::paragraph("", more, 0, kHelpWidth);
  cmd->footer(text);
}

}  // namespace

const Manual& manual() {
  static const Manual m{
      "find the muscles whose trigger points refer pain where you hurt",
      {"tpx ranks the muscles whose myofascial trigger points are known to refer pain to the places and "
       "symptoms you name, says where to press, and prints a safe self-release protocol. Phrases are free "
       "text: a single place (kneecap), a sentence naming several places, symptoms and causes, or a vague "
       "region (leg). Misspelt words within a letter or two of a known one are corrected, and the correction "
       "is reported.",
       "The knowledge base is compiled into the binary. --kb DIR (or TPX_KB) uses a directory of YAML files, "
       "--kb FILE a KB compiled once with tpx compile DIR -o FILE, instead; tpx check DIR validates a "
       "directory and tpx check FILE verifies a compiled file. Results go to standard output, warnings and errors to "
       "standard error. Red-flag warnings (numbness, chest pain, fever...) are always printed to standard "
       "error, in every output format."},
      {{"tpx where \"temple\" \"top of shoulder\"", "rank the muscles that refer pain there"},
       {"tpx where \"burning between my shoulder blades\" --explain", ""},
       {"tpx where heel \"arch of foot\" --format ids | xargs -n1 tpx muscle", ""},
       {"tpx muscle levator-scapulae", "one muscle's full card, with its body map on a terminal"},
       {"tpx where temple \"top of shoulder\" --format html > page.html", "a printable page with the maps"},
       {"tpx muscle trapezius --map --color never | less", "the map in plain characters"},
       {"tpx area \"web of the thumb\"", "every muscle that refers pain there"},
       {"tpx cause \"looking down at my phone\"", "what it overloads and what to change"},
       {"tpx list areas | grep -i knee", "the words tpx knows"},
       {"cut -f2 visits.tsv | tpx where --each --format json", "one answer per line of a file"},
       {"tpx compile my-kb -o my-kb.tpxi && tpx --kb my-kb.tpxi where heel", "compile a KB once, open it at once"}},
      {{"0", "something matched, or the command succeeded"},
       {"1", "nothing matched"},
       {"2",
        "an error: bad arguments (an option that changes nothing for the command among them), an unknown muscle or "
        "protocol, a KB with errors"}},
      {{"NO_COLOR", "when set, no colour in any output; body maps are drawn in plain characters"},
       {"COLORTERM", "truecolor or 24bit: body maps in 24-bit colour; otherwise in 256 colours"},
       {"COLUMNS", "when not on a terminal, the width text is wrapped to and a body map drawn at (default 80)"},
       {"XDG_CACHE_HOME", "images of --kb directories go to $XDG_CACHE_HOME/tpx, else ~/.cache/tpx"}},
      {{"$XDG_CACHE_HOME/tpx/ or ~/.cache/tpx/",
        "compiled images of --kb directories, one .tpxi file per directory state, rebuilt whenever a file "
        "changes; tpx cache clear deletes them"},
       {"PREFIX/share/tpx/kb/",
        "the YAML sources of the built-in knowledge base, where PREFIX is where tpx is installed (/usr, "
        "/usr/local): copy the directory, edit the copy, and use it with --kb"}},
      "tpx is a reference, not medical advice. Numbness, weakness, chest pain, pain that wakes you at night, "
      "fever or a recent injury need a professional's check."};
  return m;
}

std::vector<std::string> candidate_kinds(const std::vector<std::string>& path) {
  if (path.size() != 1) return {};
  const std::string& cmd = path[0];
  if (cmd == "where") return {"areas", "regions", "symptoms"};
  if (cmd == "area") return {"areas", "regions"};
  if (cmd == "muscle") return {"muscles"};
  if (cmd == "cause") return {"causes"};
  if (cmd == "protocol") return {"protocols"};
  return {};
}

std::vector<std::string> refused_globals(const std::vector<std::string>& path) {
  if (path.empty()) return {};
  const std::string& cmd = path[0];
  // They answer from no KB.
  if (cmd == "compile" || cmd == "cache" || cmd == "man" || cmd == "completion") return {"--kb", "--no-cache"};
  if (cmd == "check") return {"--no-cache"};  // --kb names the KB when DIR is not given
  return {};
}

void define_options(CLI::App& app, CliOptions& opt, bool help_text, const std::string* only) {
  // Every command is declared, so every word parses as it always does; the
  // options of the commands not invoked are left out when `only` says which
  // one is (main() redoes an error with the whole definition).
  auto defines = [only](std::string_view name) { return !only || *only == name; };
  // Without help to print, the other commands are not even declared (an
  // App costs 17 k instructions): a word that names one is a phrase or a
  // name to the invoked command either way, and a command line that needs
  // them does not parse, so main() redoes it whole.
  auto declares = [&](std::string_view name) { return help_text || defines(name); };
  app.description(
      "tpx: find the muscles whose trigger points refer pain where you hurt, where to press, and how to "
      "release them safely.");
  app.set_version_flag("--version,-V", std::string("tpx ") + TPX_VERSION);
  // Before the subcommands, which take their parent's formatter when added.
  app.formatter(std::make_shared<HelpFormatter>());
  app.require_subcommand(1);
  app.fallthrough();
  // An empty --kb would silently mean the built-in KB; an empty TPX_KB is
  // not seen here (CLI11 skips empty variables), so it still means unset.
  CLI::Option* kb =
      app.add_option("--kb", opt.kb_dir,
                     "Use the KB in DIR (YAML, compiled and cached) or a compiled KB file (tpx compile) instead of the "
                     "built-in one")
          ->envname("TPX_KB")
          ->type_name("DIR")
          ->check(CLI::Validator(
              [](std::string& dir) { return dir.empty() ? std::string("needs a directory, not an empty name") : ""; },
              "", "non-empty"));
  app.add_flag("--no-cache", opt.no_cache, "With --kb DIR: compile the KB now, neither reading nor writing the cache");
  app.add_option("--color", opt.color, "Colour: auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN")
      ->capture_default_str();
  // What the command line itself says, for inapplicable(): CLI11 counts a
  // value from TPX_KB as if --kb had been given, but lists in parse_order()
  // only what it parsed; TPX_KB is set once for every command, so it alone
  // is never refused.
  app.callback([&app, &opt, kb] {
    const std::vector<CLI::Option*>& parsed = app.parse_order();
    opt.kb_given = std::find(parsed.begin(), parsed.end(), kb) != parsed.end();
  });
  // After the options whose environment variables it lists; each command
  // replaces it with its own (command_footer). Only --help shows footers,
  // and wrapping them cost a fifth of a query's instructions.
  if (help_text) app.footer(footer(app));

  CLI::App *where = nullptr, *muscle = nullptr, *area = nullptr, *cause = nullptr, *protocol = nullptr;
  CLI::App *check = nullptr, *compile = nullptr, *cache = nullptr, *list = nullptr, *completion = nullptr;
  CLI::App* help = nullptr;
  if (declares("where")) {
    where = app.add_subcommand("where", "Rank the muscles that refer pain to the places you name");
    if (defines("where")) {
      where->add_option("phrases", opt.phrases, "Where it hurts, one phrase each; '-' or a pipe reads stdin")
          ->type_name("PHRASE");
      where
          ->add_option("--top,-n", opt.top,
                       "Rank the best N matches (0: all); text shows the first 2 whole unless N is given")
          ->check(CLI::Range(0, 1000000))
          ->type_name("N")
          ->capture_default_str();
      where->add_flag("--explain", opt.explain, "Show the parts of each score in text (JSON always has them)");
      where->add_flag("--each", opt.each,
                      "Answer each line of stdin as its own query (phrases separated by ';'): one JSON object, TSV "
                      "rows starting with the query, or a text block per line");
      add_picture_format(where, opt);
    }
    where->callback([&opt, where] {
      opt.command = Command::kWhere;
      opt.top_given = where->count("--top") > 0;
    });
  }

  if (declares("muscle")) {
    muscle = app.add_subcommand("muscle", "Print muscles' cards: trigger points, causes, self-release");
    if (defines("muscle")) {
      muscle->add_option("names", opt.names, "Ids, names or aliases, e.g. levator-scapulae \"SCM\"; '-' reads stdin")
          ->required()
          ->type_name("NAME");
      add_picture_format(muscle, opt);
    }
    muscle->callback([&opt] { opt.command = Command::kMuscle; });
  }

  if (declares("area")) {
    area = app.add_subcommand("area", "List every muscle that refers pain to a place, primary first");
    if (defines("area")) {
      area->add_option("phrases", opt.phrases, "The place, e.g. \"web of the thumb\" or \"tailbone\"; '-' reads stdin")
          ->required()
          ->type_name("PHRASE");
      add_picture_format(area, opt);
    }
    area->callback([&opt] { opt.command = Command::kArea; });
  }

  if (declares("cause")) {
    cause = app.add_subcommand("cause", "Find causes by description: advice and the muscles they overload");
    if (defines("cause")) {
      cause->add_option("phrases", opt.phrases, "What you do, e.g. \"looking down at my phone\"; '-' reads stdin")
          ->required()
          ->type_name("PHRASE");
      add_format(cause, opt);
    }
    cause->callback([&opt] { opt.command = Command::kCause; });
  }

  if (declares("protocol")) {
    protocol = app.add_subcommand("protocol", "Print one self-release protocol's steps, dose and cautions");
    if (defines("protocol")) {
      protocol->add_option("id", opt.name, "Protocol id or name, e.g. ball-against-wall")->required()->type_name("ID");
      add_format(protocol, opt);
    }
    protocol->callback([&opt] { opt.command = Command::kProtocol; });
  }

  if (declares("check")) {
    check = app.add_subcommand(
        "check", "Validate a KB directory and report every problem and warning, or verify a compiled KB file");
    check->add_option("dir", opt.check_dir, "KB directory or .tpxi file (default: --kb, $TPX_KB, or ./kb)")
        ->type_name("DIR");
    check->callback([&opt] { opt.command = Command::kCheck; });
  }

  if (declares("compile")) {
    compile = app.add_subcommand("compile", "Validate a KB directory and write its compiled image, for --kb FILE");
    compile->add_option("dir", opt.check_dir, "KB directory")->required()->type_name("DIR");
    compile->add_option("--output,-o", opt.output, "The image file to write (replaced atomically), e.g. my-kb.tpxi")
        ->required()
        ->type_name("FILE");
    compile->callback([&opt] { opt.command = Command::kCompile; });
  }

  if (declares("cache")) {
    cache = app.add_subcommand("cache", "Manage the compiled-image cache used for --kb directories");
    cache->require_subcommand(1);
    cache->add_subcommand("path", "Print the cache directory")->callback([&opt] { opt.command = Command::kCachePath; });
    cache->add_subcommand("clear", "Delete every cached image")->callback([&opt] {
      opt.command = Command::kCacheClear;
    });
  }

  if (declares("list")) {
    list = app.add_subcommand("list", "List ids and labels, one per line: id<TAB>label (red flags add their urgency)");
    if (defines("list")) {
      list->add_option("kind", opt.list_kind,
                       "muscles, areas, symptoms, causes, conditions, protocols, regions or red-flags")
          ->required()
          ->check(CLI::IsMember(
              {"muscles", "areas", "symptoms", "causes", "conditions", "protocols", "regions", "red-flags"}))
          ->type_name("KIND");
      add_format(list, opt, TextLayout::kLines);
    }
    list->callback([&opt] { opt.command = Command::kList; });
  }

  if (declares("completion")) {
    completion = app.add_subcommand("completion", "Print a shell completion script for bash, zsh or fish");
    if (defines("completion")) {
      completion->add_option("shell", opt.shell, "bash, zsh or fish")
          ->required()
          ->check(CLI::IsMember({"bash", "zsh", "fish"}))
          ->type_name("SHELL");
    }
  }

  if (declares("help")) {
    help = app.add_subcommand("help", "Print the help of tpx or of one command: tpx help where");
    help->add_option("command", opt.help_topic, "A command, e.g. where")->type_name("COMMAND");
    help->callback([&opt] { opt.help = true; });
  }

  if (help_text) {
    // Only the help of a command defined in full can be printed, and
    // `tpx help`'s own footer (CLI11 shows it under the program's help).
    auto footer_of = [&](CLI::App* cmd, std::string_view more) {
      if (cmd && (defines(cmd->get_name()) || cmd == help)) command_footer(cmd, more);
    };
    footer_of(where, kKbGlobals);
    footer_of(muscle, kKbGlobals);
    footer_of(area, kKbGlobals);
    footer_of(cause, kKbGlobals);
    footer_of(protocol, kKbGlobals);
    footer_of(check, "Global options: --kb DIR (or TPX_KB) names the KB when DIR is not given.");
    footer_of(compile, "");
    footer_of(list, kListGlobals);
    footer_of(cache, "");
    footer_of(completion, "");
    footer_of(help, "");
  }

  // The build runs it to write tpx.1; `tpx man | man -l -` reads it uninstalled.
  if (declares("man")) {
    CLI::App* man =
        app.add_subcommand("man", "Print this manual, tpx(1), in roff: tpx man | man -l -")->callback([&opt] {
          opt.man_page = true;
        });
    if (help_text && defines("man")) command_footer(man, "");
  }
}

}  // namespace tpx::cli
