#include "tpx/check.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_kb.h"

namespace tpx {
namespace {

std::vector<std::string> lint_dir(const std::string& dir) {
  LoadResult r = load_directory(dir);
  EXPECT_TRUE(r.ok());
  std::vector<std::string> out;
  for (const Diagnostic& d : lint(r.model, compile_kb(r.model))) out.push_back(format_diagnostic(d));
  return out;
}

TEST(Check, SmallKbHasNothingToWarnAbout) {
  std::string dir = test::data_dir() + "/kb-small";
  // The fixture's muscles all reach the top 5; every area is referred to.
  EXPECT_EQ(lint_dir(dir), std::vector<std::string>{});
}

TEST(Check, AMuscleNoSingleQueryRanksInTheTopFiveIsReported) {
  // Five more muscles with temporalis' exact pattern: for "temple" and for
  // "behind the eye" six muscles tie, and ties break by id, so the one whose
  // id sorts last can never be in the top 5 of any one-term query.
  Model m = test::load_model(test::data_dir() + "/kb-small");
  const Muscle temporalis =
      *std::find_if(m.muscles.begin(), m.muscles.end(), [](const Muscle& mu) { return mu.id.value == "temporalis"; });
  for (const char* id : {"temporalis-b", "temporalis-c", "temporalis-d", "temporalis-e", "temporalis-f"}) {
    Muscle copy = temporalis;
    copy.id.value = id;
    m.muscles.push_back(copy);
  }
  std::vector<std::string> unreachable;
  for (const Diagnostic& d : lint(m, compile_kb(m))) {
    if (d.message.find("no query can reach it") != std::string::npos) unreachable.push_back(d.message);
  }
  ASSERT_EQ(unreachable.size(), 1u);
  EXPECT_EQ(unreachable[0],
            "muscle 'temporalis-f' is never in the top 5 for any single area or symptom; no query can reach it");
}

TEST(Check, UnusedVocabularyIsReported) {
  std::string dir = test::data_dir() + "/kb-lint";
  EXPECT_EQ(lint_dir(dir), (std::vector<std::string>{
                               dir + "/areas.yaml:5:7: warning: no muscle refers pain to area 'heel'",
                               dir + "/symptoms.yaml:1:7: warning: no muscle causes symptom 'stiff-neck'",
                               dir + "/causes.yaml:1:7: warning: no muscle lists cause 'desk-work'",
                               dir + "/protocols.yaml:5:7: warning: no muscle uses protocol 'foam-roller'",
                           }));
}

}  // namespace
}  // namespace tpx
