#include "yaml_reader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "tpx/limits.h"
#include "tpx/suggest.h"
#include "utf8.h"

namespace tpx::detail {
namespace {

// Finds anchors and aliases, which the KB does not allow: they make one
// value stand for another and, nested, can multiply a small file into an
// enormous one ("billion laughs"). Only the first document is walked.
class AnchorFinder : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> found;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override { note(m, a); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { note(m, 1); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t a, const std::string&) override { note(m, a); }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a, YAML::EmitterStyle::value) override {
    note(m, a);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a, YAML::EmitterStyle::value) override {
    note(m, a);
  }
  void OnMapEnd() override {}

 private:
  void note(const YAML::Mark& m, YAML::anchor_t a) {
    if (a != 0 && !found) found = m;
  }
};

// Anchors are written "&name" and aliases "*name", and a name is any run of
// characters but blanks and ,[]{} ("&a-b", "&ä" and "&a.b" too): only text
// with such a pair of characters needs the extra event pass, so a clean file
// ("Travell & Simons") is parsed once.
bool may_have_anchors(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    char c = text[i], n = text[i + 1];
    if ((c == '&' || c == '*') && std::string_view(" \t\r\n,[]{}").find(n) == std::string_view::npos) return true;
  }
  return false;
}

// The first code point of a scalar that a KB text must not hold once YAML's
// escapes are expanded ("\e", "\x1b", "\u009b", "\u202e"): the byte
// screen sees only the escape, not what it stands for. Control characters
// but tab and newline, DEL, the C1 controls, the bidirectional controls and
// the line and paragraph separators (the code points the output escaper
// writes as \u{HHHH}), and bytes that are not UTF-8. Returns the code point
// (NUL included), 0xFFFFFFFF for invalid UTF-8, or nothing when the text is
// clean.
std::optional<char32_t> forbidden_in_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return c;
      ++i;
      continue;
    }
    const std::size_t len = utf8_length(s, i);
    if (len == 0) return 0xFFFFFFFF;
    char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029)
      return cp;
    i += len;
  }
  return std::nullopt;
}

// "---" or "..." alone at the start of a line: a document marker.
bool document_marker(std::string_view text, std::size_t i, std::string_view marker) {
  if (text.substr(i, 3) != marker) return false;
  return i + 3 == text.size() || text[i + 3] == ' ' || text[i + 3] == '\n' || text[i + 3] == '\r';
}

}  // namespace

std::string_view node_kind(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "a single value";
    case YAML::NodeType::Null: return "nothing";
    default: return "an undefined value";
  }
}

void YamlReader::add(Severity s, Pos p, std::string message) {
  out_.push_back({display_, p.line, p.column, s, std::move(message)});
}

Pos YamlReader::pos(const YAML::Node& n) const {
  YAML::Mark m = n.Mark();
  if (m.is_null() || m.line < 0) return {file_, 0, 0};
  return {file_, m.line + 1, m.column + 1};
}

void YamlReader::error(const YAML::Node& at, std::string message) {
  add(Severity::kError, pos(at), std::move(message));
}

void YamlReader::error_at(int line, int column, std::string message) {
  add(Severity::kError, {file_, line, column}, std::move(message));
}

