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

TEST(Resolve, RedFlagsFireOnPhrasesAndNeverBlockAnswers) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, {"numbness in my temple", "pins and needles"});
  ASSERT_EQ(r.red_flags.size(), 1u);  // one warning, however often it fires
  EXPECT_EQ(kb.str(kb.red_flags()[r.red_flags[0].red_flag].id), "numbness-tingling");
  EXPECT_EQ(ids(kb, r), std::vector<std::string>{"temple"});
}

TEST(Resolve, RealKbChestTriggersTheHeartWarning) {
  const Kb& kb = test::real_kb();
  for (const char* phrase : {"chest", "pain in my breastbone", "chest pain"}) {
    Resolution r = resolve(kb, {phrase});
    bool chest = false;
    for (const RedFlagHit& h : r.red_flags) chest = chest || kb.str(kb.red_flags()[h.red_flag].id) == "chest-pain";
    EXPECT_TRUE(chest) << phrase;
  }
}

TEST(Resolve, RealKbCommonWordsDoNotRaiseFalseAlarms) {
  const Kb& kb = test::real_kb();
  for (const char* phrase : {"can't reach behind my back", "my hand falls asleep at night"}) {
    Resolution r = resolve(kb, {phrase});
    for (const RedFlagHit& h : r.red_flags) {
      EXPECT_NE(kb.str(kb.red_flags()[h.red_flag].id), "recent-trauma") << phrase;
    }
  }
  Resolution r = resolve(kb, {"can't reach behind my back"});
  EXPECT_TRUE(r.red_flags.empty());
}

}  // namespace
}  // namespace tpx
