// The command line as data: one walk over the CLI11 definitions in
// options.cc, which the shell completions and the man page are generated
// from. Nothing here is written by hand twice, so neither can drift from
// --help.
#ifndef TPX_SRC_CLI_APP_SPEC_H_
#define TPX_SRC_CLI_APP_SPEC_H_

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace tpx::cli {

/// An option or a positional argument of one command.
struct ArgSpec {
  std::vector<std::string> names;     ///< "--format", "-f": long names first; empty for a positional
  std::string value_name;             ///< "DIR", "FORMAT", "PHRASE"; empty for a flag
  std::vector<std::string> choices;   ///< the values an IsMember check allows, in order
  std::vector<std::string> kb_kinds;  ///< `tpx list` kinds whose ids it takes (completed at run time)
  std::string help;
  std::string env;            ///< the environment variable that sets it, if any
  std::string default_value;  ///< shown in --help ("text" for --format), if any
  bool required = false;
  bool many = false;  ///< a positional that takes any number of values

  bool takes_value() const { return !value_name.empty(); }
  /// True when the value is a directory (its value name is DIR).
  bool is_dir() const { return value_name == "DIR"; }
};

/// One command: the program itself, a subcommand, or a subcommand's subcommand.
struct CommandSpec {
  std::vector<std::string> path;  ///< {"cache", "path"}; empty for the program itself
  std::string help;
  std::vector<ArgSpec> options;       ///< its own options, --help included, hidden ones (CLI11 group "") not
  std::vector<ArgSpec> positionals;   ///< in order
  std::vector<CommandSpec> commands;  ///< visible and hidden subcommands
  bool hidden = false;                ///< left out of --help, the man page and completion (CLI11 group "")
  bool inherits_options = false;      ///< the program's options also work here (CLI11 fallthrough)
  std::vector<std::string> refused;   ///< of those, the ones it always refuses (refused_globals())

  /// "cache path" (empty for the program).
  std::string joined(char sep = ' ') const;
  /// How it is typed: "tpx" for the program, "tpx cache path" below it.
  std::string command_line() const { return path.empty() ? "tpx" : "tpx " + joined(); }
};

/// Describes `app` and its subcommands, recursively.
CommandSpec describe(const CLI::App& app);

/// Every command below `root` (not `root` itself) that is not hidden and
/// not below a hidden one, depth first.
std::vector<const CommandSpec*> visible_commands(const CommandSpec& root);

/// `root` followed by its visible_commands(): what a completion describes.
std::vector<const CommandSpec*> root_and_visible(const CommandSpec& root);

/// The options valid in `cmd`: its own, then `root`'s when it inherits them,
/// but for those it refuses.
std::vector<const ArgSpec*> options_in(const CommandSpec& root, const CommandSpec& cmd);

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_APP_SPEC_H_
