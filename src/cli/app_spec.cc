#include "app_spec.h"

#include <algorithm>

#include "options.h"

namespace tpx::cli {
namespace {

// CLI11 reports an option's type as "NAME" plus ":"-separated validator
// descriptions; an IsMember check describes itself as "{a,b,c}".
std::string base_type_name(const std::string& full) { return full.substr(0, full.find(':')); }

std::vector<std::string> choices_in(const std::string& full) {
  std::vector<std::string> out;
  std::size_t open = full.find(":{");
  std::size_t close = full.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return out;
  std::string list = full.substr(open + 2, close - open - 2);
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

ArgSpec describe_option(const CLI::Option& opt, const std::vector<std::string>& path) {
  ArgSpec a;
  for (const std::string& n : opt.get_lnames()) a.names.push_back("--" + n);
  for (const std::string& n : opt.get_snames()) a.names.push_back("-" + n);
  std::string type = opt.get_type_name();
  if (opt.get_type_size_max() > 0) a.value_name = base_type_name(type);
  a.choices = choices_in(type);
  if (!opt.nonpositional()) {
    a.value_name = a.value_name.empty() ? opt.get_name() : a.value_name;
    a.kb_kinds = candidate_kinds(path);
  }
  a.help = opt.get_description();
  a.env = opt.get_envname();
  a.default_value = opt.get_default_str();
  a.required = opt.get_required();
  a.many = opt.get_items_expected_max() > 1;
  return a;
}

CommandSpec describe_at(const CLI::App& app, std::vector<std::string> path) {
  CommandSpec c;
  c.path = std::move(path);
  c.help = app.get_description();
  c.hidden = !c.path.empty() && app.get_group().empty();
  c.inherits_options = !c.path.empty() && app.get_fallthrough();
  c.refused = refused_globals(c.path);
  for (const CLI::Option* opt : app.get_options()) {
    // An option in the hidden group "" is parsed only to be refused with a
    // reason (list's --width): not offered, as --help does not show it.
    if (opt->get_group().empty()) continue;
    ArgSpec a = describe_option(*opt, c.path);
    (opt->nonpositional() ? c.options : c.positionals).push_back(std::move(a));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    std::vector<std::string> sub_path = c.path;
    sub_path.push_back(sub->get_name());
    c.commands.push_back(describe_at(*sub, std::move(sub_path)));
  }
  return c;
}

void collect(const CommandSpec& c, std::vector<const CommandSpec*>& out) {
  for (const CommandSpec& sub : c.commands) {
    if (sub.hidden) continue;
    out.push_back(&sub);
    collect(sub, out);
  }
}

bool has_name(const std::vector<const ArgSpec*>& opts, const std::string& name) {
  return std::any_of(opts.begin(), opts.end(), [&](const ArgSpec* o) {
    return std::find(o->names.begin(), o->names.end(), name) != o->names.end();
  });
}

}  // namespace

std::string CommandSpec::joined(char sep) const {
  std::string out;
  for (const std::string& p : path) out += (out.empty() ? "" : std::string(1, sep)) + p;
  return out;
}

CommandSpec describe(const CLI::App& app) { return describe_at(app, {}); }

std::vector<const CommandSpec*> visible_commands(const CommandSpec& root) {
  std::vector<const CommandSpec*> out;
  collect(root, out);
  return out;
}

std::vector<const CommandSpec*> root_and_visible(const CommandSpec& root) {
  std::vector<const CommandSpec*> out{&root};
  collect(root, out);
  return out;
}

std::vector<const ArgSpec*> options_in(const CommandSpec& root, const CommandSpec& cmd) {
  // The chain of commands from `cmd` up to `root`, nearest first.
  std::vector<const CommandSpec*> chain{&cmd};
  for (std::size_t depth = cmd.path.size(); depth > 0; --depth) {
    const CommandSpec* up = &root;
    for (std::size_t i = 0; i + 1 < depth; ++i) {
      auto it = std::find_if(up->commands.begin(), up->commands.end(),
                             [&](const CommandSpec& c) { return c.path.back() == cmd.path[i]; });
      if (it == up->commands.end()) break;
      up = &*it;
    }
    chain.push_back(up);
  }
  std::vector<const ArgSpec*> out;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (i > 0 && !chain[i - 1]->inherits_options) break;
    for (const ArgSpec& o : chain[i]->options) {
      if (i > 0 && std::find(cmd.refused.begin(), cmd.refused.end(), o.names.front()) != cmd.refused.end()) continue;
      if (!has_name(out, o.names.front())) out.push_back(&o);
    }
  }
  return out;
}

}  // namespace tpx::cli
