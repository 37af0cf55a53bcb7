// End-to-end tests: run the built tpx as a user or a script would, and check
// what they would notice: exit codes, stdout vs stderr, parseable output.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "run_tpx.h"

namespace {

using tpx_test::Result;
using tpx_test::tpx;

std::string data(const std::string& rel) { return std::string(TPX_TEST_DATA_DIR) + "/" + rel; }

TEST(Cli, MissionExampleRanksTrapeziusFirstWithSteps) {
  Result r = tpx({"where", "temple", "top of shoulder"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("1. Trapezius"), r.out.find("1. "));
  EXPECT_NE(r.out.find("Press"), std::string::npos);
  EXPECT_NE(r.out.find("\n   1. "), std::string::npos);  // numbered protocol steps
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);      // piped: no colour
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::size_t columns(const std::string& line) {
  return static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The newcomer query: one screen at 80 columns, each step once.
TEST(Cli, TwoPhraseAnswerFitsEightyLinesAtEightyColumns) {
  Result r = tpx({"where", "burning between my shoulder blades", "stiff neck"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> lines = lines_of(r.out);
  EXPECT_LE(lines.size(), 80u) << r.out;
  std::vector<std::string> steps;
  for (const std::string& line : lines) {
    EXPECT_LE(columns(line), 80u) << line;
    // A step starts "   N. " under its method; none may appear twice.
    if (line.size() > 6 && line.compare(0, 3, "   ") == 0 && std::isdigit(static_cast<unsigned char>(line[3])) &&
        line.compare(4, 2, ". ") == 0) {
      EXPECT_EQ(std::find(steps.begin(), steps.end(), line), steps.end()) << "printed twice: " << line;
      steps.push_back(line);
    }
  }
  EXPECT_GE(steps.size(), 6u) << r.out;  // the steps are there, once
  EXPECT_NE(r.out.find("Press: "), std::string::npos);
}

TEST(Cli, WidthComesFromTheOptionThenColumnsThen80) {
  auto widest = [](const std::string& text) {
    std::size_t w = 0;
    for (const std::string& line : lines_of(text)) w = std::max(w, columns(line));
    return w;
  };
  const std::vector<std::string> card = {"muscle", "trapezius"};
  EXPECT_LE(widest(tpx(card).out), 80u);
  EXPECT_GT(widest(tpx(card).out), 60u);
  EXPECT_LE(widest(tpx(card, "", {"COLUMNS=50"}).out), 50u);
  std::vector<std::string> at120 = card;
  at120.insert(at120.end(), {"--width", "120"});
  EXPECT_LE(widest(tpx(at120, "", {"COLUMNS=50"}).out), 120u);
  EXPECT_GT(widest(tpx(at120, "", {"COLUMNS=50"}).out), 80u);
  std::vector<std::string> nowrap = card;
  nowrap.insert(nowrap.end(), {"--width", "0"});
  EXPECT_GT(widest(tpx(nowrap).out), 120u);  // whole paragraphs on one line
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

// Notices are the CLI's: tpx's prefixes, one line each, on stderr only.
TEST(Cli, NoticesNameRedFlagsCorrectionsAndSuggestionsOnStderr) {
  Result r = tpx({"where", "chest pain", "temle", "tmplx"});
  EXPECT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.err);
  std::vector<std::string> err;
  for (std::string line; std::getline(lines, line);) err.push_back(line);
  ASSERT_EQ(err.size(), 3u) << r.err;
  EXPECT_EQ(err[0].rfind("tpx: warning: get this checked (urgent): Chest pain: ", 0), 0u) << err[0];
  EXPECT_EQ(err[1], "tpx: note: read \"temle\" as \"temple\"");
  EXPECT_EQ(err[2].rfind("tpx: no area or symptom recognised in \"tmplx\"; did you mean: Temple", 0), 0u) << err[2];
  EXPECT_EQ(r.out.find("tpx:"), std::string::npos);
  // In JSON the red flag still reaches stderr; the rest is in the object.
  Result j = tpx({"where", "chest pain", "temle", "--format", "json"});
  EXPECT_EQ(j.err.find("note:"), std::string::npos) << j.err;
  EXPECT_EQ(j.err.rfind("tpx: warning: get this checked (urgent): Chest pain: ", 0), 0u) << j.err;
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
  // Loss of feeling said with a filler word ("feel") still warns, in every format.
  Result cant_feel = tpx({"where", "I can't feel my foot", "--format", "ids"});
  EXPECT_NE(cant_feel.err.find("Nerve symptoms"), std::string::npos) << cant_feel.err;
}

// The commands issue 10 names, as a person would type them.
TEST(Cli, EmergencyWarningsLeadAndOrdinaryAchesStayQuiet) {
  Result arm = tpx({"where", "my left arm aches when I carry the shopping uphill"});
  EXPECT_EQ(arm.err.rfind("tpx: EMERGENCY: Possible heart attack", 0), 0u) << arm.err;  // the first line
  EXPECT_NE(arm.err.find("get this checked (emergency)"), std::string::npos);
  EXPECT_EQ(arm.err.find('\x1b'), std::string::npos);  // no colour on a pipe
  Result calf = tpx({"where", "my calf feels tight after football", "it is not swollen"});
  EXPECT_EQ(calf.err.find("warning"), std::string::npos) << calf.err;
  EXPECT_EQ(calf.code, 0);
  Result swollen = tpx({"where", "calf swollen and warm"});
  EXPECT_NE(swollen.err.find("blood clot"), std::string::npos) << swollen.err;
  Result hoops = tpx({"where", "sore shoulder from shooting hoops all afternoon"});
  EXPECT_EQ(hoops.err.find("warning"), std::string::npos) << hoops.err;
  EXPECT_EQ(hoops.code, 0);
}

TEST(Cli, JsonWarningsCarryLevelAndSourcesMostUrgentFirst) {
  Result r = tpx({"where", "pins and needles in my hand", "crushing chest pain", "--format", "json"});
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["warnings"].size(), 1u);
  EXPECT_EQ(j["warnings"][0]["id"], "heart-attack");
  EXPECT_EQ(j["warnings"][0]["level"], "emergency");
  EXPECT_FALSE(j["warnings"][0]["sources"].empty());
  for (const auto& w : j["warnings"]) EXPECT_NE(w["id"], "chest-pain");  // the emergency covers it
  // Warnings reach stderr before any result in every format.
  EXPECT_EQ(r.err.rfind("tpx: EMERGENCY:", 0), 0u) << r.err;
}

TEST(Cli, ListRedFlagsShowsUrgency) {
  Result r = tpx({"list", "red-flags"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("heart-attack\tPossible heart attack or angina\temergency\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\tsoon\n"), std::string::npos);
  EXPECT_NE(r.out.find("pregnancy\tPregnancy\tcaution\n"), std::string::npos);
  std::string json_lines = tpx({"list", "red-flags", "--format", "json"}).out;
  auto first = nlohmann::json::parse(json_lines.substr(0, json_lines.find('\n')));
  EXPECT_TRUE(first.contains("urgency"));
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

TEST(Cli, AreaListsPrimaryReferrersFirst) {
  Result r = tpx({"area", "web of the thumb", "--format", "json"});
  EXPECT_EQ(r.code, 0);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["referrers"].size(), 3u);
  EXPECT_EQ(j["resolved"][0]["term"], "web-of-thumb");
  bool seen_spillover = false;
  for (const auto& x : j["referrers"]) {
    if (x["weight"] == "spillover")
      seen_spillover = true;
    else
      EXPECT_FALSE(seen_spillover) << "a primary referrer after a spillover one";
  }
  Result text = tpx({"area", "tailbone"});
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("Main pain zone (primary):"), std::string::npos);
  EXPECT_EQ(tpx({"area", "xyzzy"}).code, 1);
}

TEST(Cli, CauseNamesTheMusclesItOverloadsWithAdvice) {
  Result r = tpx({"cause", "looking down at my phone", "--format", "json"});
  EXPECT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j["causes"].empty());
  EXPECT_EQ(j["causes"][0]["id"], "phone-looking-down");
  EXPECT_FALSE(j["causes"][0]["advice"].get<std::string>().empty());
  auto muscles = j["causes"][0]["muscles"];
  EXPECT_NE(std::find(muscles.begin(), muscles.end(), "levator-scapulae"), muscles.end()) << muscles.dump();
  EXPECT_EQ(tpx({"cause", "xyzzy"}).code, 1);
}

TEST(Cli, ProtocolPrintsNumberedStepsOrSuggests) {
  Result r = tpx({"protocol", "Ball against a wall"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("  1. "), std::string::npos);
  EXPECT_NE(r.out.find("Dose:"), std::string::npos);
  Result bad = tpx({"protocol", "ball-agianst-wall"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("did you mean: ball-against-wall"), std::string::npos) << bad.err;
}

TEST(Cli, CheckReportsProblemsWithPositions) {
  Result broken = tpx({"check", data("kb-broken")});
  EXPECT_EQ(broken.code, 2);
  EXPECT_NE(broken.out.find("kb-broken/muscles/trapezius.yaml:11:17: error: unknown area 'tempel'"), std::string::npos)
      << broken.out;
  Result clean = tpx({"check", data("kb-small")});
  EXPECT_EQ(clean.code, 0) << clean.out;
  EXPECT_NE(clean.err.find("0 errors"), std::string::npos);
  Result lint = tpx({"check", data("kb-lint")});
  EXPECT_EQ(lint.code, 0);
  EXPECT_NE(lint.out.find("warning: no muscle uses protocol 'foam-roller'"), std::string::npos);
}

TEST(Cli, TwentyConcurrentFirstQueriesAgreeAndLeaveOneImage) {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("tpx-cli-concurrent-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  fs::copy(data("kb-small"), root / "kb", fs::copy_options::recursive);
  // A KB changed less than 100 ms ago is answered but not cached (the racy rule, cache.h).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string cache_env = "XDG_CACHE_HOME=" + (root / "cache").string();
  const std::vector<std::string> args = {"where", "temple", "--kb", (root / "kb").string(), "--format", "json"};
  Result uncached =
      tpx({"where", "temple", "--kb", (root / "kb").string(), "--format", "json", "--no-cache"}, "", {cache_env});
  ASSERT_EQ(uncached.code, 0) << uncached.err;
  ASSERT_FALSE(fs::exists(root / "cache" / "tpx"));  // --no-cache writes nothing

  std::vector<Result> results(20);
  std::vector<std::thread> runs;
  for (Result& r : results) runs.emplace_back([&] { r = tpx(args, "", {cache_env}); });
  for (std::thread& t : runs) t.join();
  for (const Result& r : results) {
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, uncached.out);
  }
  std::size_t images = 0, leftovers = 0;
  for (const auto& e : fs::directory_iterator(root / "cache" / "tpx")) {
    (e.path().extension() == ".tpxi" ? images : leftovers)++;
  }
  EXPECT_EQ(images, 1u);
  EXPECT_EQ(leftovers, 0u);  // no half-written temporary files left behind
  EXPECT_EQ(tpx(args, "", {cache_env}).out, uncached.out);
  fs::remove_all(root);
}

}  // namespace

namespace {

using tpx_test::Result;
using tpx_test::tpx;

// Issue 11's "done when", as a user runs it.
TEST(CliEveryday, ConditionsListAndExplainWithTheNote) {
  Result list = tpx({"list", "conditions"});
  EXPECT_EQ(list.code, 0) << list.err;
  EXPECT_NE(list.out.find("migraine\tMigraine\n"), std::string::npos);
  EXPECT_NE(list.out.find("toothache\tToothache\n"), std::string::npos);
  for (const char* q : {"migraine", "toothache"}) {
    Result r = tpx({"where", q});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("a name is not a diagnosis: these muscles can cause similar pain"), std::string::npos) << q;
    EXPECT_NE(r.out.find("Sources: Travell & Simons"), std::string::npos) << q;
    EXPECT_NE(r.out.find("1. "), std::string::npos) << q;
  }
}

TEST(CliEveryday, JsonResolvedKindConditionCarriesNoteCaveatAndSources) {
  Result r = tpx({"where", "carpal tunnel", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  const auto& t = j["resolved"][0];
  EXPECT_EQ(t["kind"], "condition");
  EXPECT_EQ(t["term"], "carpal-tunnel");
  EXPECT_EQ(t["note"], "a name is not a diagnosis: these muscles can cause similar pain");
  EXPECT_NE(t["caveat"].get<std::string>().find("median nerve"), std::string::npos);
  EXPECT_FALSE(t["sources"].empty());
  EXPECT_FALSE(t["why"].get<std::string>().empty());
  EXPECT_EQ(j["matches"][0]["explains"][0]["weight"], "condition");
}

TEST(CliEveryday, GoutIsNotCorrectedToAnything) {
  Result r = tpx({"where", "gout"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.find("read \"gout\""), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("did you mean"), std::string::npos) << r.err;
}

std::vector<std::string> top_ids(const std::vector<std::string>& phrases, int n) {
  std::vector<std::string> args = {"where", "--format", "ids", "--top", std::to_string(n)};
  args.insert(args.end(), phrases.begin(), phrases.end());
  Result r = tpx(args);
  std::vector<std::string> ids;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) ids.push_back(line);
  return ids;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(CliEveryday, DoneWhenRankings) {
  auto back = top_ids({"low back pain"}, 3);
  EXPECT_TRUE(has(back, "quadratus-lumborum") && has(back, "iliopsoas")) << testing::PrintToString(back);
  auto teeth = top_ids({"my lower back teeth ache"}, 5);
  EXPECT_TRUE(has(teeth, "masseter")) << testing::PrintToString(teeth);
  EXPECT_FALSE(has(teeth, "quadratus-lumborum") || has(teeth, "iliopsoas")) << testing::PrintToString(teeth);
  auto knee = top_ids({"it hurts to kneel and I cannot bend my knee all the way"}, 3);
  EXPECT_TRUE(has(knee, "rectus-femoris") || has(knee, "vastus-intermedius")) << testing::PrintToString(knee);
  for (const std::string& id : knee) EXPECT_TRUE(id == "rectus-femoris" || id.rfind("vastus-", 0) == 0) << id;
}

std::size_t line_count(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST(CliNames, SeveralMusclesOneJsonObjectEachAndFromStdin) {
  Result r = tpx({"muscle", "trapezius", "levator-scapulae", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(line_count(r.out), 2u);
  std::istringstream lines(r.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(nlohmann::json::parse(first)["id"], "trapezius");
  EXPECT_EQ(nlohmann::json::parse(second)["id"], "levator-scapulae");
  Result piped = tpx({"muscle", "-", "--format", "ids"}, "SCM\ntraps\n");
  EXPECT_EQ(piped.out, "sternocleidomastoid\ntrapezius\n") << piped.err;
  Result unknown = tpx({"muscle", "trapezius", "levator-scapulee"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_TRUE(unknown.out.empty()) << "no card when one name is unknown";
  EXPECT_NE(unknown.err.find("did you mean: levator-scapulae"), std::string::npos) << unknown.err;
  Result area = tpx({"area", "-", "--format", "ids"}, "web of the thumb\n");
  EXPECT_EQ(area.code, 0) << area.err;
  Result cause = tpx({"cause", "-", "--format", "ids"}, "looking down at my phone\n");
  EXPECT_EQ(cause.code, 0) << cause.err;
}

// Each mistake: exit 2, one line in tpx's words, saying what to do.
TEST(CliErrors, SayWhatToDoInOneLine) {
  struct Case {
    std::vector<std::string> args;
    std::string expect;
  };
  const std::vector<Case> cases = {
      {{"cache", "clean"}, "unknown cache command 'clean'; did you mean 'clear'?"},
      {{"cache"}, "tpx cache needs one of: path, clear"},
      {{"where", "temple", "--top", "abc"}, "--top needs a whole number (0 or more), not 'abc'"},
      {{"where", "--frmat", "json", "temple"}, "unknown option '--frmat' for tpx where; did you mean '--format'?"},
      {{"--format", "json", "where", "temple"}, "put --format after the command: tpx where --format json ..."},
      {{"wher", "temple"}, "unknown command 'wher'; did you mean 'where'?"},
      {{"where", "temple", "--header"}, "--header applies to TSV output only"},
      {{"where", "temple", "--explain", "--format", "json"}, "--explain applies to text output only"},
      {{"muscle", "trapezius", "--width", "60", "--format", "json"}, "--width applies to text output only"},
      {{"where", "temple", "--no-cache"}, "--no-cache applies only with --kb"},
  };
  for (const Case& c : cases) {
    Result r = tpx(c.args);
    EXPECT_EQ(r.code, 2) << c.expect;
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("tpx: error: " + c.expect), std::string::npos) << r.err;
  }
}

TEST(CliErrors, BareTpxPrintsAShortUsageAndHelpTakesACommand) {
  Result bare = tpx({});
  EXPECT_EQ(bare.code, 2);
  EXPECT_NE(bare.err.find("usage: tpx"), std::string::npos) << bare.err;
  EXPECT_LE(line_count(bare.err), 8u);
  Result help = tpx({"help", "where"});
  EXPECT_EQ(help.code, 0) << help.err;
  EXPECT_EQ(help.out, tpx({"where", "--help"}).out);
  // Each command's help has its own examples, not where's everywhere.
  Result muscle = tpx({"muscle", "--help"});
  EXPECT_NE(muscle.out.find("tpx muscle SCM traps --format json"), std::string::npos) << muscle.out;
  EXPECT_EQ(muscle.out.find("tpx where heel"), std::string::npos) << muscle.out;
  EXPECT_NE(muscle.out.find("--kb DIR"), std::string::npos) << "the global options that apply";
  EXPECT_EQ(tpx({"help", "wher"}).code, 2);
  // A command with commands of its own prints its help too, not "needs one of".
  for (const char* flag : {"--help", "-h"}) {
    Result cache = tpx({"cache", flag});
    EXPECT_EQ(cache.code, 0) << cache.err;
    EXPECT_NE(cache.out.find("tpx cache clear"), std::string::npos) << cache.out;
  }
}

// The commands a --help text lists under "Subcommands:" ("  name  what it does").
std::vector<std::string> subcommands_in(const std::string& help) {
  std::vector<std::string> names;
  bool in = false;
  for (const std::string& line : lines_of(help)) {
    if (line == "Subcommands:") {
      in = true;
    } else if (in && line.empty()) {
      break;
    } else if (in && line.size() > 2 && line.compare(0, 2, "  ") == 0 && line[2] != ' ') {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  return names;
}

// Bare tpx, tpx --help and every command's --help, its commands' too (found
// in the help, so a new command is covered), fit 80 columns.
TEST(CliHelp, EveryLineFitsEightyColumns) {
  std::vector<std::pair<std::string, std::string>> texts = {{"tpx", tpx({}).err}};
  std::vector<std::vector<std::string>> todo = {{}};
  while (!todo.empty()) {
    std::vector<std::string> args = todo.back();
    todo.pop_back();
    std::string line = "tpx";
    for (const std::string& a : args) line += " " + a;
    Result help = tpx([&] {
      std::vector<std::string> with = args;
      with.push_back("--help");
      return with;
    }());
    ASSERT_EQ(help.code, 0) << line << " --help: " << help.err;
    texts.push_back({line + " --help", help.out});
    for (const std::string& sub : subcommands_in(help.out)) {
      std::vector<std::string> deeper = args;
      deeper.push_back(sub);
      todo.push_back(deeper);
    }
  }
  EXPECT_GE(texts.size(), 16u) << "bare tpx, tpx --help, 12 commands, cache path and cache clear";
  for (const auto& [what, text] : texts) {
    EXPECT_FALSE(text.empty()) << what;
    for (const std::string& line : lines_of(text)) EXPECT_LE(columns(line), 80u) << what << ": " << line;
  }
}

// The part of `text` from the line holding `from` to the next line holding
// `to` (not included).
std::string part(const std::string& text, const std::string& from, const std::string& to) {
  std::size_t start = text.find(from);
  if (start == std::string::npos) return "";
  start = text.rfind('\n', start) + 1;
  std::size_t end = text.find(to, text.find('\n', start));
  return text.substr(start, end == std::string::npos ? std::string::npos : text.rfind('\n', end) - start);
}

// tpx list refuses --width, its lines are never wrapped: neither its help,
// nor the man page, nor a completion script offers it, as they do for where.
TEST(CliHelp, ListDoesNotOfferTheWidthItRefuses) {
  Result refused = tpx({"list", "regions", "--width", "80"});
  EXPECT_EQ(refused.code, 2);
  EXPECT_NE(refused.err.find("--width does not apply to tpx list"), std::string::npos) << refused.err;
  EXPECT_EQ(tpx({"list", "--wdth", "80"}).err.find("'--width'"), std::string::npos) << "suggested";

  const std::string list_help = tpx({"list", "--help"}).out;
  EXPECT_NE(list_help.find("--header"), std::string::npos) << list_help;
  EXPECT_EQ(list_help.find("--width"), std::string::npos) << list_help;
  EXPECT_NE(tpx({"where", "--help"}).out.find("--width"), std::string::npos);

  const std::string man = tpx({"man"}).out;
  const std::string man_list = part(man, ".SS \"\\fBtpx list", "\n.S"),
                    man_where = part(man, ".SS \"\\fBtpx where", "\n.S");
  EXPECT_NE(man_list.find("\\-\\-header"), std::string::npos) << man_list;
  EXPECT_EQ(man_list.find("\\-\\-width"), std::string::npos) << man_list;
  EXPECT_NE(man_where.find("\\-\\-width"), std::string::npos) << man_where;

  const std::string bash = tpx({"completion", "bash"}).out;
  const std::string bash_list = part(bash, "['tpx list']=", "\n"), bash_where = part(bash, "['tpx where']=", "\n");
  EXPECT_NE(bash_list.find("--header"), std::string::npos) << bash_list;
  EXPECT_EQ(bash_list.find("--width"), std::string::npos) << bash_list;
  EXPECT_EQ(bash.find("['tpx list|--width']"), std::string::npos);
  EXPECT_NE(bash_where.find("--width"), std::string::npos) << bash_where;

  const std::string zsh = tpx({"completion", "zsh"}).out;
  const std::string zsh_list = part(zsh, "_tpx_cmd_list() {", "}"), zsh_where = part(zsh, "_tpx_cmd_where() {", "}");
  EXPECT_NE(zsh_list.find("--header"), std::string::npos) << zsh_list;
  EXPECT_EQ(zsh_list.find("--width"), std::string::npos) << zsh_list;
  EXPECT_NE(zsh_where.find("--width"), std::string::npos) << zsh_where;

  const std::string fish = tpx({"completion", "fish"}).out;
  EXPECT_EQ(fish.find("'tpx list|--width'"), std::string::npos);
  EXPECT_NE(fish.find("'tpx where|--width'"), std::string::npos);
  std::size_t list_options = 0;
  for (const std::string& line : lines_of(fish)) {
    if (line.find("\\'tpx list\\'") == std::string::npos || line.find(" -l '") == std::string::npos) continue;
    ++list_options;
    EXPECT_EQ(line.find("-l 'width'"), std::string::npos) << line;
  }
  EXPECT_GE(list_options, 2u) << fish;
}

// Options that change nothing for the command and format given are refused
// (exit 2, one line saying why); the same options where they do something,
// and TPX_KB from the environment for every command, still work.
class CliRefusals : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    namespace fs = std::filesystem;
    dir_ = fs::temp_directory_path() / ("tpx-cli-refusals-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    ASSERT_EQ(tpx({"compile", data("kb-small"), "-o", file()}).code, 0);
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  static std::string small() { return data("kb-small"); }
  static std::string file() { return (dir_ / "small.tpxi").string(); }
  static std::string out() { return (dir_ / "out.tpxi").string(); }
  static std::string env_kb() { return "TPX_KB=" + small(); }

  struct Case {
    std::vector<std::string> args;
    std::string expect;  // refused: the start of the message
    std::vector<std::string> env = {};
    std::string input = "";
  };

  static inline std::filesystem::path dir_;
};

TEST_F(CliRefusals, OptionsThatChangeNothingAreRefused) {
  const std::vector<Case> cases = {
      // --kb on the command line, where no KB is read or DIR is given.
      {{"compile", small(), "-o", out(), "--kb", small()}, "--kb does not apply to tpx compile"},
      {{"--kb", small(), "check", small()}, "--kb does not apply to tpx check DIR"},
      {{"--kb", small(), "cache", "path"}, "--kb does not apply to tpx cache path"},
      {{"cache", "clear", "--kb", small()}, "--kb does not apply to tpx cache clear", {env_kb()}},
      {{"--kb", small(), "man"}, "--kb does not apply to tpx man"},
      {{"--kb", small(), "completion", "bash"}, "--kb does not apply to tpx completion"},
      // --no-cache where nothing is cached, even with a KB directory.
      {{"--kb", small(), "--no-cache", "check"}, "--no-cache does not apply to tpx check"},
      {{"--no-cache", "compile", small(), "-o", out()}, "--no-cache does not apply to tpx compile", {env_kb()}},
      {{"--no-cache", "cache", "path"}, "--no-cache does not apply to tpx cache path", {env_kb()}},
      {{"--no-cache", "cache", "clear"}, "--no-cache does not apply to tpx cache clear", {env_kb()}},
      {{"--no-cache", "man"}, "--no-cache does not apply to tpx man", {env_kb()}},
      {{"completion", "zsh", "--no-cache"}, "--no-cache does not apply to tpx completion", {env_kb()}},
      {{"--kb", file(), "--no-cache", "list", "muscles"}, "--no-cache applies only to a KB directory"},
      {{"--no-cache", "where", "temple"}, "--no-cache applies only to a KB directory", {"TPX_KB=" + file()}},
      // --map and --no-map where no terminal map is drawn.
      {{"where", "temple", "--no-map", "--format", "json"}, "--no-map applies to text output only"},
      {{"area", "temple", "--no-map", "--format", "tsv"}, "--no-map applies to text output only"},
      {{"muscle", "trapezius", "--no-map", "--format", "ids"}, "--no-map applies to text output only"},
      {{"where", "temple", "--no-map", "--format", "svg"}, "--no-map contradicts --format svg"},
      {{"muscle", "trapezius", "--no-map", "--format", "html"}, "--no-map contradicts --format html"},
      {{"where", "--each", "--map"}, "--map does not apply to --each", {}, "temple\n"},
      {{"where", "--each", "--no-map", "--format", "json"}, "--no-map does not apply to --each", {}, "temple\n"},
      {{"muscle", "trapezius", "levator-scapulae", "--map"}, "--map draws one muscle's map, not 2"},
      // Text options with the picture formats, --top with the one-match map.
      {{"where", "temple", "--explain", "--format", "svg"}, "--explain applies to text output only"},
      {{"area", "temple", "--width", "60", "--format", "html"}, "--width applies to text output only"},
      {{"where", "temple", "--top", "3", "--format", "svg"}, "--top does not apply to --format svg"},
  };
  for (const Case& c : cases) {
    Result r = tpx(c.args, c.input, c.env);
    EXPECT_EQ(r.code, 2) << c.expect;
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
    EXPECT_EQ(r.err.rfind("tpx: error: " + c.expect, 0), 0u) << c.expect << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << c.expect << "\n" << r.out;
  }
  EXPECT_FALSE(std::filesystem::exists(out())) << "a refused compile writes nothing";
}

TEST_F(CliRefusals, OptionsThatChangeSomethingStillWork) {
  const std::vector<Case> cases = {
      // TPX_KB alone is never refused: it is set once for every command.
      {{"check"}, "", {env_kb()}},
      {{"compile", small(), "-o", out()}, "", {env_kb()}},
      {{"cache", "path"}, "", {env_kb()}},
      {{"man"}, "", {env_kb()}},
      {{"completion", "bash"}, "", {env_kb()}},
      {{"--no-cache", "list", "muscles"}, "", {env_kb()}},
      // --kb names the KB tpx check checks when DIR is not given.
      {{"--kb", small(), "check"}},
      {{"--kb", small(), "--no-cache", "where", "temple"}},
      {{"--kb", file(), "list", "muscles"}},
      // --color is taken everywhere, coloured or not, so an alias can always pass it.
      {{"--color", "never", "check", small()}},
      {{"--color", "always", "list", "muscles"}},
      {{"--color=never", "cache", "path"}},
      {{"--color", "never", "man"}},
      {{"muscle", "trapezius", "--format", "json", "--color", "never"}},
      {{"protocol", "ball-against-wall", "--format", "tsv", "--color", "always"}},
      // --color colours the notices on stderr of where, area and cause in every format.
      {{"--color", "never", "where", "temple", "--format", "json"}},
      {{"--color", "always", "area", "temple", "--format", "svg"}},
      {{"--color", "never", "cause", "looking down at my phone", "--format", "ids"}},
      {{"--color", "never", "muscle", "trapezius"}},
      {{"--color", "always", "protocol", "ball-against-wall"}},
      // --map and --no-map with text; --no-map with several cards (names may come from stdin).
      {{"where", "temple", "--no-map"}},
      {{"where", "temple", "--map", "--color", "never"}},
      {{"muscle", "trapezius", "--map"}},
      {{"muscle", "trapezius", "levator-scapulae", "--no-map"}},
      {{"where", "temple", "--top", "3", "--format", "html"}},
      {{"where", "--each", "--format", "tsv", "--header", "--top", "2"}, "", {}, "temple\n"},
      {{"where", "--each", "--explain", "--width", "60"}, "", {}, "temple\n"},
      // Help prints whatever else is given.
      {{"--kb", small(), "--color", "never", "help", "compile"}},
  };
  for (const Case& c : cases) {
    std::string line;
    for (const std::string& a : c.args) line += " " + a;
    Result r = tpx(c.args, c.input, c.env);
    EXPECT_EQ(r.code, 0) << line << "\n" << r.err;
    EXPECT_EQ(r.err.find("tpx: error:"), std::string::npos) << line << "\n" << r.err;
    EXPECT_FALSE(r.out.empty() && r.err.empty()) << line << ": it did something";
  }
}

// Completions do not offer the program's options a command always refuses.
TEST_F(CliRefusals, CompletionsLeaveOutTheOptionsACommandRefuses) {
  const std::string bash = tpx({"completion", "bash"}).out;
  auto offered = [&](const std::string& cmd) {
    const std::string key = "['tpx " + cmd + "']='";
    const std::size_t start = bash.find(key) + key.size();
    return bash.find(key) == std::string::npos ? "" : bash.substr(start, bash.find('\'', start) - start) + " ";
  };
  for (const char* cmd : {"compile", "cache path", "cache clear", "man", "completion"}) {
    for (const char* opt : {"--kb ", "--no-cache "}) {
      EXPECT_EQ(offered(cmd).find(opt), std::string::npos) << cmd << ": " << offered(cmd);
    }
  }
  EXPECT_NE(offered("check").find("--kb "), std::string::npos) << offered("check");
  EXPECT_EQ(offered("check").find("--no-cache "), std::string::npos) << offered("check");
  EXPECT_NE(offered("list").find("--color "), std::string::npos) << offered("list");
  EXPECT_NE(offered("list").find("--no-cache "), std::string::npos) << offered("list");
  EXPECT_NE(offered("where").find("--color "), std::string::npos) << offered("where");
  // What a command's completions leave out, the command refuses.
  const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
      {"compile", {"compile", small(), "-o", out()}},
      {"cache path", {"cache", "path"}},
      {"cache clear", {"cache", "clear"}},
      {"man", {"man"}},
      {"completion", {"completion", "fish"}},
      {"check", {"check", small()}},
      {"list", {"list", "muscles"}}};
  const std::vector<std::vector<std::string>> globals = {{"--kb", small()}, {"--no-cache"}};
  for (const auto& [cmd, args] : commands) {
    for (const std::vector<std::string>& global : globals) {
      if (offered(cmd).find(global[0] + " ") != std::string::npos) continue;
      std::vector<std::string> with = args;
      with.insert(with.end(), global.begin(), global.end());
      Result r = tpx(with, "", {env_kb()});
      EXPECT_EQ(r.code, 2) << cmd << " " << global[0];
      EXPECT_NE(r.err.find("tpx: error: " + global[0] + " does not apply to tpx " + cmd), std::string::npos) << r.err;
    }
  }
}

TEST(CliTsv, HeaderEverywhereTsvIsPrinted) {
  for (const std::vector<std::string>& cmd : std::vector<std::vector<std::string>>{{"where", "temple"},
                                                                                   {"muscle", "trapezius"},
                                                                                   {"area", "temple"},
                                                                                   {"cause", "desk work"},
                                                                                   {"protocol", "ball-against-wall"},
                                                                                   {"list", "regions"}}) {
    std::vector<std::string> with = cmd, without = cmd;
    with.insert(with.end(), {"--format", "tsv", "--header"});
    without.insert(without.end(), {"--format", "tsv"});
    Result h = tpx(with), plain = tpx(without);
    EXPECT_EQ(h.code, 0) << cmd[0] << h.err;
    EXPECT_EQ(line_count(h.out), line_count(plain.out) + 1) << cmd[0];
    EXPECT_EQ(h.out.substr(h.out.find('\n') + 1), plain.out) << cmd[0];
  }
}

}  // namespace
