#include "tpx/resolve.h"

#include <gtest/gtest.h>

#include "test_kb.h"

namespace tpx {
namespace {

using image::TermKind;

std::vector<std::string> ids(const Kb& kb, const Resolution& r) {
  std::vector<std::string> out;
  for (const ResolvedTerm& t : r.terms) out.emplace_back(term_id(kb, t.kind, t.target));
  return out;
}

TEST(Resolve, ExactAliasesAndIds) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, {"Temple", "top of my shoulder", "front-of-shoulder"});
  EXPECT_EQ(ids(kb, r), (std::vector<std::string>{"temple", "top-of-shoulder", "front-of-shoulder"}));
  EXPECT_TRUE(r.unmatched.empty());
  EXPECT_TRUE(r.corrections.empty());
}

TEST(Resolve, OneSentenceCanNameSeveralTerms) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, {"burning pain behind my eyes and a crick in my neck, worse at my desk"});
  EXPECT_EQ(ids(kb, r), (std::vector<std::string>{"behind-the-eye", "stiff-neck", "desk-work"}));
  ASSERT_EQ(r.descriptors.size(), 1u);
  EXPECT_EQ(r.descriptors[0].word, "burning");
  EXPECT_EQ(r.descriptors[0].kind, "quality");
}

TEST(Resolve, SideWordsAreReportedNotMatched) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, {"left temple"});
  EXPECT_EQ(ids(kb, r), std::vector<std::string>{"temple"});
  ASSERT_EQ(r.descriptors.size(), 1u);
  EXPECT_EQ(r.descriptors[0].kind, "side");
}

TEST(Resolve, CorrectsTyposAndSaysSo) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, {"temle"});
  EXPECT_EQ(ids(kb, r), std::vector<std::string>{"temple"});
  ASSERT_EQ(r.corrections.size(), 1u);
  EXPECT_EQ(r.corrections[0].from, "temle");
  EXPECT_EQ(r.corrections[0].to, "temple");
}

TEST(Resolve, VagueWordsResolveToRegions) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, {"shoulder"});
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(r.terms[0].kind, TermKind::kRegion);
  EXPECT_EQ(term_id(kb, r.terms[0].kind, r.terms[0].target), "shoulder");
}

TEST(Resolve, PartialWordOverlapAsAFallback) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, {"eye"});
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(term_id(kb, r.terms[0].kind, r.terms[0].target), "behind-the-eye");
  EXPECT_EQ(r.terms[0].how, MatchHow::kPartial);
}

TEST(Resolve, UnmatchedPhrasesGetSuggestions) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, {"xyzzy", "tmplx"});
  EXPECT_TRUE(r.terms.empty());
  ASSERT_EQ(r.unmatched.size(), 2u);
  EXPECT_TRUE(r.unmatched[0].suggestions.empty());
  EXPECT_EQ(r.unmatched[1].suggestions, std::vector<std::string>{"Temple"});
}

// How each red flag fires is red_flags_test.cc's subject; here only that
// resolving screens every query and a warning never blocks the answer.
TEST(Resolve, RedFlagsFireOnPhrasesAndNeverBlockAnswers) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, {"numbness in my temple", "pins and needles"});
  ASSERT_EQ(r.red_flags.size(), 1u);  // one warning, however often it fires
  EXPECT_EQ(kb.str(kb.red_flags()[r.red_flags[0].red_flag].id), "numbness-tingling");
  EXPECT_EQ(ids(kb, r), std::vector<std::string>{"temple"});
}

TEST(Resolve, RealKbPlaceNamesMayHoldQualityWords) {
  const Kb& kb = test::real_kb();
  // "deep" is a quality word, but "deep in the knee" is a place of its own.
  Resolution r = resolve(kb, {"a deep ache in my knee"});
  EXPECT_EQ(ids(kb, r), std::vector<std::string>{"deep-in-knee"});
  EXPECT_TRUE(r.descriptors.empty());
  r = resolve(kb, {"can't take a deep breath"});
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(r.terms[0].how, MatchHow::kExact);
  // A side or quality word inside a place name still never blocks it.
  r = resolve(kb, {"sharp pain at the back of my left knee"});
  EXPECT_EQ(ids(kb, r), std::vector<std::string>{"back-of-knee"});
  EXPECT_EQ(r.descriptors.size(), 2u);
}

TEST(Resolve, RealKbRealWordsAreNotCorrectedIntoOtherWords) {
  const Kb& kb = test::real_kb();
  for (const char* phrase : {"fell off a ladder and my hip hurts", "took a tumble and hurt my knee",
                             "groin strain from kicking a football", "knot in my shoulder blade",
                             "under my kneecap hurts when I kneel"}) {
    Resolution r = resolve(kb, {phrase});
    for (const Correction& c : r.corrections) ADD_FAILURE() << phrase << ": read '" << c.from << "' as '" << c.to << "'";
    for (const std::string& id : ids(kb, r)) {
      EXPECT_NE(id, "bladder-area") << phrase;
      EXPECT_NE(id, "temple") << phrase;
    }
  }
  // Typos are still read as the word meant.
  Resolution r = resolve(kb, {"my sholder blade and my forhead"});
  EXPECT_EQ(r.corrections.size(), 2u);
  EXPECT_EQ(ids(kb, r), (std::vector<std::string>{"shoulder-blade", "forehead"}));
}

TEST(Resolve, RealKbVagueFingersAndToesAreRegions) {
  const Kb& kb = test::real_kb();
  Resolution r = resolve(kb, {"tingling in my fingers"});
  EXPECT_EQ(ids(kb, r), std::vector<std::string>{"hand-numbness"});
  r = resolve(kb, {"my toes hurt"});
  EXPECT_EQ(ids(kb, r), std::vector<std::string>{"toes"});
  EXPECT_EQ(r.terms[0].kind, TermKind::kRegion);
}

}  // namespace
}  // namespace tpx
