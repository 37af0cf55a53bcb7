// End-to-end tests: run the built tpx as a user or a script would, and check
// what they would notice: exit codes, stdout vs stderr, parseable output.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Result {
  int code = -1;
  std::string out, err;
};

std::string drain(int fd) {
  std::string s;
  char buf[65536];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) s.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return s;
}

// Runs tpx with `args`; `env` entries are added to a clean environment
// (PATH and HOME kept), `input` is fed to stdin (closed when empty).
Result tpx(const std::vector<std::string>& args, const std::string& input = "",
        const std::vector<std::string>& env = {}) {
  int in[2], out[2], err[2];
  if (::pipe(in) || ::pipe(out) || ::pipe(err)) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    std::vector<std::string> envs = {std::string("PATH=") + (getenv("PATH") ? getenv("PATH") : ""),
                                     std::string("HOME=") + (getenv("HOME") ? getenv("HOME") : "/tmp")};
    envs.insert(envs.end(), env.begin(), env.end());
    std::vector<char*> argv = {const_cast<char*>(TPX_BINARY)}, envp;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (const auto& e : envs) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    ::execve(TPX_BINARY, argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  if (!input.empty()) (void)!::write(in[1], input.data(), input.size());
  ::close(in[1]);
  Result r;
  // Both pipes are small in these tests; read stdout fully, then stderr.
  r.out = drain(out[0]);
  r.err = drain(err[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string data(const std::string& rel) { return std::string(TPX_TEST_DATA_DIR) + "/" + rel; }

TEST(Cli, MissionExampleRanksTrapeziusFirstWithSteps) {
  Result r = tpx({"where", "temple", "top of shoulder"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("1. Trapezius"), r.out.find("1. "));
  EXPECT_NE(r.out.find("Press"), std::string::npos);
  EXPECT_NE(r.out.find("\n     1. "), std::string::npos);  // numbered protocol steps
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);        // piped: no colour
}

TEST(Cli, JsonParsesAndNamesTrapezius) {
  Result r = tpx({"where", "temple", "top of shoulder", "--format", "json"});
  ASSERT_EQ(r.code, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["matches"][0]["muscle"], "trapezius");
  for (const char* key : {"version", "query", "resolved", "unmatched", "warnings", "matches"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
}

TEST(Cli, NothingMatchedExitsOne) {
  Result r = tpx({"where", "xyzzy"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("No muscle"), std::string::npos);
  EXPECT_NE(r.err.find("no area or symptom recognised in \"xyzzy\""), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(tpx({}).code, 2);
  EXPECT_EQ(tpx({"frobnicate"}).code, 2);
  EXPECT_EQ(tpx({"where", "temple", "--format", "xml"}).code, 2);
  EXPECT_EQ(tpx({"where", "temple", "--top", "many"}).code, 2);
  EXPECT_EQ(tpx({"list", "bones"}).code, 2);
  EXPECT_EQ(tpx({"where"}).code, 2);  // stdin is empty
}

TEST(Cli, HelpAndVersionWorkEvenWithABrokenKb) {
  Result help = tpx({"--help"}, "", {"TPX_KB=" + data("kb-broken")});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("not medical advice"), std::string::npos);
  Result version = tpx({"--version"}, "", {"TPX_KB=" + data("kb-broken")});
  EXPECT_EQ(version.code, 0);
  EXPECT_EQ(version.out.rfind("tpx ", 0), 0u);
}

TEST(Cli, BrokenKbGivesFileLineColumnAndExitTwo) {
  Result r = tpx({"where", "temple", "--kb", data("kb-broken")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("kb-broken/muscles/trapezius.yaml:11:17: error: unknown area 'tempel'; did you mean 'temple'?"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, KbFromEnvironmentOrFlag) {
  Result flag = tpx({"list", "muscles", "--kb", data("kb-small")});
  EXPECT_EQ(flag.out, "pectoralis-major\tPectoralis major\ntemporalis\tTemporalis\ntrapezius\tTrapezius\n");
  Result env = tpx({"list", "muscles"}, "", {"TPX_KB=" + data("kb-small")});
  EXPECT_EQ(env.out, flag.out);
}

TEST(Cli, MuscleCardByNameOrIdIsTheSame) {
  Result by_name = tpx({"muscle", "Levator Scapulae"});
  Result by_id = tpx({"muscle", "levator-scapulae"});
  EXPECT_EQ(by_name.code, 0);
  EXPECT_EQ(by_name.out, by_id.out);
  for (const char* section : {"Trigger points", "Self-release", "Sources", "Refers pain to"}) {
    EXPECT_NE(by_id.out.find(section), std::string::npos) << section;
  }
}

TEST(Cli, UnknownMuscleSuggestsAndExitsTwo) {
  Result r = tpx({"muscle", "levater scapulae"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("did you mean: levator-scapulae"), std::string::npos) << r.err;
}

TEST(Cli, PhrasesFromStdin) {
  Result dash = tpx({"where", "-", "--format", "ids", "--top", "1"}, "temple\n\ntop of shoulder\n");
  EXPECT_EQ(dash.code, 0);
  EXPECT_EQ(dash.out, "trapezius\n");
  Result implicit = tpx({"where", "--format", "ids", "--top", "1"}, "temple\ntop of shoulder\n");
  EXPECT_EQ(implicit.out, "trapezius\n");
}

TEST(Cli, RedFlagsWarnOnStderrAndStillAnswer) {
  Result numb = tpx({"where", "numbness in my hand"});
  EXPECT_NE(numb.err.find("get this checked"), std::string::npos);
  EXPECT_EQ(numb.code, 0);
  EXPECT_EQ(numb.out.find("get this checked"), std::string::npos);
  Result chest = tpx({"where", "chest", "--format", "json"});
  EXPECT_NE(chest.err.find("heart"), std::string::npos);
  auto j = nlohmann::json::parse(chest.out);
  ASSERT_FALSE(j["warnings"].empty());
  EXPECT_EQ(j["warnings"][0]["id"], "chest-pain");
}

TEST(Cli, ColourOnlyWhenAskedAndNeverWithNoColor) {
  EXPECT_NE(tpx({"where", "temple", "--color", "always"}).out.find('\x1b'), std::string::npos);
  EXPECT_EQ(tpx({"where", "temple", "--color", "auto"}, "", {"NO_COLOR=1"}).out.find('\x1b'), std::string::npos);
  EXPECT_EQ(tpx({"where", "temple", "--color", "never"}).out.find('\x1b'), std::string::npos);
}

TEST(Cli, ListsAreSortedTabSeparated) {
  Result r = tpx({"list", "areas"});
  EXPECT_EQ(r.code, 0);
  std::istringstream lines(r.out);
  std::string line, prev;
  int n = 0;
  while (std::getline(lines, line)) {
    ASSERT_NE(line.find('\t'), std::string::npos) << line;
    EXPECT_LT(prev, line);
    prev = line;
    ++n;
  }
  EXPECT_GE(n, 100);
}

}  // namespace
