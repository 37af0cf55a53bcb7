#include "completion.h"

namespace tpx::cli {

std::string completion_script(const CLI::App& app, std::string_view shell) {
  CommandSpec root = describe(app);
  if (shell == "bash") return bash_completion(root);
  if (shell == "zsh") return zsh_completion(root);
  if (shell == "fish") return fish_completion(root);
  return {};
}

std::string with_kb_option(std::string_view script) {
  std::string s(script);
  for (std::size_t at = s.find("@KB@"); at != std::string::npos; at = s.find("@KB@", at + kKbOption.size())) {
    s.replace(at, 4, kKbOption);
  }
  return s;
}

std::string sh_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string value_kind(const ArgSpec& arg) {
  std::string out;
  if (!arg.choices.empty()) {
    out = "choices";
    for (const std::string& c : arg.choices) out += " " + c;
  } else if (!arg.kb_kinds.empty()) {
    out = "kb";
    for (const std::string& k : arg.kb_kinds) out += " " + k;
  } else if (arg.is_dir()) {
    out = "dir";
  }
  return out;
}

}  // namespace tpx::cli
