#include "options.h"

#include "tpx/version.h"

namespace tpx::cli {
namespace {

constexpr const char* kFooter = R"(Examples:
  tpx where "temple" "top of shoulder"     rank the muscles that refer pain there
  tpx where "burning between my shoulder blades" --explain
  tpx where heel "arch of foot" --format ids | xargs -n1 tpx muscle
  tpx muscle levator-scapulae              one muscle's full card
  tpx area "web of the thumb"              every muscle that refers pain there
  tpx cause "looking down at my phone"     what it overloads and what to change
  tpx list areas | grep -i knee            the words tpx knows

Exit status: 0 when something matched, 1 when nothing did, 2 on an error.
Environment: TPX_KB (a KB directory, like --kb), NO_COLOR (no colour),
XDG_CACHE_HOME (images of --kb directories go to $XDG_CACHE_HOME/tpx,
else ~/.cache/tpx).

tpx is a reference, not medical advice. Numbness, weakness, chest pain, pain
that wakes you at night, fever or a recent injury need a professional's check.)";

const std::vector<std::string> kFormats = {"text", "json", "tsv", "ids"};

void add_format(CLI::App* cmd, CliOptions& opt) {
  cmd->add_option("--format,-f", opt.format, "Output: text, json, tsv or ids")
      ->check(CLI::IsMember(kFormats))
      ->capture_default_str();
  cmd->add_flag("--header", opt.header, "Print a header row in TSV output");
}

}  // namespace

std::vector<std::string> command_names() {
  return {"where", "muscle", "area", "cause", "protocol", "check", "cache", "list"};
}

void define_options(CLI::App& app, CliOptions& opt) {
  app.description(
      "tpx: find the muscles whose trigger points refer pain where you hurt, where to press, and how to "
      "release them safely.");
  app.footer(kFooter);
  app.set_version_flag("--version,-V", std::string("tpx ") + TPX_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--kb", opt.kb_dir, "Use the KB in DIR instead of the built-in one")
      ->envname("TPX_KB")
      ->type_name("DIR");
  app.add_flag("--no-cache", opt.no_cache, "With --kb: compile the KB now, neither reading nor writing the cache");
  app.add_option("--color", opt.color, "Colour: auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();

  CLI::App* where = app.add_subcommand("where", "Rank the muscles that refer pain to the places you name");
  where->add_option("phrases", opt.phrases, "Where it hurts, one phrase each; '-' or a pipe reads stdin")
      ->type_name("PHRASE");
  where->add_option("--top,-n", opt.top, "Show the best N matches (0: all)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  where->add_flag("--explain", opt.explain, "Show the parts of each score");
  add_format(where, opt);
  where->callback([&opt] { opt.command = Command::kWhere; });

  CLI::App* muscle = app.add_subcommand("muscle", "Print one muscle's card: trigger points, causes, self-release");
  muscle->add_option("name", opt.name, "Id, name or alias, e.g. levator-scapulae or \"SCM\"")
      ->required()
      ->type_name("NAME");
  add_format(muscle, opt);
  muscle->callback([&opt] { opt.command = Command::kMuscle; });

  CLI::App* area = app.add_subcommand("area", "List every muscle that refers pain to a place, primary first");
  area->add_option("phrases", opt.phrases, "The place, e.g. \"web of the thumb\" or \"tailbone\"")
      ->required()
      ->type_name("PHRASE");
  add_format(area, opt);
  area->callback([&opt] { opt.command = Command::kArea; });

  CLI::App* cause = app.add_subcommand("cause", "Find causes by description: advice and the muscles they overload");
  cause->add_option("phrases", opt.phrases, "What you do, e.g. \"looking down at my phone\"")
      ->required()
      ->type_name("PHRASE");
  add_format(cause, opt);
  cause->callback([&opt] { opt.command = Command::kCause; });

  CLI::App* protocol = app.add_subcommand("protocol", "Print one self-release protocol's steps, dose and cautions");
  protocol->add_option("id", opt.name, "Protocol id or name, e.g. ball-against-wall")->required()->type_name("ID");
  add_format(protocol, opt);
  protocol->callback([&opt] { opt.command = Command::kProtocol; });

  CLI::App* check = app.add_subcommand("check", "Validate a KB directory and report every problem and warning");
  check->add_option("dir", opt.check_dir, "KB directory (default: --kb, $TPX_KB, or ./kb)")->type_name("DIR");
  check->callback([&opt] { opt.command = Command::kCheck; });

  CLI::App* cache = app.add_subcommand("cache", "Manage the compiled-image cache used for --kb directories");
  cache->require_subcommand(1);
  cache->add_subcommand("path", "Print the cache directory")->callback([&opt] { opt.command = Command::kCachePath; });
  cache->add_subcommand("clear", "Delete every cached image")->callback([&opt] { opt.command = Command::kCacheClear; });

  CLI::App* list = app.add_subcommand("list", "List ids and labels, one per line: id<TAB>label");
  list->add_option("kind", opt.list_kind, "muscles, areas, symptoms, causes, protocols, regions or red-flags")
      ->required()
      ->check(CLI::IsMember({"muscles", "areas", "symptoms", "causes", "protocols", "regions", "red-flags"}))
      ->type_name("KIND");
  add_format(list, opt);
  list->callback([&opt] { opt.command = Command::kList; });
}

}  // namespace tpx::cli
