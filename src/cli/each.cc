// One query per line: read stdin in blocks, answer each line as it is
// complete, and flush before every read that may wait, so a pipeline sees
// its answers as soon as it has asked and a file of ten thousand queries
// costs ten thousand resolve-and-rank steps, not ten thousand processes.
#include "each.h"

#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.h"
#include "notices.h"
#include "terminal.h"
#include "tpx/limits.h"
#include "tpx/printer.h"
#include "tpx/rank.h"
#include "tpx/resolve.h"

namespace tpx::cli {
namespace {

// The phrases of one line: split at ';', blanks trimmed, empty pieces dropped.
std::vector<std::string> split_phrases(std::string_view line) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start <= line.size();) {
    std::size_t end = std::min(line.find(';', start), line.size());
    std::string_view piece = line.substr(start, end - start);
    std::size_t first = piece.find_first_not_of(" \t"), last = piece.find_last_not_of(" \t");
    if (first != std::string_view::npos) out.emplace_back(piece.substr(first, last - first + 1));
    start = end + 1;
  }
  return out;
}

// The line as one string again, for the query column and headings.
std::string joined(const std::vector<std::string>& phrases) { return fmt::format("{}", fmt::join(phrases, "; ")); }

class EachRunner {
 public:
  EachRunner(const CliOptions& opt, const Kb& kb)
      : opt_(opt), kb_(kb), format_(*parse_format(opt.format)), color_(notice_color(opt)) {
    PrintOptions po = print_options(opt);
    // TSV carries one header for the whole run (below), not one per query.
    header_ = po.header;
    po.header = false;
    printer_ = make_printer(format_, po);
  }

  // One line of stdin, without its newline.
  void line(std::size_t number, std::string_view text) {
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    std::vector<std::string> phrases = split_phrases(text);
    if (phrases.empty()) {  // a blank line asks nothing, but an endless run of them must not read for ever
      if (++blank_run_ > kMaxBlankLines) {
        stopped_ = true;
        refuse(number, fmt::format("more than {} lines in a row ask nothing (blank)", kMaxBlankLines));
      }
      return;
    }
    blank_run_ = 0;
    if (phrases.size() > kMaxPhrases) return refuse(number, fmt::format("too many phrases: at most {}", kMaxPhrases));
    for (std::size_t i = 0; i < phrases.size(); ++i) {
      if (std::optional<std::string> why = phrase_problem(phrases[i]))
        return refuse(number, fmt::format("phrase {} {}", i + 1, *why));
    }
    HeldOutput held(kb_.verified_as_read());  // a whole answer or none (terminal.h)
    Resolution r = resolve(kb_, phrases);
    Ranking ranking = rank(kb_, r, static_cast<std::size_t>(opt_.top));
    matched_ = matched_ || !ranking.matches.empty();
    // Red flags go to stderr for every query, in every format, naming the
    // line they belong to; JSON also carries them in the query's object.
    const Notices which = format_ == Format::kText ? Notices::kAll : Notices::kRedFlagsOnly;
    if (!r.red_flags.empty() || (which == Notices::kAll && (!r.corrections.empty() || !r.unmatched.empty()))) {
      std::fflush(stdout);  // the answers before it (not this one, when held) reach a shared terminal first
      print_notices(kb_, r, which, color_, fmt::format("line {}", number));
    }
    print(r, ranking, phrases);
    held.commit();
  }

  void refuse(std::size_t number, std::string_view why) {
    std::cout.flush();
    error(fmt::format("line {}: {}", number, why));
    failed_ = true;
  }

  int exit_code() const { return failed_ ? kExitError : matched_ ? kExitMatch : kExitNoMatch; }
  bool stopped() const { return stopped_; }

