// `tpx where --each`: one query per stdin line, answered as a single query
// would be, in every format, with the exit rules of a single query.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "run_tpx.h"

namespace {

using tpx_test::Result;
using tpx_test::tpx;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(Each, OneJsonObjectPerLineEachTheSameAsASingleQuery) {
  Result each = tpx({"where", "--each", "--format", "json"}, "temple; top of shoulder\nheel\n\narch of foot;heel\n");
  ASSERT_EQ(each.code, 0) << each.err;
  std::vector<std::string> out = lines(each.out);
  ASSERT_EQ(out.size(), 3u);  // the blank line asks nothing
  const std::vector<std::vector<std::string>> queries = {
      {"temple", "top of shoulder"}, {"heel"}, {"arch of foot", "heel"}};
  for (std::size_t i = 0; i < queries.size(); ++i) {
    auto j = nlohmann::json::parse(out[i]);
    EXPECT_EQ(j["query"], queries[i]);
    std::vector<std::string> args = {"where"};
    args.insert(args.end(), queries[i].begin(), queries[i].end());
    args.insert(args.end(), {"--format", "json"});
    Result single = tpx(args);
    EXPECT_EQ(j, nlohmann::json::parse(single.out)) << out[i];
  }
}

TEST(Each, TsvRowsStartWithTheQueryUnderOneHeader) {
  Result r = tpx({"where", "--each", "--format", "tsv", "--header", "--top", "2"}, "temple; top of shoulder\nheel\n");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> out = lines(r.out);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].rfind("query\trank\tmuscle\t", 0), 0u) << out[0];
  EXPECT_EQ(out[1].rfind("temple; top of shoulder\t1\ttrapezius\t", 0), 0u) << out[1];
  EXPECT_EQ(out[3].rfind("heel\t1\t", 0), 0u) << out[3];
  for (const std::string& row : out) EXPECT_EQ(std::count(row.begin(), row.end(), '\t'), 8) << row;
}

TEST(Each, TextBlocksAndIdsLines) {
  Result text = tpx({"where", "--each"}, "temple\nheel\n");
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("Query: temple\n"), std::string::npos);
  EXPECT_NE(text.out.find("\n\nQuery: heel\n"), std::string::npos);
  Result ids = tpx({"where", "--each", "--format", "ids", "--top", "2"}, "temple; top of shoulder\nxyzzy\nheel\n");
  std::vector<std::string> out = lines(ids.out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].rfind("trapezius ", 0), 0u);
  EXPECT_EQ(out[1], "");  // nothing matched: an empty line keeps the lines aligned
}

TEST(Each, ExitOneWhenNoQueryMatchedZeroWhenAnyDid) {
  EXPECT_EQ(tpx({"where", "--each"}, "xyzzy\nplugh\n").code, 1);
  EXPECT_EQ(tpx({"where", "--each"}, "xyzzy\nheel\n").code, 0);
  EXPECT_EQ(tpx({"where", "--each"}, "").code, 1);
}

