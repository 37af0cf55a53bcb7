// The command line as plain values (the "LowArgs" stage): CLI11 fills a
// CliOptions and nothing else; commands.cc turns it into core calls.
//
// define_options() is the one table of subcommands and options: --help, the
// man page (manpage.cc) and the shell completions (completion*.cc) are all
// generated from it, with the prose in manual().
#ifndef TPX_SRC_CLI_OPTIONS_H_
#define TPX_SRC_CLI_OPTIONS_H_

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace tpx::cli {

enum class Command {
  kNone,
  kWhere,
  kMuscle,
  kList,
  kArea,
  kCause,
  kProtocol,
  kCheck,
  kCompile,
  kCachePath,
  kCacheClear
};

struct CliOptions {
  Command command = Command::kNone;
  std::string kb_dir;                ///< --kb, else $TPX_KB (a directory or an image file), else the built-in KB
  bool kb_given = false;             ///< --kb was on the command line (TPX_KB alone is never refused)
  std::string color = "auto";        ///< --color
  bool no_cache = false;             ///< --no-cache
  std::string format = "text";       ///< --format
  int top = 5;                       ///< where --top (0: all)
  bool top_given = false;            ///< --top was on the command line
  bool explain = false;              ///< where --explain
  bool each = false;                 ///< where --each: one query per stdin line
  bool header = false;               ///< --header for TSV
  bool map = false;                  ///< --map: the terminal picture even when not on a terminal
  bool no_map = false;               ///< --no-map: no picture even on a terminal
  int width = -1;                    ///< --width for text (0: no wrapping; -1: the terminal's, $COLUMNS or 80)
  std::vector<std::string> phrases;  ///< where/area/cause PHRASE...
  std::vector<std::string> names;    ///< muscle NAME...
  std::string name;                  ///< protocol ID
  std::string check_dir;             ///< check [DIR|FILE], compile DIR
  std::string output;                ///< compile -o FILE
  std::string list_kind;             ///< list KIND
  std::string shell;                 ///< completion SHELL: print that shell's script (no KB is read)
  bool man_page = false;             ///< man: print tpx(1) in roff (no KB is read)
  bool help = false;                 ///< help [COMMAND]: print that help (no KB is read)
  std::string help_topic;            ///< help COMMAND
};

/// Declares every subcommand and option on `app`, bound to `opt`; without
/// `help_text`, not the footers that only --help and `tpx help` print; with
/// `only`, the options and arguments of that subcommand alone (of none when
/// it names none), for a start-up that parses one command line.
void define_options(CLI::App& app, CliOptions& opt, bool help_text = true, const std::string* only = nullptr);

/// The `tpx list` kinds whose ids the positional arguments of the command
/// at `path` ({"muscle"}) take; empty when they are not KB ids. Completion
/// scripts fetch these ids by running tpx, so they follow --kb and TPX_KB.
std::vector<std::string> candidate_kinds(const std::vector<std::string>& path);

/// The program's options (--kb, --no-cache) that the command at
/// `path` ({"cache", "clear"}) refuses whatever else is given, as
/// inapplicable() in commands.cc does: its completions leave them out.
std::vector<std::string> refused_globals(const std::vector<std::string>& path);

/// A named thing and what it means: an exit code, a variable, a file.
struct ManualEntry {
  std::string name;
  std::string text;
};

/// The prose that --help's footer and the man page share.
struct Manual {
  std::string summary;                   ///< the man page's NAME line
  std::vector<std::string> description;  ///< paragraphs
  std::vector<ManualEntry> examples;     ///< command line, what it does (may be empty)
  std::vector<ManualEntry> exit_status;
  std::vector<ManualEntry> environment;  ///< besides the options' own variables (TPX_KB)
  std::vector<ManualEntry> files;
  std::string notice;  ///< that tpx is a reference, not medical advice
};

const Manual& manual();

/// The environment variables `app`'s options read (TPX_KB, "like --kb: ..."),
/// then manual().environment.
std::vector<ManualEntry> environment(const CLI::App& app);

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_OPTIONS_H_