 private:
  void print(const Resolution& r, const Ranking& ranking, const std::vector<std::string>& phrases) {
    switch (format_) {
      case Format::kJson:  // one object per line, its "query" the line's phrases
        printer_->where(std::cout, kb_, r, ranking);
        break;
      case Format::kTsv: {  // the query first in every row
        if (header_) {
          std::cout << "query\trank\tmuscle\tname\tscore\texplained\titems\tterms\tpress\n";
          header_ = false;
        }
        buffer_.str({});
        printer_->where(buffer_, kb_, r, ranking);
        const std::string rows = buffer_.str(), query = tsv_field(joined(phrases));
        for (std::size_t start = 0; start < rows.size();) {
          std::size_t end = rows.find('\n', start);
          end = end == std::string::npos ? rows.size() : end + 1;
          std::cout << query << '\t' << std::string_view(rows).substr(start, end - start);
          start = end;
        }
        break;
      }
      case Format::kIds: {  // one line per query: its muscle ids, space-separated
        buffer_.str({});
        printer_->where(buffer_, kb_, r, ranking);
        std::string ids = buffer_.str();
        for (char& c : ids) c = c == '\n' ? ' ' : c;
        while (!ids.empty() && ids.back() == ' ') ids.pop_back();
        std::cout << ids << '\n';
        break;
      }
      case Format::kText:  // blocks, each under the line it answers
        std::cout << (first_ ? "" : "\n") << "Query: " << joined(phrases) << '\n';
        printer_->where(std::cout, kb_, r, ranking);
        break;
    }
    first_ = false;
  }

  const CliOptions& opt_;
  const Kb& kb_;
  Format format_;
  bool color_;
  bool header_ = false;
  std::unique_ptr<Printer> printer_;
  std::ostringstream buffer_;
  bool matched_ = false, failed_ = false, first_ = true, stopped_ = false;
  std::size_t blank_run_ = 0;
};

int too_long(EachRunner& runner, std::size_t number) {
  runner.refuse(number, fmt::format("longer than {} bytes", kMaxPhraseBytes));
  return kExitError;
}

}  // namespace

int run_where_each(const CliOptions& opt, const Kb& kb) {
  if (!opt.phrases.empty()) {
    error("where --each reads its queries from stdin, one per line; give no phrase");
    return kExitError;
  }
  // Into a pipe or a file, answers leave in 64 KiB writes rather than one
  // or more per answer (stdio's default buffer is 4 KiB, a JSON answer
  // often 10); the flushes below still deliver each block's answers before
  // the next read, and a terminal keeps its line buffering. (glibc ignores
  // the size unless it is given the buffer.)
  static char out_buffer[std::size_t{1} << 16];
  if (!stdout_is_tty()) std::setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
  EachRunner runner(opt, kb);
  // Bounded like the rest of stdin: a line is at most kMaxPhraseBytes, so
  // an endless line stops at the limit; lines are answered and forgotten,
  // so any number of them runs in constant memory.
  std::string pending;
  std::size_t number = 0;
  char block[1 << 16];
  for (;;) {
    std::cout.flush();  // before a read that may wait: answers so far reach the reader
    if (std::cout.fail()) break;
    ssize_t n = ::read(STDIN_FILENO, block, sizeof block);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error(fmt::format("cannot read stdin: {}", std::strerror(errno)));
      return kExitError;
    }
    if (n == 0) break;
    std::string_view data(block, static_cast<std::size_t>(n));
    for (std::size_t nl; (nl = data.find('\n')) != std::string_view::npos; data.remove_prefix(nl + 1)) {
      ++number;
      std::string_view line = data.substr(0, nl);
      if (!pending.empty()) line = pending.append(line);
      if (line.size() > kMaxPhraseBytes) return too_long(runner, number);
      runner.line(number, line);
      if (runner.stopped()) return kExitError;
      pending.clear();
    }
    if (pending.size() + data.size() > kMaxPhraseBytes) return too_long(runner, number + 1);
    pending.append(data);
  }
  if (!pending.empty()) runner.line(++number, pending);  // a last line without a newline
  return runner.exit_code();
}

}  // namespace tpx::cli
