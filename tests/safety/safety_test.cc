// Safety as a number: the safety table (tests/safety/cases.tsv) run against
// the real KB through the same resolve() every query uses. Prints, per flag
// and overall, how many must-warn cases warn with the right flag and how many
// must-not cases stay quiet, and fails below the targets in docs/safety.md:
// every must-warn case (100%), at least 98% of must-not cases.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <map>
#include <set>
#include <sstream>

#include "../core/test_kb.h"
#include "../table.h"
#include "tpx/resolve.h"

namespace tpx {
namespace {

struct Case {
  bool warn;
  std::string flag;
  std::vector<std::string> phrases;
  std::string wording;
  int line;
};

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  for (auto& [cols, line] : test::read_table(std::string(TPX_SAFETY_DIR) + "/cases.tsv", 4)) {
    EXPECT_TRUE(cols[0] == "warn" || cols[0] == "quiet") << "cases.tsv:" << line << ": expect is warn or quiet";
    cases.push_back({cols[0] == "warn", cols[1], test::split(cols[2], " | "), cols[3], line});
  }
  return cases;
}

// The warnings a query raises: red flags, not cautions (a caution is a note).
std::vector<std::string> warnings(const Kb& kb, const std::vector<std::string>& phrases) {
  std::vector<std::string> ids;
  for (const RedFlagHit& h : resolve(kb, phrases).red_flags) {
    const auto& f = kb.red_flags()[h.red_flag];
    if (f.urgency != image::Urgency::kCaution) ids.emplace_back(kb.str(f.id));
  }
  return ids;
}

std::string joined(const std::vector<std::string>& v) {
  return v.empty() ? "nothing" : fmt::format("{}", fmt::join(v, ", "));
}

TEST(Safety, TableMeetsTargets) {
  const Kb& kb = test::real_kb();
  const std::vector<Case> cases = load_cases();
  std::map<std::string, std::pair<int, int>> per_flag;  // flag -> (passed, cases)
  int warn_n = 0, warn_ok = 0, quiet_n = 0, quiet_ok = 0;
  std::ostringstream misses;
  for (const Case& c : cases) {
    const std::vector<std::string> got = warnings(kb, c.phrases);
    const std::string query = fmt::format("\"{}\"", fmt::join(c.phrases, "\" \""));
    if (c.warn) {
      bool known = false;
      for (const auto& f : kb.red_flags()) known = known || kb.str(f.id) == c.flag;
      EXPECT_TRUE(known) << "cases.tsv:" << c.line << ": unknown red flag '" << c.flag << "'";
      const bool ok = std::find(got.begin(), got.end(), c.flag) != got.end();
      ++warn_n;
      warn_ok += ok;
      auto& [passed, total] = per_flag[c.flag];
      passed += ok;
      ++total;
      if (!ok) misses << fmt::format("  MISSED  cases.tsv:{} {} -> {} (want {})\n", c.line, query, joined(got), c.flag);
    } else {
      const bool ok = got.empty();
      ++quiet_n;
      quiet_ok += ok;
      if (!ok) misses << fmt::format("  ALARM   cases.tsv:{} {} -> {}\n", c.line, query, joined(got));
    }
  }
  const double warn_pct = warn_n ? 100.0 * warn_ok / warn_n : 0, quiet_pct = quiet_n ? 100.0 * quiet_ok / quiet_n : 0;
  std::ostringstream report;
  report << fmt::format("safety table: {} cases\n", cases.size());
  for (const auto& [flag, pt] : per_flag)
    report << fmt::format("  {:<24} {:>3}/{:<3} warn\n", flag, pt.first, pt.second);
  report << fmt::format("  must warn with the right flag: {}/{} = {:.1f}% (target 100%)\n", warn_ok, warn_n, warn_pct);
  report << fmt::format("  must not warn, stayed quiet:   {}/{} = {:.1f}% (target 98%)\n", quiet_ok, quiet_n,
                        quiet_pct);
  std::cout << report.str() << misses.str();

  // The table's own shape: big enough, and every flag in five wordings.
  EXPECT_GE(cases.size(), 250u);
  EXPECT_GE(warn_n, 150);
  EXPECT_GE(quiet_n, 100);
  for (const auto& f : kb.red_flags()) {
    if (f.urgency == image::Urgency::kCaution) continue;
    std::string id(kb.str(f.id));
    EXPECT_GE(per_flag[id].second, 5) << "red flag '" << id << "' needs at least five must-warn wordings";
  }
  EXPECT_EQ(warn_ok, warn_n) << "every must-warn case must warn with the right flag";
  EXPECT_GE(quiet_pct, 98.0) << "at least 98% of must-not cases must stay quiet";
}

}  // namespace
}  // namespace tpx
