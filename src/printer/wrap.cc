#include "wrap.h"

#include <algorithm>
#include <sstream>
#include <utility>

namespace tpx::printer {
namespace {

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Removes from the front of `rest` and returns at most `room` columns of it,
// cut at a code point boundary (a style sequence goes with what follows).
std::string take(std::string_view& rest, std::size_t room) {
  std::size_t i = 0, used = 0;
  while (i < rest.size()) {
    if (rest[i] == '\x1b') {
      while (i < rest.size() && rest[i] != 'm') ++i;
      ++i;
      continue;
    }
    if (used == room) break;
    ++i;
    while (i < rest.size() && continuation(rest[i])) ++i;
    ++used;
  }
  i = std::min(i, rest.size());
  std::string out(rest.substr(0, i));
  rest.remove_prefix(i);
  return out;
}

}  // namespace

std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    if (!continuation(s[i])) ++n;
  }
  return n;
}

void paragraph(std::ostream& out, std::string_view lead, std::string_view text, std::size_t hang, std::size_t width) {
  std::string line(lead);
  std::size_t used = columns(lead);
  bool empty = true;  // no word on this line yet
  auto flush = [&] {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
    line.assign(hang, ' ');
    used = hang;
    empty = true;
  };
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.find(' ', start), text.size());
    std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    std::size_t w = columns(word);
    std::size_t gap = empty ? 0 : 1;
    if (width > 0 && used + gap + w > width && !empty) {
      flush();
      gap = 0;
    }
    if (width > hang && used + w > width) {
      // Wider than a whole line (a long URL): break it across lines.
      while (!word.empty()) {
        if (used >= width) flush();
        line += take(word, width - used);
        used = columns(line);
        empty = false;
      }
      continue;
    }
    if (gap) line += ' ';
    line += word;
    used += gap + w;
    empty = false;
  }
  flush();
}

std::string paragraph(std::string_view lead, std::string_view text, std::size_t hang, std::size_t width) {
  std::ostringstream out;
  paragraph(out, lead, text, hang, width);
  return std::move(out).str();
}

}  // namespace tpx::printer
