// Shell completion scripts for bash, zsh and fish, generated from the same
// definitions as --help (app_spec.h): subcommands, their options, option
// values (--format's text|json|tsv|ids) and list kinds. KB ids are not baked
// in: for `tpx muscle`, `tpx where`, `tpx area`, `tpx cause` and
// `tpx protocol` the scripts run `tpx list KIND` at completion time, passing
// on a --kb typed on the line (TPX_KB is inherited), so they complete
// whatever knowledge base is in use.
#ifndef TPX_SRC_CLI_COMPLETION_H_
#define TPX_SRC_CLI_COMPLETION_H_

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

#include "app_spec.h"

namespace tpx::cli {

/// The completion script for `shell` ("bash", "zsh" or "fish"), for `app`.
std::string completion_script(const CLI::App& app, std::string_view shell);

std::string bash_completion(const CommandSpec& root);
std::string zsh_completion(const CommandSpec& root);
std::string fish_completion(const CommandSpec& root);

/// The option naming the KB directory, passed on to `tpx list` when typed.
inline constexpr std::string_view kKbOption = "--kb";

/// `script` with every @KB@ replaced by kKbOption.
std::string with_kb_option(std::string_view script);

/// `s` in single quotes for sh, bash and zsh ('it'\''s').
std::string sh_quote(std::string_view s);

/// What a value is, for the completion tables: "choices A B...", "dir",
/// "kb KIND..." (ids from `tpx list KIND`) or "" (free text).
std::string value_kind(const ArgSpec& arg);

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_COMPLETION_H_
