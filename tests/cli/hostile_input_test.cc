// Hostile input, second pass (issue 14): what a script feeding stdin, a KB
// shared by a colleague, an archive or an odd file system can do. Each case
// runs the built tpx and expects the promise of docs/limits.md: one clear
// line naming the place (file:line:column where there is one) and exit 2,
// promptly; or the right answer. Never a hang, a crash, a raw control byte
// or an answer from part of the KB.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <regex>
#include <string>

#include "../fuzz/terminal_safe.h"
#include "hostile_kb.h"
#include "run_tpx.h"

namespace {

namespace fs = std::filesystem;
using tpx_test::Result;

using tpx_test::first_line;
using tpx_test::fresh_kb;
using tpx_test::KbCase;
using tpx_test::kMuscle;
using tpx_test::muscle_with;
using tpx_test::repeat;

// ---------------------------------------------------------------------------
// Stdin: every line counts, blank or not, and every byte.

struct StdinCase {
  const char* name;
  std::vector<std::string> args;
  std::string input;
  const char* expect;  // regex for the first stderr line
};

void PrintTo(const StdinCase& c, std::ostream* os) { *os << c.name; }

std::vector<StdinCase> stdin_cases() {
  return {
      {"blank_lines_10001",
       {"where", "-"},
       repeat("\n", 10001),
       R"(tpx: error: more than 10000 lines on stdin, blank ones included)"},
      {"space_lines_10001",
       {"where", "-"},
       repeat("   \t\n", 10001),
       R"(tpx: error: more than 10000 lines on stdin, blank ones included)"},
      {"crlf_lines_10001",
       {"where", "-"},
       repeat("\r\n", 10001),
       R"(tpx: error: more than 10000 lines on stdin, blank ones included)"},
      {"blank_lines_before_a_phrase",
       {"where", "-"},
       repeat("\n", 20000) + "temple\n",
       R"(tpx: error: more than 10000 lines on stdin, blank ones included)"},
      {"phrases_among_blank_lines",
       {"where", "-"},
       repeat("temple\n\n\n\n\n\n\n\n\n\n\n", 1000),
       R"(tpx: error: more than 10000 lines on stdin, blank ones included)"},
      {"blank_lines_for_muscle",
       {"muscle", "-"},
       repeat("\n", 10001),
       R"(tpx: error: more than 10000 lines on stdin, blank ones included)"},
      {"blank_lines_for_area",
       {"area", "-"},
       repeat("\n", 10001),
       R"(tpx: error: more than 10000 lines on stdin, blank ones included)"},
      {"blank_lines_for_cause",
       {"cause", "-"},
       repeat("\n", 10001),
       R"(tpx: error: more than 10000 lines on stdin, blank ones included)"},
      // 2,100 lines of 4,000 blanks: under the line and phrase limits, over the byte limit.
      {"eight_megabytes_of_blanks",
       {"where", "-"},
       repeat(std::string(3999, ' ') + "\n", 2100),
       R"(tpx: error: more than 8388608 bytes on stdin)"},
      {"each_blank_lines_10001",
       {"where", "--each"},
       repeat("\n", 10001),
       R"(tpx: error: line 10001: more than 10000 lines in a row ask nothing \(blank\))"},
      {"each_empty_queries_10001",
       {"where", "--each"},
       repeat(" ; ;\r\n", 10001),
       R"(tpx: error: line 10001: more than 10000 lines in a row ask nothing \(blank\))"},
  };
}

class HostileStdin : public testing::TestWithParam<StdinCase> {};

TEST_P(HostileStdin, OneClearErrorExitTwo) {
  const StdinCase& c = GetParam();
  Result r = tpx_test::tpx(c.args, c.input);
  EXPECT_EQ(r.code, 2) << c.name << "\n" << r.err;
  EXPECT_TRUE(std::regex_match(first_line(r.err), std::regex(c.expect)))
      << c.name << ": got [" << first_line(r.err) << "]";
  EXPECT_TRUE(r.out.empty()) << c.name << ": " << r.out.substr(0, 200);
}

INSTANTIATE_TEST_SUITE_P(Table, HostileStdin, testing::ValuesIn(stdin_cases()),
                         [](const testing::TestParamInfo<StdinCase>& i) { return std::string(i.param.name); });

TEST(HostileStdinLimits, TenThousandLinesBlankOnesIncludedAreAccepted) {
  Result r = tpx_test::tpx({"where", "-", "--format", "ids"}, repeat("\n", 9999) + "temple\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("temporalis"), std::string::npos) << r.out;
  // --each: 10,000 blank lines in a row, then a query, is answered.
  Result each = tpx_test::tpx({"where", "--each", "--format", "ids"}, repeat("\n", 10000) + "temple\n");
  EXPECT_EQ(each.code, 0) << each.err;
  EXPECT_NE(each.out.find("temporalis"), std::string::npos) << each.out;
  // Blank lines between queries start the count again.
  Result spaced = tpx_test::tpx({"where", "--each", "--format", "ids"}, repeat(repeat("\n", 9000) + "temple\n", 3));
  EXPECT_EQ(spaced.code, 0) << spaced.err;
}

// Exactly 8 MiB in exactly 10,000 lines, the last a phrase: at both limits, accepted.
TEST(HostileStdinLimits, EightMebibytesInTenThousandLinesAreAccepted) {
  std::string input = repeat(std::string(838, ' ') + "\n", 9998) + std::string(278, ' ') + "\n" + "temple\n";
  ASSERT_EQ(input.size(), 8u << 20);
  Result r = tpx_test::tpx({"where", "-", "--format", "ids"}, input);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("temporalis"), std::string::npos) << r.out;
}

// An endless stream is refused at the limit, not read to an end it never
// reaches: `yes '' | tpx where -` exits 2 at once. `timeout` turns a hang
// into exit 124, a failure, instead of a stuck test.
TEST(HostileStdinLimits, EndlessBlankLinesStopAtTheLimit) {
  const std::string err = testing::TempDir() + "tpx-endless-" + std::to_string(::getpid());
  for (const char* args : {"where -", "where --each", "muscle -", "where --each --format json"}) {
    const std::string cmd = std::string("yes '' | timeout 60 ") + TPX_BINARY + " " + args + " >/dev/null 2>" + err;
    int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status)) << args;
    EXPECT_EQ(WEXITSTATUS(status), 2) << args;
    std::ifstream in(err);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(std::regex_match(text, std::regex("tpx: error: (line 10001: )?more than 10000 lines.*\n")))
        << args << ": " << text;
  }
  std::remove(err.c_str());
}

