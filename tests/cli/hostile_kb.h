// Shared by the hostile-input tables (hostile_test.cc, hostile_input_test.cc):
// a case that writes one file into a copy of tests/data/kb-small, and the one
// check every such case gets: `tpx check` and a query both refuse the KB with
// exit 2, the first line names the place, nothing a terminal obeys reaches
// stderr, and the query prints no results.
#ifndef TPX_TESTS_CLI_HOSTILE_KB_H_
#define TPX_TESTS_CLI_HOSTILE_KB_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <regex>
#include <string>

#include "../fuzz/terminal_safe.h"
#include "run_tpx.h"

namespace tpx_test {

struct KbCase {
  const char* name;
  const char* file;     // relative to the KB; empty: the change is done by `setup`
  std::string content;  // written to `file`
  const char* expect;   // the first error line, after the KB directory and '/', as a regex
  std::function<void(const std::filesystem::path& kb)> setup = nullptr;
};

// gtest prints a failing case by its name, not as "72-byte object <3E-8E ...>".
inline void PrintTo(const KbCase& c, std::ostream* os) { *os << c.name; }

inline std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

inline std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

/// A valid muscle file for kb-small, to break in one place.
inline const char* const kMuscle =
    "id: trapezius\nname: Trapezius\nregion: shoulder\nlocation: On top of the shoulder.\n"
    "trigger_points:\n  - id: upper\n    location: Midway along the top of the shoulder.\n"
    "    refers:\n      primary: [temple, top-of-shoulder]\nprotocols: [self-release]\n"
    "sources: [\"Travell & Simons, vol. 1, ch. 6\"]\n";

/// kMuscle with the first `from` replaced by `to`.
inline std::string muscle_with(const std::string& from, const std::string& to) {
  std::string s = kMuscle;
  s.replace(s.find(from), from.size(), to);
  return s;
}

/// A fresh copy of tests/data/kb-small in the temporary directory, named
/// after `name` and this process.
inline std::filesystem::path fresh_kb(const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path kb = fs::temp_directory_path() / ("tpx-hostile-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(kb);
  fs::copy(std::string(TPX_TEST_DATA_DIR) + "/kb-small", kb, fs::copy_options::recursive);
  return kb;
}

/// Runs one case in a fresh copy of kb-small (named after `table` and the case).
inline void expect_refused(const KbCase& c, const std::string& table) {
  namespace fs = std::filesystem;
  const fs::path kb = fresh_kb(table + "-" + c.name);
  if (*c.file) std::ofstream(kb / c.file, std::ios::binary | std::ios::trunc) << c.content;
  if (c.setup) c.setup(kb);
  // `tpx check` prints every problem on stdout; a query prints errors on stderr.
  for (bool check : {true, false}) {
    Result r = check ? tpx({"check", kb.string()}) : tpx({"where", "temple", "--kb", kb.string(), "--no-cache"});
    EXPECT_EQ(r.code, 2) << c.name << (check ? " (check)" : " (where)") << "\n" << r.out << r.err;
    std::string first = first_line(check ? r.out : r.err);
    const std::string prefix = kb.string() + "/";
    if (first.rfind(prefix, 0) == 0) first = first.substr(prefix.size());
    EXPECT_TRUE(std::regex_match(first, std::regex(c.expect))) << c.name << ": got [" << first << "]";
    EXPECT_TRUE(tpx_fuzz::terminal_safe(r.err, '\n')) << r.err;
    EXPECT_TRUE(check || r.out.empty()) << "no results when the KB is refused";
  }
  fs::remove_all(kb);
}

}  // namespace tpx_test

#endif  // TPX_TESTS_CLI_HOSTILE_KB_H_
