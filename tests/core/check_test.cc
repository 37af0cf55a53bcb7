#include "tpx/check.h"

#include <gtest/gtest.h>

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

TEST(Check, SmallKbWarnsAboutWhatNothingUses) {
  std::string dir = test::data_dir() + "/kb-small";
  // The fixture's muscles all reach the top 5; every area is referred to.
  EXPECT_EQ(lint_dir(dir), std::vector<std::string>{});
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