TEST(Each, RedFlagsOfEveryQueryReachStderrWithTheirLine) {
  Result r = tpx({"where", "--each", "--format", "json"}, "heel\nchest\nnumb foot\nchest\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("tpx: line 2: warning: get this checked ("), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("tpx: line 3: warning: get this checked ("), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("tpx: line 4: warning: get this checked ("), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("line 1:"), std::string::npos) << r.err;
  std::vector<std::string> out = lines(r.out);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_TRUE(nlohmann::json::parse(out[0])["warnings"].empty());
  EXPECT_FALSE(nlohmann::json::parse(out[3])["warnings"].empty());
}

TEST(Each, ABadLineIsReportedTheOthersAnsweredExitTwo) {
  Result r = tpx({"where", "--each", "--format", "ids"}, "heel\ntemple\x1b[31m\ntemple\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("tpx: error: line 2: phrase 1 contains the control character 0x1B"), std::string::npos) << r.err;
  EXPECT_EQ(lines(r.out).size(), 2u);
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos);
}

TEST(Each, LinesAreBoundedLikeTheRestOfStdin) {
  std::string at_limit(4096, 'a');
  EXPECT_NE(tpx({"where", "--each"}, at_limit + "\n").code, 2);
  Result past = tpx({"where", "--each"}, "heel\n" + std::string(4097, 'a') + "\nheel\n");
  EXPECT_EQ(past.code, 2);
  EXPECT_NE(past.err.find("line 2: longer than 4096 bytes"), std::string::npos) << past.err;
  std::string phrases;
  for (int i = 0; i < 1001; ++i) phrases += "a;";
  Result many = tpx({"where", "--each"}, phrases + "\n");
  EXPECT_EQ(many.code, 2);
  EXPECT_NE(many.err.find("line 1: too many phrases: at most 1000"), std::string::npos) << many.err;
  // Many lines are fine: each is answered and forgotten.
  std::string ten_thousand;
  for (int i = 0; i < 10000; ++i) ten_thousand += "heel\n";
  Result big = tpx({"where", "--each", "--format", "ids", "--top", "1"}, ten_thousand);
  EXPECT_EQ(big.code, 0);
  EXPECT_EQ(lines(big.out).size(), 10000u);
}

// The JSON is written straight into a buffer, not through a JSON library:
// what a terminal could obey is escaped, the rest of UTF-8 stays as typed,
// and the text reads back as the phrases given. Each line is also byte for
// byte what a single query prints.
TEST(Each, JsonEscapesLikeTheLibraryAndMatchesASingleQueryByteForByte) {
  const std::vector<std::string> phrases = {"\"temple\" back\\slash", "caf\xc3\xa9 knee", "neck\xc2\x85x",
                                            "heel \xe2\x80\xae arch", "top of shoulder"};
  std::string input;
  for (const std::string& p : phrases) input += p + "\n";
  Result each = tpx({"where", "--each", "--format", "json"}, input);
  ASSERT_EQ(each.code, 0) << each.err;
  std::vector<std::string> out = lines(each.out);
  ASSERT_EQ(out.size(), phrases.size());
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    EXPECT_EQ(nlohmann::json::parse(out[i])["query"], std::vector<std::string>{phrases[i]}) << out[i];
    Result single = tpx({"where", phrases[i], "--format", "json"});
    EXPECT_EQ(out[i] + "\n", single.out);
  }
  EXPECT_EQ(out[0].rfind(R"({"version":1,"query":["\"temple\" back\\slash"],)", 0), 0u) << out[0];
  EXPECT_NE(out[1].find("caf\xc3\xa9 knee"), std::string::npos) << out[1];
  EXPECT_NE(out[2].find(R"("neck\u0085x")"), std::string::npos) << out[2];
  EXPECT_NE(out[3].find(R"("heel \u202e arch")"), std::string::npos) << out[3];
  for (const std::string& line : out) {
    EXPECT_EQ(line.find("\xc2\x85"), std::string::npos);
    EXPECT_EQ(line.find("\xe2\x80\xae"), std::string::npos);
  }
}

// Output into a pipe is buffered, but a program that writes one query and
// waits must get its answer before it writes the next.
TEST(Each, AnAnswerReachesAWaitingReaderBeforeTheNextLine) {
  int in[2], out[2];
  ASSERT_EQ(::pipe(in), 0);
  ASSERT_EQ(::pipe(out), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    for (int fd : {in[0], in[1], out[0], out[1]}) ::close(fd);
    const char* argv[] = {TPX_BINARY, "where", "--each", "--format", "ids", nullptr};
    ::execv(TPX_BINARY, const_cast<char* const*>(argv));
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  auto answer = [&](const std::string& line) {
    EXPECT_EQ(::write(in[1], line.data(), line.size()), static_cast<ssize_t>(line.size()));
    std::string got;
    while (got.find('\n') == std::string::npos) {
      pollfd p{out[0], POLLIN, 0};
      if (::poll(&p, 1, 10000) != 1) return got + " (no answer within 10 s)";
      char buf[4096];
      ssize_t n = ::read(out[0], buf, sizeof buf);
      if (n <= 0) return got + " (end of output)";
      got.append(buf, static_cast<std::size_t>(n));
    }
    return got;
  };
  EXPECT_EQ(answer("temple; top of shoulder\n").rfind("trapezius ", 0), 0u);
  EXPECT_NE(answer("heel\n").find('\n'), std::string::npos);
  ::close(in[1]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(out[0]);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(Each, PhrasesOnTheCommandLineAreAnError) {
  Result r = tpx({"where", "--each", "heel"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--each reads its queries from stdin"), std::string::npos) << r.err;
}

}  // namespace
