#include "usage.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "../printer/wrap.h"
#include "tpx/escape.h"
#include "tpx/resolve.h"
#include "tpx/suggest.h"

namespace tpx::cli {
namespace {

std::vector<const CLI::App*> subcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

std::vector<std::string> names_of(const std::vector<const CLI::App*>& subs) {
  std::vector<std::string> names;
  for (const CLI::App* s : subs) names.push_back(s->get_name());
  return names;
}

// The option of `app` that `arg` (--name, --name=value, -n) names, if any.
const CLI::Option* find_option(const CLI::App& app, std::string_view arg) {
  std::string name(arg.substr(0, arg.find('=')));
  for (const CLI::Option* o : app.get_options()) {
    if (!o->get_lnames().empty() || !o->get_snames().empty()) {
      if (o->check_name(name)) return o;
    }
  }
  return nullptr;
}

// Every --long name of `app`'s options, for "did you mean"; not those of
// hidden ones (CLI11 group ""), which the command refuses anyway.
std::vector<std::string> long_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_group().empty()) continue;
    for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
  }
  return names;
}

bool takes_value(const CLI::Option* o) { return o->get_items_expected_min() > 0; }

// "unknown WHAT 'word' CONTEXT; did you mean 'x'?" or "...; try one of: a, b".
std::string unknown(std::string_view what, std::string_view word, const std::vector<std::string>& names,
                    std::string_view context = "") {
  std::string msg = fmt::format("unknown {} '{}'{}", what, visible(word), context);
  std::vector<std::string> near = closest(std::string(word), names, 2, 1);
  if (!near.empty()) return msg + fmt::format("; did you mean '{}'?", near.front());
  return msg + fmt::format("; try one of: {}", fmt::join(names, ", "));
}

bool is_number(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Checks the options after `cmd` on the command line (argv[from...]).
std::optional<std::string> check_options(const CLI::App& app, const CLI::App& cmd, std::string_view path, int from,
                                         int argc, char** argv) {
  for (int i = from; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") return std::nullopt;  // the rest are phrases
    if (arg.size() < 2 || arg[0] != '-' || (arg[1] >= '0' && arg[1] <= '9')) continue;
    const CLI::Option* o = find_option(cmd, arg);
    if (!o) o = find_option(app, arg);
    if (!o) {
      if (arg == "-h" || arg == "--help") return std::nullopt;
      std::vector<std::string> names = long_names(cmd);
      for (const std::string& g : long_names(app)) {
        if (std::find(names.begin(), names.end(), g) == names.end()) names.push_back(g);  // --help is in both
      }
      std::string name(arg.substr(0, arg.find('=')));
      return unknown("option", name, names, fmt::format(" for tpx {}", path));
    }
    if (!takes_value(o)) continue;
    std::string value;
    if (std::size_t eq = arg.find('='); eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return fmt::format("{} needs a value (tpx {} --help)", o->get_name(), path);
    }
    if ((o->get_name() == "--top" || o->get_name() == "--width") && !is_number(value)) {
      return fmt::format("{} needs a whole number (0 or more), not '{}'", o->get_name(), visible(value));
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> usage_error(const CLI::App& app, int argc, char** argv) {
  std::vector<const CLI::App*> subs = subcommands(app);
  std::vector<std::string> names = names_of(subs);
  // Global options come first; anything else before the command is misplaced.
  int i = 1;
  for (; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.empty() || arg[0] != '-' || arg == "-") break;
    if (arg == "-h" || arg == "--help" || arg == "-V" || arg == "--version") return std::nullopt;
    if (const CLI::Option* o = find_option(app, arg)) {
      if (takes_value(o) && arg.find('=') == std::string_view::npos) ++i;
      continue;
    }
    // An option of a command, given before it: say where it goes.
    std::string cmd = "where";
    for (int k = i + 1; k < argc; ++k) {
      if (std::find(names.begin(), names.end(), argv[k]) != names.end()) {
        cmd = argv[k];
        break;
      }
    }
    for (const CLI::App* s : subs) {
      if (const CLI::Option* o = find_option(*s, arg)) {
        std::string name = o->get_name();
        return fmt::format(
            "put {} after the command: tpx {} {}{} ...", name, s->get_name() == cmd ? cmd : s->get_name(), visible(arg),
            takes_value(o) && arg.find('=') == std::string_view::npos && i + 1 < argc ? " " + visible(argv[i + 1])
                                                                                      : "");
      }
    }
    std::string name(arg.substr(0, arg.find('=')));
    return unknown("option", name, long_names(app));
  }
  if (i >= argc) return std::nullopt;  // bare tpx, or options alone: main prints the usage
  std::string_view word = argv[i];
  auto it = std::find(names.begin(), names.end(), word);
  if (it == names.end()) {
    if (std::optional<std::string> why = phrase_problem(word)) return fmt::format("unknown command: it {}", *why);
    return unknown("command", word, names) + " (tpx help lists them)";
  }
  const CLI::App& cmd = *subs[static_cast<std::size_t>(it - names.begin())];
  std::vector<const CLI::App*> nested = subcommands(cmd);
  if (!nested.empty()) {
    // `tpx cache clean`: the word after a command that has its own commands.
    std::vector<std::string> sub_names = names_of(nested);
    int k = i + 1;
    bool help = false;
    for (; k < argc && argv[k][0] == '-'; ++k)
      help = help || std::string_view(argv[k]) == "--help" || std::string_view(argv[k]) == "-h";
    if (k >= argc && help) return std::nullopt;  // `tpx cache --help`: CLI11 prints the command's help
    if (k >= argc) return fmt::format("tpx {} needs one of: {}", word, fmt::join(sub_names, ", "));
    if (std::find(sub_names.begin(), sub_names.end(), argv[k]) == sub_names.end()) {
      return unknown(fmt::format("{} command", word), argv[k], sub_names);
    }
    const CLI::App& leaf =
        *nested[static_cast<std::size_t>(std::find(sub_names.begin(), sub_names.end(), argv[k]) - sub_names.begin())];
    return check_options(app, leaf, fmt::format("{} {}", word, argv[k]), k + 1, argc, argv);
  }
  return check_options(app, cmd, word, i + 1, argc, argv);
}

std::string short_usage(const CLI::App& app) {
  // 80 columns, as --help: the list of commands wraps under itself.
  constexpr std::size_t kWidth = 80;
  constexpr std::string_view kLead = "commands: ";
  std::vector<std::string> names = names_of(subcommands(app));
  return "usage: tpx [--kb DIR] COMMAND [ARGS...]\n"
         "  tpx where \"temple\" \"top of shoulder\"    rank the muscles that refer pain there\n"
         "  tpx muscle levator-scapulae              one muscle's card\n" +
         printer::paragraph(kLead, fmt::format("{}", fmt::join(names, ", ")), kLead.size(), kWidth) +
         "tpx help COMMAND, or tpx COMMAND --help, says more.\n";
}

}  // namespace tpx::cli
