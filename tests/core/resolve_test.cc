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
  for (const char* phrase :
       {"fell off a ladder and my hip hurts", "took a tumble and hurt my knee", "groin strain from kicking a football",
        "knot in my shoulder blade", "under my kneecap hurts when I kneel"}) {
    Resolution r = resolve(kb, {phrase});
    for (const Correction& c : r.corrections)
      ADD_FAILURE() << phrase << ": read '" << c.from << "' as '" << c.to << "'";
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

namespace tpx {
namespace {

// The terms of one phrase against the real KB, as "kind:id".
std::vector<std::string> everyday_terms(const std::string& phrase, unsigned kinds = kWhereKinds) {
  const Kb& kb = test::real_kb();
  std::vector<std::string> out;
  for (const ResolvedTerm& t : resolve(kb, {phrase}, kinds).terms)
    out.push_back(std::string(term_kind_name(t.kind)) + ":" + std::string(term_id(kb, t.kind, t.target)));
  return out;
}

TEST(ResolveEveryday, TheLongestUnitWinsWhereverItIs) {
  EXPECT_EQ(everyday_terms("my lower back teeth ache"), std::vector<std::string>{"area:lower-teeth"});
  Resolution r = resolve(test::real_kb(), {"my lower back teeth ache"});
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_NE(r.terms[0].why.find("the longest unit, over 'lower back'"), std::string::npos) << r.terms[0].why;
}

TEST(ResolveEveryday, HedgesAndAffixesAreNeverWordsOfTheirOwn) {
  EXPECT_EQ(everyday_terms("migraine-like"), std::vector<std::string>{"condition:migraine"});
  EXPECT_EQ(everyday_terms("sort of a headache-ish thing"), std::vector<std::string>{"symptom:headache"});
  EXPECT_EQ(everyday_terms("like"), std::vector<std::string>{});
  // ...but a name that holds one keeps it.
  EXPECT_EQ(everyday_terms("it feels like heartburn"), std::vector<std::string>{"condition:heartburn-like"});
  // "type" hedges a name, but after "to" it is what hurts to do.
  EXPECT_EQ(everyday_terms("migraine-type pain"), std::vector<std::string>{"condition:migraine"});
  EXPECT_EQ(everyday_terms("it hurts to type"), std::vector<std::string>{"cause:mouse-and-keyboard"});
}

TEST(ResolveEveryday, WhatHurtsToDoIsASymptomInManyWordings) {
  for (const char* p : {"it hurts to kneel", "I can't kneel", "kneeling"})
    EXPECT_EQ(everyday_terms(p), std::vector<std::string>{"symptom:pain-kneeling"}) << p;
  EXPECT_EQ(everyday_terms("I cannot bend my knee all the way"), std::vector<std::string>{"symptom:knee-stiffness"});
  EXPECT_EQ(everyday_terms("hard to comb my hair"), std::vector<std::string>{"symptom:cant-reach-head"});
}

TEST(ResolveEveryday, AnActivityIsNotReadAsAnotherPlaceOrCause) {
  Resolution r = resolve(test::real_kb(), {"hitting golf balls"});
  EXPECT_TRUE(r.terms.empty());
  EXPECT_TRUE(r.corrections.empty());
}

TEST(ResolveEveryday, RealWordsAreNotCorrectedNorSuggestedAway) {
  Resolution r = resolve(test::real_kb(), {"gout"});
  EXPECT_TRUE(r.terms.empty());
  EXPECT_TRUE(r.corrections.empty());
  ASSERT_EQ(r.unmatched.size(), 1u);
  EXPECT_TRUE(r.unmatched[0].suggestions.empty());
}

TEST(ResolveEveryday, ConditionsAndMuscleNicknamesAreTerms) {
  EXPECT_EQ(everyday_terms("carpal tunnel"), std::vector<std::string>{"condition:carpal-tunnel"});
  EXPECT_EQ(everyday_terms("my lats are tight"), std::vector<std::string>{"muscle:latissimus-dorsi"});
  EXPECT_EQ(everyday_terms("tight hammies"), std::vector<std::string>{"area:back-of-thigh"});
}

TEST(ResolveEveryday, AStateSaidAfterThePlaceIsReadAsItsName) {
  EXPECT_EQ(everyday_terms("my fingers are stiff in the morning"),
            (std::vector<std::string>{"symptom:hand-stiffness", "symptom:morning-stiffness"}));
  EXPECT_EQ(everyday_terms("ankles weak"), std::vector<std::string>{"symptom:weak-ankles"});
  EXPECT_EQ(everyday_terms("knee locked"), std::vector<std::string>{"symptom:knee-locking"});
  // Only a word of state moves: two places stay two places.
  EXPECT_EQ(everyday_terms("sore knee, back pain"),
            (std::vector<std::string>{"region:knee", "condition:low-back-pain"}));
}

TEST(ResolveEveryday, AnIngWordIsReadAsItsBaseForm) {
  for (const char* p : {"raising my arm hurts", "hurts to raise my arm"})
    EXPECT_EQ(everyday_terms(p), std::vector<std::string>{"symptom:restricted-arm-raising"}) << p;
  EXPECT_EQ(everyday_terms("pain reaching behind my back"), std::vector<std::string>{"symptom:cant-reach-behind-back"});
  Resolution r = resolve(test::real_kb(), {"raising my arm hurts"});
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_NE(r.terms[0].why.find("'raising arm' read as 'raise arm'"), std::string::npos) << r.terms[0].why;
  // ...and a lone verb as its "-ing" form, when that is the name.
  EXPECT_EQ(everyday_terms("it hurts to run"), std::vector<std::string>{"cause:running"});
  EXPECT_EQ(everyday_terms("sore when I sit"), std::vector<std::string>{"symptom:painful-sitting"});
  // A name written with "-ing" is still matched as typed.
  EXPECT_EQ(everyday_terms("kneeling"), std::vector<std::string>{"symptom:pain-kneeling"});
}

TEST(ResolveEveryday, ARegionSharesItsNameWithACondition) {
  EXPECT_EQ(everyday_terms("low back pain"), std::vector<std::string>{"condition:low-back-pain"});
  EXPECT_EQ(everyday_terms("low back pain", kPlaceKinds), std::vector<std::string>{"region:low-back"});
}

// Each "did you mean" compares a phrase with every name, so a query of a
// thousand unmatched phrases gets one for its first 100 only; every phrase
// is still reported.
TEST(Resolve, OnlyTheFirstHundredUnmatchedPhrasesGetSuggestions) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, std::vector<std::string>(150, "tmplx"));
  ASSERT_EQ(r.unmatched.size(), 150u);
  for (std::size_t i = 0; i < 150; ++i) EXPECT_EQ(r.unmatched[i].suggestions.empty(), i >= 100) << i;
  EXPECT_EQ(r.unmatched[99].suggestions, std::vector<std::string>{"Temple"});
}

}  // namespace
}  // namespace tpx
