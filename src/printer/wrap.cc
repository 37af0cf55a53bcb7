#include "wrap.h"

#include <algorithm>
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

namespace {

// paragraph(), appended to `buf`. One pass over the text: each word is
// found and its columns counted in the same scan; words that follow each
// other with one space on the same line are copied as one run, and the
// paragraph is written once (wrapping is most of what a text answer costs).
void append_paragraph(std::string& buf, std::string_view lead, std::string_view text, std::size_t hang,
                      std::size_t width) {
  buf.reserve(buf.size() + lead.size() + text.size() + 2 + (width > 0 ? (text.size() / width + 1) * (hang + 1) : 0));
  std::size_t line_start = buf.size(), used = columns(lead);
  buf.append(lead);
  std::size_t run_begin = 0, run_end = 0;  // text[run_begin, run_end): words not yet in buf
  bool empty = true;                       // no word on this line yet
  auto put_run = [&] {
    buf.append(text.substr(run_begin, run_end - run_begin));
    run_begin = run_end;
  };
  auto flush = [&] {
    put_run();
    while (buf.size() > line_start && buf.back() == ' ') buf.pop_back();
    buf += '\n';
    line_start = buf.size();
    buf.append(hang, ' ');
    used = hang;
    empty = true;
  };
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    std::size_t w = 0;
    while (i < n && text[i] != ' ') {
      if (text[i] == '\x1b') {  // a style: no columns, up to and with its 'm'
        while (i < n && text[i] != 'm') ++i;
        i += i < n;
        continue;
      }
      w += !continuation(text[i]);
      ++i;
    }
    std::size_t gap = empty ? 0 : 1;
    if (width > 0 && used + gap + w > width && !empty) {
      flush();
      gap = 0;
    }
    if (width > hang && used + w > width) {
      // Wider than a whole line (a long URL): break it across lines.
      put_run();
      std::string_view word = text.substr(start, i - start);
      while (!word.empty()) {
        if (used >= width) flush();
        buf += take(word, width - used);
        used = columns(std::string_view(buf).substr(line_start));
        empty = false;
      }
      run_begin = run_end = i;
      continue;
    }
    if (!(gap && start == run_end + 1 && run_end > run_begin)) {  // not the next word of the run
      put_run();
      if (gap) buf += ' ';
      run_begin = start;
    }
    run_end = i;
    used += gap + w;
    empty = false;
  }
  flush();
  buf.resize(line_start);  // not the last flush's indent
}

}  // namespace

void paragraph(std::ostream& out, std::string_view lead, std::string_view text, std::size_t hang, std::size_t width) {
  std::string buf;
  append_paragraph(buf, lead, text, hang, width);
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

std::string paragraph(std::string_view lead, std::string_view text, std::size_t hang, std::size_t width) {
  std::string buf;
  append_paragraph(buf, lead, text, hang, width);
  return buf;
}

}  // namespace tpx::printer
