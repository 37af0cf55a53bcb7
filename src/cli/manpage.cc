#include "manpage.h"

#include <algorithm>
#include <cctype>

#include "app_spec.h"
#include "examples.h"
#include "options.h"
#include "tpx/version.h"

namespace tpx::cli {
namespace {

// Prose for a text line: backslashes escaped, and a leading . or ' (which
// roff would read as a request) neutralised.
std::string text(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '\\' ? std::string("\\e") : std::string(1, c);
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

// Something to type: as text(), with - as \- so it renders as an ASCII
// hyphen-minus that can be copied and pasted.
std::string code(std::string_view s) {
  std::string out;
  for (char c : text(s)) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

std::string bold(std::string_view s) { return "\\fB" + code(s) + "\\fR"; }
std::string italic(std::string_view s) { return "\\fI" + code(s) + "\\fR"; }

// "\fB--format\fR, \fB-f\fR \fIFORMAT\fR"
std::string option_term(const ArgSpec& o) {
  std::string out;
  for (const std::string& n : o.names) out += (out.empty() ? "" : ", ") + bold(n);
  if (o.takes_value()) out += " " + italic(o.value_name);
  return out;
}

std::string positional_term(const ArgSpec& p) {
  std::string out = italic(p.value_name) + (p.many ? "..." : "");
  return p.required ? out : "[" + out + "]";
}

bool is_help(const ArgSpec& o) { return !o.names.empty() && o.names.front() == "--help"; }

// "tpx where [options] [PHRASE...]" with fonts.
std::string synopsis(const CommandSpec& c) {
  std::string out = bold("tpx " + c.joined());
  bool has_options = false;
  for (const ArgSpec& o : c.options) has_options = has_options || !is_help(o);
  if (has_options) out += " [\\fIoptions\\fR]";
  for (const ArgSpec& p : c.positionals) out += " " + positional_term(p);
  return out;
}

// `s` as a sentence: a capital first letter and a full stop.
std::string sentence(std::string s) {
  if (s.empty()) return s;
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s.back() == '.' ? s : s + ".";
}

// A tagged paragraph: `term` (already roff) over the sentence `body`.
std::string item(const std::string& term, const std::string& body) {
  return ".TP\n" + term + "\n" + text(sentence(body)) + "\n";
}

// `help`, plus the allowed values when it does not already name them all.
std::string with_choices(std::string help, const std::vector<std::string>& choices) {
  bool named = std::all_of(choices.begin(), choices.end(),
                           [&](const std::string& c) { return help.find(c) != std::string::npos; });
  if (named) return help;
  help = sentence(help) + " One of:";
  for (std::size_t i = 0; i < choices.size(); ++i) help += (i ? ", " : " ") + choices[i];
  return help;
}

std::string option_item(const ArgSpec& o) {
  std::string body = with_choices(o.help, o.choices);
  if (!o.default_value.empty()) body = sentence(body) + " Default: " + o.default_value;
  if (!o.env.empty()) body = sentence(body) + " Environment: " + o.env;
  return item(option_term(o), body);
}

std::vector<const CommandSpec*> visible_leaves(const CommandSpec& root) {
  std::vector<const CommandSpec*> out;
  for (const CommandSpec* c : visible_commands(root)) {
    bool leaf = std::all_of(c->commands.begin(), c->commands.end(), [](const CommandSpec& s) { return s.hidden; });
    if (leaf) out.push_back(c);
  }
  return out;
}

// One example: the command line in bold on a line of its own, what it
// does indented under it (as in EXAMPLES).
std::string example(const ManualEntry& e) {
  std::string out = ".PP\n.nf\n" + bold(e.name) + "\n.fi\n";
  if (!e.text.empty()) out += ".RS 4\n" + text(sentence(e.text)) + "\n.RE\n";
  return out;
}

// The examples a command's --help ends with (examples.cc); a subcommand
// (cache path) gets those of its command that use it.
std::string command_examples_of(const CommandSpec& c) {
  std::string out;
  for (const ManualEntry& e : command_examples(c.path.front())) {
    if (c.path.size() == 1 || e.name.find(c.command_line()) != std::string::npos) out += example(e);
  }
  return out.empty() ? out : ".PP\nExamples:\n.RS 4\n" + out + ".RE\n";
}

std::string section_commands(const std::vector<const CommandSpec*>& leaves) {
  std::string out = ".SH COMMANDS\n";
  for (const CommandSpec* c : leaves) {
    out += ".SS \"" + synopsis(*c) + "\"\n" + text(sentence(c->help)) + "\n";
    for (const ArgSpec& p : c->positionals) out += item(italic(p.value_name), with_choices(p.help, p.choices));
    for (const ArgSpec& o : c->options) {
      if (!is_help(o)) out += option_item(o);
    }
    out += command_examples_of(*c);
  }
  return out;
}

std::string entries(const std::vector<ManualEntry>& list, bool as_code) {
  std::string out;
  for (const ManualEntry& e : list) out += item(as_code ? bold(e.name) : text(e.name), e.text);
  return out;
}

}  // namespace

std::string man_page(const CLI::App& app) {
  CommandSpec root = describe(app);
  const Manual& m = manual();
  std::vector<const CommandSpec*> leaves = visible_leaves(root);

  std::string out = ".\\\" tpx(1). Generated by `tpx man` from the same definitions as `tpx --help`; do not edit.\n";
  out += ".TH TPX 1 \"\" \"tpx " TPX_VERSION "\" \"User Commands\"\n";
  out += ".\\\" Left-aligned and unhyphenated: option names and ids must survive copying.\n.ad l\n.nh\n";
  out += ".SH NAME\ntpx \\- " + text(m.summary) + "\n";

  out += ".SH SYNOPSIS\n" + bold("tpx") +
         " [\\fIoptions\\fR] \\fIcommand\\fR [\\fIcommand options\\fR] "
         "[\\fIarguments\\fR]\n";
  for (const CommandSpec* c : leaves) out += ".br\n" + synopsis(*c) + "\n";

  out += ".SH DESCRIPTION\n\\fB" + text(m.notice) + "\\fR\n";
  for (const std::string& p : m.description) out += ".PP\n" + text(p) + "\n";

  out += section_commands(leaves);

  out += ".SH OPTIONS\nThese work with every command, before or after its name.\n";
  for (const ArgSpec& o : root.options) out += option_item(o);

  out += ".SH \"EXIT STATUS\"\n" + entries(m.exit_status, true);

  out += ".SH ENVIRONMENT\n" + entries(environment(app), true);

  out += ".SH FILES\n" + entries(m.files, true);

  out += ".SH EXAMPLES\n";
  for (const ManualEntry& e : m.examples) out += example(e);
  return out;
}

}  // namespace tpx::cli
