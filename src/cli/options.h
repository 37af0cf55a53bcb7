// The command line as plain values (the "LowArgs" stage): CLI11 fills a
// CliOptions and nothing else; commands.cc turns it into core calls.
#ifndef TPX_SRC_CLI_OPTIONS_H_
#define TPX_SRC_CLI_OPTIONS_H_

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace tpx::cli {

enum class Command { kNone, kWhere, kMuscle, kList, kArea, kCause, kProtocol, kCheck, kCachePath, kCacheClear };

struct CliOptions {
  Command command = Command::kNone;
  std::string kb_dir;           ///< --kb, else $TPX_KB, else the embedded KB
  std::string color = "auto";   ///< --color
  bool no_cache = false;        ///< --no-cache
  std::string format = "text";  ///< --format
  int top = 5;                  ///< where --top (0: all)
  bool explain = false;         ///< where --explain
  bool header = false;          ///< --header for TSV
  std::vector<std::string> phrases;  ///< where/area/cause PHRASE...
  std::string name;             ///< muscle NAME, protocol ID
  std::string check_dir;        ///< check [DIR]
  std::string list_kind;        ///< list KIND
};

/// The subcommand names, for "did you mean" on a misspelt one.
std::vector<std::string> command_names();

/// Declares every subcommand and option on `app`, bound to `opt`.
void define_options(CLI::App& app, CliOptions& opt);

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_OPTIONS_H_
