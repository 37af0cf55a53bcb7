#include "yaml_reader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <fmt/core.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "tpx/load.h"
#include "tpx/suggest.h"
#include "utf8.h"

namespace tpx::detail {
namespace {

// Walks a file's YAML events once, before the node tree is built, to find
// what the KB refuses: anchors and aliases, which make one value stand for
// another and, nested, can multiply a small file into an enormous one
// ("billion laughs"); and the start of a second document.
//
// Documents are counted here, at most two, instead of calling
// YAML::LoadAll(): on some malformed input (a ',' at the start of a block
// line) yaml-cpp 0.7's parser keeps reporting empty documents without
// consuming the token, and LoadAll() loops forever, allocating
// (jbeder/yaml-cpp#1040; fixed upstream by #1319, after 0.7).
class EventScan : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> anchor;
  std::optional<YAML::Mark> second_document;
  void OnDocumentStart(const YAML::Mark& m) override {
    if (++documents_ == 2) second_document = m;
  }
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
    if (a != 0 && !anchor && documents_ == 1) anchor = m;
  }
  int documents_ = 0;
};

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

void YamlReader::warning(const YAML::Node& at, std::string message) {
  add(Severity::kWarning, pos(at), std::move(message));
}

bool YamlReader::screen(std::string_view text) {
  if (text.size() > kMaxFileBytes) {
    error_at(0, 0, fmt::format("file is {} bytes; the limit is {} bytes", text.size(),
                               kMaxFileBytes));
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
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '\0') {
      error_at(line, col, "file contains a NUL byte; it is not a text file");
      return false;
    }
    std::size_t len = utf8_length(text, i);
    if (len == 0) {
      error_at(line, col, fmt::format("invalid UTF-8 byte 0x{:02X}",
                                      static_cast<unsigned char>(c)));
      return false;
    }
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) {
      error_at(line, col, fmt::format("control character 0x{:02X}; a KB file is plain text",
                                      static_cast<unsigned char>(c)));
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
    // Block nesting shows as indentation ("- - - x" nests too): bound it
    // before yaml-cpp recurses into it. Text starting at column 129 is
    // indented 128 columns, which is allowed.
    if (c != ' ' && c != '-') at_indent = false;
    if (at_indent && col > kMaxIndentColumns) {
      error_at(line, col, fmt::format("indented more than {} columns; the KB nests only a few levels deep",
                                      kMaxIndentColumns));
      return false;
    }
    if (!comment) {
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '#' && (col == 1 || text[i - 1] == ' ')) {
        comment = true;
      } else if (c == '"' || c == '\'') {
        if (col == 1 || std::string_view(" [{,:-").find(text[i - 1]) != std::string_view::npos)
          quote = c;
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
  return true;
}

std::optional<YAML::Node> YamlReader::parse(std::string_view text) {
  if (!screen(text)) return std::nullopt;
  try {
    const std::string copy(text);
    EventScan scan;
    {
      std::istringstream in(copy);
      YAML::Parser parser(in);
      for (int doc = 0; doc < 2 && !scan.anchor && parser.HandleNextDocument(scan); ++doc) {
      }
    }
    if (scan.anchor) {
      error_at(scan.anchor->line + 1, scan.anchor->column + 1,
               "YAML anchors and aliases (&name, *name) are not allowed in the KB; write the value out");
      return std::nullopt;
    }
    if (scan.second_document) {
      const YAML::Mark& m = *scan.second_document;
      std::string_view rest = std::string_view(copy).substr(std::min<std::size_t>(m.pos, copy.size()));
      if (rest.substr(0, 3) == "---") {
        error_at(m.line + 1, m.column + 1, "a KB file holds one YAML document; this one has a second ('---')");
      } else if (!rest.empty() && rest[0] != ' ' && rest[0] != '\n' && rest[0] != '\r' && rest[0] != '\t') {
        // The parser is stuck on a token it cannot place (the screen has
        // already made sure the text is valid UTF-8).
        std::string_view token = rest.substr(0, std::max<std::size_t>(utf8_length(rest, 0), 1));
        error_at(m.line + 1, m.column + 1, fmt::format("YAML syntax: unexpected '{}'", token));
      } else {
        error_at(m.line + 1, m.column + 1, "YAML syntax: unexpected text after the document");
      }
      return std::nullopt;
    }
    return YAML::Load(copy);
  } catch (const YAML::DeepRecursion& e) {
    error_at(e.mark.line + 1, e.mark.column + 1, "nesting too deep for a KB file");
  } catch (const YAML::Exception& e) {
    int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    error_at(line, column, "YAML syntax: " + e.msg);
  } catch (const std::exception& e) {
    error_at(0, 0, std::string("cannot parse YAML: ") + e.what());
  }
  return std::nullopt;
}

bool YamlReader::check_map(const YAML::Node& n, std::initializer_list<std::string_view> allowed,
                           std::initializer_list<std::string_view> required,
                           std::string_view what) {
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