bool YamlReader::screen(std::string_view text) {
  if (text.size() > kMaxFileBytes) {
    error_at(0, 0, fmt::format("file is {} bytes; the limit is {} bytes", text.size(), kMaxFileBytes));
    return false;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    error_at(1, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM");
    return false;
  }
  int line = 1, col = 1, flow_depth = 0;
  bool at_indent = true;
  char quote = 0;
  bool comment = false;
  // yaml-cpp's Load() reads the first document and ignores what follows, so
  // the document structure is checked here, in the one pass over the text:
  // a second "---" after content, text after a closing "...", and a stray
  // ',' ']' '}' starting a block line (which also made LoadAll() loop
  // forever: jbeder/yaml-cpp#1040, fixed after 0.7).
  bool content = false, ended = false, directive = false;
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '\0') {
      error_at(line, col, "file contains a NUL byte; it is not a text file");
      return false;
    }
    std::size_t len = utf8_length(text, i);
    if (len == 0) {
      error_at(line, col, fmt::format("invalid UTF-8 byte 0x{:02X}", static_cast<unsigned char>(c)));
      return false;
    }
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) {
      error_at(line, col,
               fmt::format("control character 0x{:02X}; a KB file is plain text", static_cast<unsigned char>(c)));
      return false;
    }
    if (c == '\n') {  // quoted scalars may span lines: the quote state carries over
      ++line;
      col = 1;
      at_indent = true;
      comment = false;
      i += 1;
      continue;
    }
    if (at_indent && c == '\t') {
      error_at(line, col, "tab used for indentation; YAML indents with spaces");
      return false;
    }
    if (col == 1 && !quote && c == '%' && !content && !ended) {
      // A directive ("%YAML 1.2", "%TAG ! tag:...") before the document's
      // "---" is not content: the "---" after it starts the one document.
      // yaml-cpp checks the directive itself.
      const std::size_t nl = text.find('\n', i);
      const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
      for (std::size_t k = i; k < end;) {  // still screened for control bytes and UTF-8
        const std::size_t n = utf8_length(text, k);
        const auto b = static_cast<unsigned char>(text[k]);
        if (n == 0 || b == 0 || (b < 0x20 && b != '\t' && b != '\r') || b == 0x7F) {
          error_at(line, col + static_cast<int>(k - i),
                   n == 0 ? fmt::format("invalid UTF-8 byte 0x{:02X}", b)
                          : fmt::format("control character 0x{:02X}; a KB file is plain text", b));
          return false;
        }
        k += n;
      }
      directive = true;
      i = end;
      continue;
    }
    if (col == 1 && !quote) {
      const bool start = document_marker(text, i, "---");
      if (start || document_marker(text, i, "...")) {
        if (start && (content || ended)) {
          error_at(line, col, "a KB file holds one YAML document; this one has a second ('---')");
          return false;
        }
        ended = ended || !start;
        directive = directive && !start;
        at_indent = false;
        i += 3;
        col += 3;
        continue;
      }
    }
    const bool token_start = at_indent && c != ' ' && c != '-';
    // Block nesting shows as indentation ("- - - x" nests too): bound it
    // before yaml-cpp recurses into it. Text starting at column 129 is
    // indented 128 columns, which is allowed.
    if (c != ' ' && c != '-') at_indent = false;
    if (at_indent && col > kMaxIndentColumns) {
      error_at(line, col,
               fmt::format("indented more than {} columns; the KB nests only a few levels deep", kMaxIndentColumns));
      return false;
    }
    if (!comment && !quote && c != ' ' && c != '\r' && !(c == '#' && (col == 1 || text[i - 1] == ' '))) {
      if (ended) {
        error_at(line, col, "YAML syntax: unexpected text after the end of the document ('...')");
        return false;
      }
      if (directive) {
        error_at(line, col, "a YAML directive ('%YAML', '%TAG') must be followed by '---' before the document");
        return false;
      }
      content = true;
      if (token_start && flow_depth == 0 && (c == ',' || c == ']' || c == '}')) {
        error_at(line, col, fmt::format("YAML syntax: unexpected '{}'", c));
        return false;
      }
    }
    if (!comment) {
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '#' && (col == 1 || text[i - 1] == ' ')) {
        comment = true;
      } else if (c == '"' || c == '\'') {
        if (col == 1 || std::string_view(" [{,:-").find(text[i - 1]) != std::string_view::npos) quote = c;
      } else if (c == '[' || c == '{') {
        if (++flow_depth > kMaxFlowDepth) {
          error_at(line, col, fmt::format("nesting deeper than {} levels", kMaxFlowDepth));
          return false;
        }
      } else if ((c == ']' || c == '}') && flow_depth > 0) {
        --flow_depth;
      }
    }
    i += len;
    ++col;
  }
  if (directive) {
    error_at(line, col, "a YAML directive ('%YAML', '%TAG') must be followed by '---' before the document");
    return false;
  }
  return true;
}

