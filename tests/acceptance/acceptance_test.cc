// Quality as a number: the acceptance table (tests/acceptance/cases.tsv) run
// against the real KB. Prints recall@1, recall@3 and mean reciprocal rank per
// group and combined, and fails below the targets in docs/ranking.md.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "../core/test_kb.h"
#include "../table.h"
#include "tpx/rank.h"

namespace tpx {
namespace {

struct Case {
  std::string group;
  std::vector<std::string> phrases;
  std::vector<std::string> expected;
  std::string source;
  int line;
};

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  for (auto& [cols, line] : test::read_table(std::string(TPX_ACCEPTANCE_DIR) + "/cases.tsv", 4))
    cases.push_back({cols[0], test::split(cols[1], " | "), test::split(cols[2], ","), cols[3], line});
  return cases;
}

struct Tally {
  int n = 0, at1 = 0, at3 = 0;
  double rr = 0;
  void add(std::size_t rank) {  // 1-based rank of the first expected muscle; 0 = not found
    ++n;
    at1 += rank == 1;
    at3 += rank >= 1 && rank <= 3;
    rr += rank ? 1.0 / static_cast<double>(rank) : 0;
  }
  double recall1() const { return n ? 100.0 * at1 / n : 0; }
  double recall3() const { return n ? 100.0 * at3 / n : 0; }
  double mrr() const { return n ? rr / n : 0; }
};

TEST(Acceptance, QualityMeetsTargets) {
  const Kb& kb = test::real_kb();
  std::vector<Case> cases = load_cases();
  std::map<std::string, Tally> groups;
  Tally all;
  std::ostringstream misses;
  for (const Case& c : cases) {
    for (const std::string& id : c.expected) {
      bool known = false;
      for (const auto& m : kb.muscles()) known = known || kb.str(m.id) == id;
      EXPECT_TRUE(known) << "cases.tsv:" << c.line << ": unknown muscle id '" << id << "'";
    }
    Ranking r = rank(kb, resolve(kb, c.phrases), 0);
    std::size_t found = 0;
    for (std::size_t i = 0; i < r.matches.size() && !found; ++i) {
      std::string_view id = kb.str(kb.muscles()[r.matches[i].muscle].id);
      for (const std::string& want : c.expected) found = want == id ? i + 1 : found;
    }
    groups[c.group].add(found);
    all.add(found);
    if (found == 0 || found > 3) {
      misses << "  cases.tsv:" << c.line << " [" << c.group << "] " << testing::PrintToString(c.phrases) << " expected "
             << testing::PrintToString(c.expected) << ", rank " << (found ? std::to_string(found) : "-") << "\n";
    }
  }
  std::printf("acceptance: %-10s %4s %9s %9s %6s\n", "group", "n", "recall@1", "recall@3", "MRR");
  for (const auto& [name, t] : groups) {
    std::printf("acceptance: %-10s %4d %8.1f%% %8.1f%% %6.3f\n", name.c_str(), t.n, t.recall1(), t.recall3(), t.mrr());
  }
  std::printf("acceptance: %-10s %4d %8.1f%% %8.1f%% %6.3f\n", "combined", all.n, all.recall1(), all.recall3(),
              all.mrr());
  std::printf("acceptance: cases outside the top 3:\n%s", misses.str().c_str());
  EXPECT_GE(groups["reference"].n, 60);
  EXPECT_GE(groups["everyday"].n, 250);
  EXPECT_GE(groups["reference"].recall3(), 95.0);
  EXPECT_GE(all.recall3(), 97.0);
  EXPECT_GE(all.recall1(), 85.0);
}

}  // namespace
}  // namespace tpx