// ---------------------------------------------------------------------------
// Hostile KB files: every case copies tests/data/kb-small and breaks one
// thing; `tpx check` and a query both refuse it with the expected first line.

std::vector<KbCase> kb_cases() {
  const char* M = "muscles/trapezius.yaml";
  const char* kAnchors = R"(YAML anchors and aliases \(&name, \*name\) are not allowed in the KB.*)";
  auto anchors = [&](const char* where) { return std::string(where) + ": error: " + kAnchors; };
  static std::vector<std::string> keep;  // the regexes built here outlive the table
  auto at = [&](std::string s) {
    keep.push_back(std::move(s));
    return keep.back().c_str();
  };
  return {
      // Anchors and aliases whatever their name: yaml-cpp takes any run of
      // non-blank characters but ,[]{} as a name.
      {"anchor_starting_with_hyphen", M, muscle_with("name: Trapezius", "name: &-ab Trapezius"),
       at(anchors(R"(muscles/trapezius.yaml:2:7)"))},
      {"anchor_non_ascii", M, muscle_with("name: Trapezius", "name: &\xC3\xA4 Trapezius"),
       at(anchors(R"(muscles/trapezius.yaml:2:7)"))},
      {"anchor_starting_with_dot", M, muscle_with("name: Trapezius", "name: &.b Trapezius"),
       at(anchors(R"(muscles/trapezius.yaml:2:7)"))},
      {"anchor_and_alias_non_ascii", M, muscle_with("region: shoulder", "region: &\xC3\xBC shoulder\naka: [*\xC3\xBC]"),
       at(anchors(R"(muscles/trapezius.yaml:3:9)"))},
      {"alias_without_anchor", M, muscle_with("region: shoulder", "region: shoulder\naka: [*\xC3\xA4-x]"),
       at(anchors(R"(muscles/trapezius.yaml:4:\d+)"))},
      {"billion_laughs_punctuated_names", "areas.yaml",
       "- id: a\n  label: &-0 [lol, lol]\n  region: head\n  aliases: &.1 [*-0, *-0, *-0]\n  culprits: [*.1, *.1]\n",
       at(anchors(R"(areas.yaml:2:10)"))},
      {"anchor_starting_with_slash_on_a_list", M,
       muscle_with("protocols: [self-release]", "protocols: &/p1 [self-release]"),
       at(anchors(R"(muscles/trapezius.yaml:10:12)"))},
      // Directives: %YAML with its "---" is one document (accepted below);
      // a directive with no "---" after it is refused.
      {"directive_without_document_marker", M, "%YAML 1.2\n" + std::string(kMuscle),
       R"(muscles/trapezius.yaml:2:1: error: a YAML directive \('%YAML', '%TAG'\) must be followed by '---'.*)"},
      {"directive_alone", M, "%YAML 1.2\n",
       R"(muscles/trapezius.yaml:2:1: error: a YAML directive.*must be followed by '---'.*)"},
      {"yaml_version_2", M, "%YAML 2.0\n---\n" + std::string(kMuscle),
       R"(muscles/trapezius.yaml:1:\d+: error: YAML syntax: .*)"},
      {"directive_with_escape_byte", M, "%YAML 1.2 \x1b[2J\n---\n" + std::string(kMuscle),
       R"(muscles/trapezius.yaml:1:11: error: control character 0x1B; a KB file is plain text)"},
      // Escapes that expand, after the byte screen, to what a terminal obeys.
      {"escaped_esc", M, muscle_with("name: Trapezius", R"(name: "Trap\e[2Jezius")"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' holds the control character U\+001B \(written as an escape\?\).*)"},
      {"escaped_x1b_osc", M, muscle_with("location: On top of the shoulder.", R"(location: "\x1b]0;pwned\x07")"),
       R"(muscles/trapezius.yaml:4:11: error: 'location' holds the control character U\+001B.*)"},
      {"escaped_c1_csi", M, muscle_with("name: Trapezius", R"(name: "Trap\u009b31mezius")"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' holds the control character U\+009B.*)"},
      {"escaped_bidi_override", M, muscle_with("name: Trapezius", R"(name: "Trap\u202Eezius")"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' holds the control character U\+202E.*)"},
      {"escaped_bidi_isolate", M, muscle_with("name: Trapezius", R"(name: "\u2066Trapezius")"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' holds the control character U\+2066.*)"},
      {"escaped_line_separator", M, muscle_with("name: Trapezius", R"(name: "Trap\Lezius")"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' holds the control character U\+2028.*)"},
      {"escaped_nul", M, muscle_with("name: Trapezius", R"(name: "Trap\0ezius")"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' holds the control character U\+0000.*)"},
      {"escaped_carriage_return", M, muscle_with("name: Trapezius", R"(name: "Trap\rezius")"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' holds the control character U\+000D.*)"},
      {"escaped_delete", M, muscle_with("name: Trapezius", R"(name: "Trap\x7fezius")"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' holds the control character U\+007F.*)"},
      {"escape_in_a_list_item", M, muscle_with("sources: [\"Travell", "sources: [\"\\e[2J\", \"Travell"),
       R"(muscles/trapezius.yaml:11:11: error: an item of 'sources' holds the control character U\+001B.*)"},
      {"escape_in_an_id", M, muscle_with("id: trapezius", R"(id: "trap\eezius")"),
       R"(muscles/trapezius.yaml:1:5: error: 'id' holds the control character U\+001B.*)"},
      {"escape_in_a_vocabulary_file", "protocols.yaml",
       "- id: p\n  name: \"\\e]8;;http://x\\e\\\\\"\n  steps: [a]\n  dose: b\n",
       R"(protocols.yaml:2:9: error: 'name' holds the control character U\+001B.*)"},
      // The same code points written raw: the byte screen lets valid UTF-8 by,
      // the text check does not.
      {"raw_c1_control", M,
       muscle_with("name: Trapezius",
                   "name: Trap\xC2\x9B"
                   "31mezius"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' holds the control character U\+009B.*)"},
      {"raw_bidi_override", M,
       muscle_with("name: Trapezius",
                   "name: Trap\xE2\x80\xAE"
                   "ezius"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' holds the control character U\+202E.*)"},
      {"raw_right_to_left_mark", M, muscle_with("name: Trapezius", "name: \xE2\x80\x8FTrapezius"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' holds the control character U\+200F.*)"},
  };
}

class HostileKbInput : public testing::TestWithParam<KbCase> {};

TEST_P(HostileKbInput, OneClearErrorExitTwo) { tpx_test::expect_refused(GetParam(), "input"); }

INSTANTIATE_TEST_SUITE_P(Table, HostileKbInput, testing::ValuesIn(kb_cases()),
                         [](const testing::TestParamInfo<KbCase>& i) { return std::string(i.param.name); });

// A %YAML or %TAG directive followed by "---" is one document, as YAML
// says: the KB is accepted.
TEST(HostileKbAccepted, DirectivesBeforeTheDocumentAreOneDocument) {
  for (const std::string& head : {std::string("%YAML 1.2\n---\n"), std::string("# c\n%YAML 1.1\n--- # start\n"),
                                  std::string("%TAG !e! tag:example.com,2000:\n---\n")}) {
    fs::path kb = fresh_kb("directive");
    std::ofstream(kb / "muscles/trapezius.yaml", std::ios::trunc) << head << kMuscle;
    Result check = tpx_test::tpx({"check", kb.string()});
    EXPECT_EQ(check.code, 0) << head << check.out << check.err;
    Result where = tpx_test::tpx({"where", "temple", "--kb", kb.string(), "--no-cache", "--format", "ids"});
    EXPECT_EQ(where.code, 0) << head << where.err;
    fs::remove_all(kb);
  }
}

// Text that looks like an anchor but is not one stays accepted: "&" and "*"
// followed by a blank are plain text.
TEST(HostileKbAccepted, AmpersandAndStarInPlainText) {
  fs::path kb = fresh_kb("ampersand");
  std::ofstream(kb / "muscles/trapezius.yaml", std::ios::trunc)
      << muscle_with("location: On top of the shoulder.", "location: \"Top & side; 2 * 3, a&b, x*y\"");
  Result r = tpx_test::tpx({"check", kb.string()});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  fs::remove_all(kb);
}

// ---------------------------------------------------------------------------
// The file system: unreadable parts, too many open files, the whole disk.

// Runs tpx as a child with stdout and stderr in files, optionally as user
// nobody (root reads everything, so permission cases need another user) and
// with a limit on open files.
Result run_limited(const std::vector<std::string>& args, bool as_nobody, int max_files = 0) {
  const std::string base = testing::TempDir() + "tpx-limited-" + std::to_string(::getpid());
  const std::string out = base + ".out", err = base + ".err";
  pid_t pid = ::fork();
  if (pid == 0) {
    int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int n = ::open("/dev/null", O_RDONLY);
    ::dup2(n, 0);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::close(o);
    ::close(e);
    ::close(n);
    if (as_nobody && ::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(126);
    if (max_files > 0) {
      rlimit rl{static_cast<rlim_t>(max_files), static_cast<rlim_t>(max_files)};
      ::setrlimit(RLIMIT_NOFILE, &rl);
    }
    std::vector<char*> argv = {const_cast<char*>(TPX_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const char* env[] = {"PATH=/usr/bin:/bin", "HOME=/nonexistent", "XDG_CACHE_HOME=/nonexistent/cache", nullptr};
    ::execve(TPX_BINARY, argv.data(), const_cast<char* const*>(env));
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  auto slurp = [](const std::string& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  r.out = slurp(out);
  r.err = slurp(err);
  std::remove(out.c_str());
  std::remove(err.c_str());
  return r;
}

class HostileFiles : public testing::Test {
 protected:
  void SetUp() override {
    kb_ = fresh_kb(testing::UnitTest::GetInstance()->current_test_info()->name());
    // Readable by nobody, for the cases run as nobody.
    for (const auto& e : fs::recursive_directory_iterator(kb_))
      fs::permissions(e.path(), fs::perms::others_read | (e.is_directory() ? fs::perms::others_exec : fs::perms::none),
                      fs::perm_options::add);
    fs::permissions(kb_, fs::perms::others_read | fs::perms::others_exec, fs::perm_options::add);
  }
  void TearDown() override {
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(kb_, ec))
      if (e.is_directory()) fs::permissions(e.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(kb_, ec);
  }
  // Both `tpx check` and a query refuse the KB with `expect` on the first line.
  void expect_refused(const std::string& expect, bool as_nobody, int max_files = 0) {
    for (bool check : {true, false}) {
      Result r = check ? run_limited({"check", kb_.string()}, as_nobody, max_files)
                       : run_limited({"where", "temple", "--kb", kb_.string(), "--no-cache"}, as_nobody, max_files);
      ASSERT_NE(r.code, 126) << "cannot become nobody";
      EXPECT_EQ(r.code, 2) << (check ? "check" : "where") << "\n" << r.out << r.err;
      std::string first = first_line(check ? r.out : r.err);
      EXPECT_TRUE(std::regex_match(first, std::regex(expect))) << "got [" << first << "]";
      EXPECT_TRUE(check || r.out.empty()) << "an answer from part of the KB: " << r.out;
    }
  }
  fs::path kb_;
};

TEST_F(HostileFiles, UnreadableSubdirectoryIsAnErrorNotSkipped) {
  fs::permissions(kb_ / "muscles", fs::perms::owner_all);  // rwx------ root: nobody cannot list it
  expect_refused(kb_.string() + "/muscles: error: cannot open directory: Permission denied", true);
}

TEST_F(HostileFiles, UnlistableSubdirectoryIsAnErrorNotSkipped) {
  // Readable but not searchable by others: opened, but its files are not.
  fs::permissions(kb_ / "atlas", fs::perms::owner_all | fs::perms::others_read);
  Result r = run_limited({"check", kb_.string()}, true);
  ASSERT_NE(r.code, 126);
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("atlas"), std::string::npos) << r.out;
}

TEST_F(HostileFiles, UnreadableKbRootSaysPermissionDenied) {
  fs::permissions(kb_, fs::perms::owner_all);
  for (bool check : {true, false}) {
    Result r = check ? run_limited({"check", kb_.string()}, true)
                     : run_limited({"where", "temple", "--kb", kb_.string(), "--no-cache"}, true);
    ASSERT_NE(r.code, 126);
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    const std::string all = r.out + r.err;
    EXPECT_NE(all.find(kb_.string() + ": error: cannot open the KB directory: Permission denied"), std::string::npos)
        << all;
    EXPECT_EQ(all.find("not a directory"), std::string::npos) << all;
  }
}

// Too many open files: a directory that cannot be opened is an error, not
// a part of the KB quietly left out.
TEST_F(HostileFiles, TooManyOpenFilesIsAnErrorNotAPartialKb) {
#if defined(__SANITIZE_ADDRESS__)
#define TPX_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TPX_SANITIZED 1
#endif
#endif
#ifdef TPX_SANITIZED
  // With 12 descriptors the sanitizer runtime itself runs short, and UBSan's
  // vptr check then reports fmt's buffer as having no vptr: a report about
  // the runtime, not tpx. The ordinary build runs this case.
  GTEST_SKIP() << "not under sanitizers: their runtime needs more than 12 file descriptors";
#endif
  fs::path deep = kb_ / "muscles/a/b/c/d/e/f/g/h/i/j/k/l";
  fs::create_directories(deep);
  fs::rename(kb_ / "muscles/trapezius.yaml", deep / "trapezius.yaml");
  expect_refused(".*: error: (cannot open directory|cannot list directory|cannot read file): Too many open files",
                 false, 12);
}

TEST_F(HostileFiles, MoreThanTenThousandDirectoriesStopTheWalk) {
  for (int i = 0; i < 10001; ++i) fs::create_directory(kb_ / ("d" + std::to_string(i)));
  expect_refused(kb_.string() + ": error: more than 10000 directories below the KB directory; is it really a KB\\?",
                 false);
}

TEST_F(HostileFiles, TenThousandDirectoriesAreAccepted) {
  // kb-small has 2 directories (muscles, atlas): 9,998 more make 10,000.
  for (int i = 0; i < 9998; ++i) fs::create_directory(kb_ / ("d" + std::to_string(i)));
  Result r = run_limited({"check", kb_.string()}, false);
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

// TPX_KB=/ or --kb /: the walk stops at the directory limit, with exit 2,
// instead of visiting the whole disk. `timeout` turns a hang into a failure.
TEST(HostileFilesRoot, WholeDiskAsTheKbStopsAtTheLimit) {
  const std::string out = testing::TempDir() + "tpx-root-" + std::to_string(::getpid());
  for (const char* args : {"check /", "where temple --kb / --no-cache", "where temple"}) {
    const std::string env = std::string(args) == "where temple" ? "TPX_KB=/ " : "";
    const std::string cmd = env + "timeout 120 " + TPX_BINARY + " " + args + " >" + out + " 2>&1";
    int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status)) << args;
    EXPECT_EQ(WEXITSTATUS(status), 2) << args;
    std::ifstream in(out);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("/: error: more than 10000 directories below the KB directory; is it really a KB?\n"),
              std::string::npos)
        << args << ": " << text.substr(0, 2000);
    EXPECT_EQ(text.find("has no muscles"), std::string::npos) << args;
  }
  std::remove(out.c_str());
}

// A FIFO named like a KB file is not read (it would block): the KB is
// checked without it, and tpx never waits on it.
TEST_F(HostileFiles, FifoNamedLikeAKbFileIsNeverOpened) {
  ASSERT_EQ(::mkfifo((kb_ / "muscles/fifo.yaml").c_str(), 0644), 0);
  const std::string cmd = "timeout 60 " + std::string(TPX_BINARY) + " check " + kb_.string() + " >/dev/null 2>&1";
  int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 124) << "tpx check waited on a FIFO";
}

// ---------------------------------------------------------------------------
// Slow paths: what used to cost a scan per word or per error.

// Thousands of unknown references: each of the first 100 gets a "did you
// mean", the rest the bare error, so validation stays fast.
TEST(HostileSlowPaths, OnlyTheFirstHundredUnknownReferencesGetSuggestions) {
  fs::path kb = fresh_kb("unknown-refs");
  std::string areas;
  for (int i = 0; i < 300; ++i) areas += (i ? ", " : "") + std::string("templ") + std::to_string(i);
  std::ofstream(kb / "muscles/trapezius.yaml", std::ios::trunc)
      << muscle_with("[temple, top-of-shoulder]", "[" + areas + "]");
  Result r = tpx_test::tpx({"check", kb.string()});
  EXPECT_EQ(r.code, 2);
  std::size_t unknown = 0, suggested = 0;
  for (std::size_t at = 0, nl; at < r.out.size(); at = nl + 1) {
    nl = r.out.find('\n', at);
    const std::string line = r.out.substr(at, nl - at);
    if (line.find("unknown area") != std::string::npos) ++unknown;
    if (line.find("did you mean") != std::string::npos) ++suggested;
  }
  EXPECT_EQ(unknown, 300u) << r.out.substr(0, 500);
  EXPECT_EQ(suggested, 100u);
  fs::remove_all(kb);
}

// A long chain of parent regions is walked once, and a cycle at its end is
// reported once, where it closes.
TEST(HostileSlowPaths, LongRegionChainAndOneCycle) {
  fs::path kb = fresh_kb("region-chain");
  std::ifstream in(kb / "regions.yaml");
  std::string regions((std::istreambuf_iterator<char>(in)), {});
  for (int i = 0; i < 3000; ++i)
    regions += "- id: r" + std::to_string(i) + "\n  label: R" + std::to_string(i) + "\n  parent: r" +
               std::to_string(i + 1) + "\n";
  regions += "- id: r3000\n  label: Last\n  parent: r2999\n";
  std::ofstream(kb / "regions.yaml", std::ios::trunc) << regions;
  Result r = tpx_test::tpx({"check", kb.string()});
  EXPECT_EQ(r.code, 2);
  std::size_t cycles = 0;
  for (std::size_t at = 0; (at = r.out.find("is its own ancestor", at)) != std::string::npos; ++at) ++cycles;
  EXPECT_EQ(cycles, 1u) << r.out.substr(0, 1000);
  fs::remove_all(kb);
}

// A thousand lines of gibberish, long words and short ones, are answered
// (nothing matches: exit 1) with a note per unmatched phrase; words longer
// than any vocabulary word are not corrected.
TEST(HostileSlowPaths, GibberishIsAnsweredNotCorrected) {
  std::string lines;
  unsigned seed = 14;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int i = 0; i < 1000; ++i) {
    std::string line;
    while (line.size() < 200) {
      std::size_t len = 3 + next() % 40;
      for (std::size_t k = 0; k < len; ++k) line += static_cast<char>('q' + next() % 10);  // q..z: no vowels but u
      line += ' ';
    }
    lines += line + "\n";
  }
  Result r = tpx_test::tpx({"where", "-"}, lines);
  EXPECT_TRUE(r.code == 1 || r.code == 0) << first_line(r.err);
  EXPECT_TRUE(tpx_fuzz::terminal_safe(r.err, '\n'));
  std::regex long_correction("read \"[a-z]{33,}\" as");
  EXPECT_FALSE(std::regex_search(r.err, long_correction));
}

// ---------------------------------------------------------------------------
// Terminal injection through names tpx prints on paths the first pass left
// raw: `tpx compile`'s diagnostics and summary, `tpx check FILE`.

TEST(HostileNames, CompileDiagnosticsShowAnEscapeInAFileName) {
  fs::path kb = fresh_kb("compile-name");
  std::ofstream(kb / "muscles" / "evil\x1b[2J\nname.yaml") << "id: [unclosed\n";
  Result r = tpx_test::tpx({"compile", kb.string(), "-o", (kb.string() + ".tpxkb")});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_TRUE(tpx_fuzz::terminal_safe(r.err, '\n')) << r.err;
  EXPECT_NE(r.err.find("evil\\x1b[2J\\nname.yaml"), std::string::npos) << r.err;
  fs::remove_all(kb);
}

TEST(HostileNames, CompileSummaryShowsAnEscapeInTheOutputPath) {
  const std::string out = testing::TempDir() + "tpx-out-\x1b]0;pwned\x07-" + std::to_string(::getpid()) + ".tpxkb";
  Result r = tpx_test::tpx({"compile", std::string(TPX_TEST_DATA_DIR) + "/kb-small", "-o", out});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(tpx_fuzz::terminal_safe(r.err, '\n')) << r.err;
  // The same file checked: its path is shown, never sent.
  Result check = tpx_test::tpx({"check", out});
  EXPECT_EQ(check.code, 0) << check.err;
  EXPECT_TRUE(tpx_fuzz::terminal_safe(check.err, '\n')) << check.err;
  std::remove(out.c_str());
}

TEST(HostileNames, CheckOfABadFileShowsAnEscapeInItsPath) {
  const std::string path = testing::TempDir() + "tpx-bad-\x1b[2J\nfile-" + std::to_string(::getpid());
  std::ofstream(path) << "not a KB";
  Result r = tpx_test::tpx({"check", path});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(tpx_fuzz::terminal_safe(r.out, '\n')) << r.out;
  EXPECT_TRUE(tpx_fuzz::terminal_safe(r.err, '\n')) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << "one line: " << r.out;
  std::remove(path.c_str());
}

}  // namespace
