// tpx: the command-line front end. Parses arguments (options.cc), runs one
// command (commands.cc), and maps every outcome to an exit code: 0 match,
// 1 no match, 2 error; a closed pipe ends quietly with 0. The completion
// scripts (completion.cc) and the man page (manpage.cc) are generated from
// the parsed definitions themselves and need no KB. Usage errors are caught
// in tpx's own words before CLI11 sees them (usage.cc).
#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "commands.h"
#include "completion.h"
#include "manpage.h"
#include "notices.h"
#include "options.h"
#include "terminal.h"
#include "usage.h"

namespace {

// `tpx help [COMMAND]`: what `tpx [COMMAND] --help` prints.
int print_help(const CLI::App& app, const std::string& topic) {
  if (topic.empty()) {
    std::cout << app.help();
    return tpx::cli::kExitMatch;
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_name() == topic) {
      std::cout << sub->help("tpx");
      return tpx::cli::kExitMatch;
    }
  }
  char prog[] = "tpx";
  std::string word = topic;
  char* argv[] = {prog, word.data()};
  tpx::cli::error(tpx::cli::usage_error(app, 2, argv).value_or("unknown command '" + topic + "'"));
  return tpx::cli::kExitError;
}

// Whether this command line may print a help text (-h, --help, `tpx help`,
// or bare `tpx`), or a man page or completion script: only then are the
// help footers worth wrapping. Errs towards yes (a phrase "help", a short
// option cluster with an h), which only costs time.
bool may_print_help(int argc, char** argv) {
  if (argc < 2) return true;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--") break;
    if (a == "--help" || a.starts_with("--help=") || a == "help" || a == "man" || a == "completion") return true;
    if (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find('h') != std::string_view::npos) return true;
  }
  return false;
}

// Where the command word of argv is at or after `from`: the first argument
// that is not a global option or its value (argc when there is none).
int command_at(int argc, char** argv, int from) {
  for (int i = from; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a.size() > 1 && a[0] == '-') {
      if (a == "--kb" || a == "--color") ++i;
      continue;
    }
    return i;
  }
  return argc;
}

// Parses and runs the command line with the CLI defined for `only` (its
// options alone; null: every command, and the help texts when `help_text`).
// With `only`, a command line that is not valid sets `*retry` and prints
// nothing: its error is worked out again with the whole definition, so the
// messages and suggestions are those of the whole CLI.
int run_main(int argc, char** argv, bool help_text, const std::string* only, bool* retry) {
  tpx::cli::CliOptions opt;
  CLI::App app{"tpx"};
  app.name("tpx");
  tpx::cli::define_options(app, opt, help_text, only);
  int code = tpx::cli::kExitMatch;
  try {
    if (std::optional<std::string> why = tpx::cli::usage_error(app, argc, argv)) {
      if (only) {
        *retry = true;
        return 0;
      }
      tpx::cli::error(*why);
      return tpx::cli::kExitError;
    }
    if (argc < 2) {
      if (only) {
        *retry = true;
        return 0;
      }
      std::cerr << tpx::cli::short_usage(app);
      return tpx::cli::finish_output(tpx::cli::kExitError);
    }
    app.parse(argc, argv);
    std::optional<std::string> refused;
    if (opt.help) {
      code = print_help(app, opt.help_topic);
    } else if ((!opt.shell.empty() || opt.man_page) && (refused = tpx::cli::inapplicable(opt))) {
      tpx::cli::error(*refused);
      code = tpx::cli::kExitError;
    } else if (!opt.shell.empty()) {
      std::cout << tpx::cli::completion_script(app, opt.shell);
    } else if (opt.man_page) {
      std::cout << tpx::cli::man_page(app);
    } else {
      code = tpx::cli::run(opt);
    }
  } catch (const CLI::ParseError& e) {
    // Help and version print and exit 0. CLI11's own error codes start at
    // 100 and its messages span lines; usage errors become one line and 2.
    if (e.get_exit_code() == 0) {
      code = app.exit(e);
    } else if (only) {
      *retry = true;
      return 0;
    } else if (std::string(e.what()) == "A subcommand is required") {
      std::cerr << tpx::cli::short_usage(app);
      code = tpx::cli::kExitError;
    } else {
      tpx::cli::error(tpx::cli::one_line(e.what()) + " (see tpx --help)");
      code = tpx::cli::kExitError;
    }
  } catch (const std::exception& e) {
    if (only) {  // run() catches its own: this came from parsing
      *retry = true;
      return 0;
    }
    tpx::cli::error(e.what());
    code = tpx::cli::kExitError;
  }
  // Whatever printed it (a query, --help, a completion script, the man
  // page), output that never reached its file is an error, and a reader
  // that went away early is not.
  return tpx::cli::finish_output(code);
}

}  // namespace

int main(int argc, char** argv) {
  tpx::cli::ignore_sigpipe();
  // Defining every command and option with CLI11 cost more than answering
  // a query: a command line is first parsed with its own command's options
  // only (`tpx help where`: where's), and redone whole if it does not
  // parse. The man page and the completion scripts describe everything.
  const bool help_text = may_print_help(argc, argv);
  const int at = command_at(argc, argv, 1);
  std::string only = at < argc ? argv[at] : "";
  if (only == "help") {  // the command whose help it prints
    const int topic = command_at(argc, argv, at + 1);
    only = topic < argc ? argv[topic] : "";
  }
  if (argc >= 2 && only != "man" && only != "completion") {
    bool retry = false;
    const int code = run_main(argc, argv, help_text, &only, &retry);
    if (!retry) return code;
  }
  bool unused = false;
  return run_main(argc, argv, help_text, nullptr, &unused);
}