std::optional<YAML::Node> YamlReader::parse(std::string_view text) {
  if (!screen(text)) return std::nullopt;
  try {
    const std::string copy(text);
    if (may_have_anchors(copy)) {
      std::istringstream in(copy);
      YAML::Parser parser(in);
      AnchorFinder finder;
      parser.HandleNextDocument(finder);
      if (finder.found) {
        error_at(finder.found->line + 1, finder.found->column + 1,
                 "YAML anchors and aliases (&name, *name) are not allowed in the KB; write the value out");
        return std::nullopt;
      }
    }
    return YAML::Load(copy);
  } catch (const YAML::DeepRecursion& e) {
    error_at(e.mark.line + 1, e.mark.column + 1, "nesting too deep for a KB file");
  } catch (const YAML::Exception& e) {
    if (e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {  // an alias with no anchor is still an alias
      error_at(e.mark.line + 1, e.mark.column + 1,
               "YAML anchors and aliases (&name, *name) are not allowed in the KB; write the value out");
      return std::nullopt;
    }
    int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    error_at(line, column, "YAML syntax: " + e.msg);
  } catch (const std::exception& e) {
    error_at(0, 0, std::string("cannot parse YAML: ") + e.what());
  }
  return std::nullopt;
}

bool YamlReader::check_map(const YAML::Node& n, std::initializer_list<std::string_view> allowed,
                           std::initializer_list<std::string_view> required, std::string_view what) {
  if (!n.IsMap()) {
    error(n, fmt::format("{} must be a mapping of keys to values, found {}", what, node_kind(n)));
    return false;
  }
  std::vector<std::string> names(allowed.begin(), allowed.end());
  std::set<std::string> seen;
  for (auto it = n.begin(); it != n.end(); ++it) {
    if (!it->first.IsScalar()) {
      error(it->first, fmt::format("{} has a key that is not a name", what));
      continue;
    }
    const std::string key = it->first.Scalar();
    if (!seen.insert(key).second) {
      error(it->first, fmt::format("duplicate key '{}' in {}", key, what));
      continue;
    }
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      std::string msg = fmt::format("unknown key '{}' in {}", key, what);
      auto near = closest(key, names, 3, 1);
      if (!near.empty()) msg += fmt::format("; did you mean '{}'?", near.front());
      error(it->first, std::move(msg));
    }
  }
  for (std::string_view key : required) {
    YAML::Node v = n[std::string(key)];
    if (!v || v.IsNull()) {
      error(n, fmt::format("{} is missing required key '{}'", what, key));
    } else if (v.IsSequence() && v.size() == 0) {
      error(v, fmt::format("'{}' of {} must not be empty", key, what));
    } else if (v.IsScalar() && v.Scalar().find_first_not_of(" \t\r\n") == std::string::npos) {
      error(v, fmt::format("'{}' of {} must not be empty", key, what));
    }
  }
  return true;
}

bool YamlReader::scalar(const YAML::Node& n, std::string_view what, Text& out) {
  if (!n.IsScalar()) {
    error(n, fmt::format("{} must be a single value, found {}", what, node_kind(n)));
    return false;
  }
  if (const std::optional<char32_t> found = forbidden_in_text(n.Scalar())) {
    const char32_t bad = *found;
    // Escapes are expanded by now: "\e[2J" in double quotes is an ESC here.
    error(n, bad == 0xFFFFFFFF
                 ? fmt::format("{} is not valid UTF-8 once its escapes are expanded", what)
                 : fmt::format("{} holds the control character U+{:04X} (written as an escape?); KB text is plain "
                               "text",
                               what, static_cast<std::uint32_t>(bad)));
    return false;
  }
  out.value = n.Scalar();
  out.pos = pos(n);
  return true;
}

void YamlReader::read(const YAML::Node& map, const char* key, Text& out) {
  YAML::Node n = map[key];
  if (!n || n.IsNull()) return;
  scalar(n, fmt::format("'{}'", key), out);
}

void YamlReader::read(const YAML::Node& map, const char* key, std::string& out) {
  Text t;
  read(map, key, t);
  if (t.pos.file >= 0) out = std::move(t.value);
}

void YamlReader::read(const YAML::Node& map, const char* key, std::vector<Text>& out) {
  YAML::Node n = map[key];
  if (!n || n.IsNull()) return;
  if (!n.IsSequence()) {
    error(n, fmt::format("'{}' must be a list, found {}", key, node_kind(n)));
    return;
  }
  for (const YAML::Node& item : n) {
    Text t;
    if (scalar(item, fmt::format("an item of '{}'", key), t)) out.push_back(std::move(t));
  }
}

void YamlReader::read(const YAML::Node& map, const char* key, std::vector<std::string>& out) {
  std::vector<Text> texts;
  read(map, key, texts);
  for (Text& t : texts) out.push_back(std::move(t.value));
}

}  // namespace tpx::detail
