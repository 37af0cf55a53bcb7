// Screening a query for red flags. The steps, in order: split each phrase
// into clauses at sentence punctuation and fold them (normalize.h); read
// words said several ways one way (number words, a relative's pronouns,
// "couldn't"), as the catalogue was; read misspelt words as the nearest
// catalogue word; mark the words a negation covers; find every concept
// phrase, dropping those negated or inside one of
// the concept's everyday expressions; fire each flag with a presentation
// whose concepts are all found (and whose "!" concepts are not); drop the
// flags a fired flag covers; order by urgency.
#include "tpx/red_flags.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <unordered_map>

#include "tpx/normalize.h"
#include "tpx/suggest.h"

namespace tpx {
namespace {

using image::ConceptRec;
using image::kAbsent;
using image::kNone;
using image::Urgency;

constexpr std::string_view kAgeWord = "0age", kNumberWord = "0num";
static_assert(kAgeWord[0] == '0' && kNumberWord[0] == '0', "PatternIndex lets phrases starting with '0' through");

// Words that negate what follows ("no swelling", "not hot or swollen").
// "cant" is not one: "I can't feel my foot" is the symptom itself.
constexpr std::array<std::string_view, 18> kNegations = {"arent",  "didnt", "doesnt",  "dont",   "hadnt",   "hasnt",
                                                         "havent", "isnt",  "neither", "never",  "no",      "none",
                                                         "nor",    "not",   "wasnt",   "werent", "without", "wont"};
// After a negation these do not negate anything ("no longer", "not sure").
constexpr std::array<std::string_view, 10> kNotNegating = {"certain", "doubt", "idea",   "just", "longer",
                                                           "matter",  "only",  "reason", "sure", "wonder"};
// Words that end a negation's reach ("no fever but my neck is stiff").
constexpr std::array<std::string_view, 9> kClauseBreaks = {"although", "apart", "but",    "except", "however",
                                                           "instead",  "now",   "though", "yet"};
// Words that continue a negated list without counting against its reach
// ("no swelling or any redness").
constexpr std::array<std::string_view, 7> kListWords = {"any", "nor", "obvious", "or", "real", "sign", "signs"};
// Verbs after which a negation carries into what follows ("don't think my
// calf is swollen").
constexpr std::array<std::string_view, 7> kThinking = {"believe", "expect", "know", "reckon",
                                                       "suppose", "think",  "see"};
// How many meaningful words a negation reaches over.
constexpr int kNegationReach = 3;
// Extra words allowed between two words of a concept phrase ("calf is
// swollen" for "calf swollen"): filler and these.
constexpr std::array<std::string_view, 18> kGapWords = {"a",        "again", "all",   "also", "clearly", "even",
                                                        "heap",     "left",  "load",  "more", "now",     "out",
                                                        "properly", "right", "still", "to",   "too",     "up"};
constexpr int kMaxGap = 2;

// Everyday words one slip away from a catalogue word: never "corrected".
// Sorted.
constexpr std::array<std::string_view, 33> kCommonWords = {
    "believe", "bowl",   "chess", "clock", "fight", "fill",  "heard",  "light", "might",  "mild",   "mile",
    "night",   "reckon", "right", "sheet", "sight", "sleep", "sleepy", "stare", "start",  "steep",  "store",
    "sweet",   "sweets", "table", "think", "tight", "wait",  "walk",   "week",  "weekly", "weight", "wild"};
static_assert(std::is_sorted(kCommonWords.begin(), kCommonWords.end()), "kCommonWords is binary-searched");

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool is_gap_word(std::string_view w) { return is_filler(w) || in(kGapWords, w); }

bool is_number(std::string_view w, int* value = nullptr) {
  int v = 0;
  auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
  if (ec != std::errc() || end == w.data()) return false;
  std::string_view rest(end, static_cast<std::size_t>(w.data() + w.size() - end));
  // "60s", "65yo", "70yrs": a number with its unit stuck on.
  if (!rest.empty() && rest != "s" && rest != "yo" && rest != "yr" && rest != "yrs" && rest != "kg" && rest != "lb" &&
      rest != "lbs")
    return false;
  if (value) *value = v;
  return true;
}

// A word matches a pattern word, placeholders included.
bool word_matches(std::string_view pattern, std::string_view word) {
  if (pattern == kAgeWord) {
    int v = 0;
    return is_number(word, &v) && v >= 50 && v <= 120;
  }
  if (pattern == kNumberWord) return is_number(word);
  return pattern == word;
}

// The end of `pattern` matched in `words` from `start`, or 0 when it does not
// match there. Up to kMaxGap gap words may come between two pattern words.
std::size_t match_at(const std::vector<std::string>& words, const std::vector<bool>& gap_word, std::size_t start,
                     const std::vector<std::string_view>& pattern) {
  if (pattern.empty() || start >= words.size() || !word_matches(pattern[0], words[start])) return 0;
  std::size_t i = start + 1;
  for (std::size_t k = 1; k < pattern.size(); ++k) {
    int gap = 0;
    while (i < words.size() && !word_matches(pattern[k], words[i]) && gap < kMaxGap && gap_word[i]) {
      ++i;
      ++gap;
    }
    if (i >= words.size() || !word_matches(pattern[k], words[i])) return 0;
    ++i;
  }
  return i;
}

// Words said several ways that the catalogue writes one way, read that way in
// the query and in the catalogue alike: a relative's symptoms as one's own
// ("he's 74", "her face dropped" as "im 74", "my face dropped"), "couldn't"
// as "can't". "her" is "me" at the end or before one of kAfterObject ("it
// wakes her up"), else "my".
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kSameWord = {{{"couldnt", "cant"},
                                                                                      {"he", "i"},
                                                                                      {"her", "my"},
                                                                                      {"hes", "im"},
                                                                                      {"him", "me"},
                                                                                      {"his", "my"},
                                                                                      {"she", "i"},
                                                                                      {"shes", "im"},
                                                                                      {"their", "my"},
                                                                                      {"they", "i"},
                                                                                      {"theyre", "im"}}};
static_assert(std::is_sorted(kSameWord.begin(), kSameWord.end()), "kSameWord is binary-searched");
constexpr std::array<std::string_view, 16> kAfterObject = {
    "again", "all", "and", "at", "awake", "down", "every", "for", "from", "in", "off", "on", "out", "to", "up", "with"};

// Number words below a hundred, "two" to "ninety": "sixty eight" is "68",
// "lost two stone" is "lost 2 stone". "one" stays a word ("one side").
constexpr std::array<std::string_view, 18> kSmallNumbers = {
    "",     "",    "two",    "three",  "four",     "five",     "six",     "seven",   "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"};
constexpr std::array<std::string_view, 10> kTens = {"",      "",      "twenty",  "thirty", "forty",
                                                    "fifty", "sixty", "seventy", "eighty", "ninety"};

int number_word(std::string_view w, bool allow_one) {
  if (allow_one && w == "one") return 1;
  if (w == "eighteen") return 18;
  if (w == "nineteen") return 19;
  for (std::size_t i = 2; i < kSmallNumbers.size(); ++i)
    if (kSmallNumbers[i] == w) return static_cast<int>(i);
  return 0;
}

int tens_word(std::string_view w) {
  for (std::size_t i = 2; i < kTens.size(); ++i)
    if (kTens[i] == w) return static_cast<int>(i * 10);
  return 0;
}

void same_words(std::vector<std::string>& words) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < words.size(); ++i, ++out) {
    std::string w = std::move(words[i]);
    if (!w.empty() && w[0] >= 'c' && w[0] <= 'u') {  // every word below starts with c..u
      auto it = std::lower_bound(kSameWord.begin(), kSameWord.end(), std::string_view(w),
                                 [](const auto& e, std::string_view k) { return e.first < k; });
      // "my ball" is a testicle; "his ball", "her ball" are a child's or a dog's.
      const bool ball = i + 1 < words.size() && (words[i + 1] == "ball" || words[i + 1] == "nut");
      if (w == "unable" && i + 1 < words.size() && words[i + 1] == "to") {  // "unable to pee" is "cant pee"
        w = "cant";
        ++i;
      } else if (it != kSameWord.end() && it->first == w) {
        if (w == "her" && (i + 1 == words.size() || in(kAfterObject, words[i + 1])))
          w = "me";
        else if (!(ball && it->second == "my"))
          w = it->second;
        // Folding reads "she's" as "she": "she's 77" is "im 77".
        if (w == "i" && i + 1 < words.size() &&
            (is_number(words[i + 1]) || tens_word(words[i + 1]) || number_word(words[i + 1], false)))
          w = "im";
      } else if (int n = tens_word(w)) {
        if (int u = i + 1 < words.size() ? number_word(words[i + 1], true) : 0; u && u < 10) {
          n += u;
          ++i;
        }
        w = std::to_string(n);
      } else if (int m = number_word(w, false)) {
        w = std::to_string(m);
      }
    }
    words[out] = std::move(w);
  }
  words.resize(out);
}

bool sounds_alike(std::string_view a, std::string_view b) { return sound_key(a) == sound_key(b); }

// The catalogue word nearest to `w` that is a likely slip, or "".
// Words of four letters are only read as a word that sounds the same one
// edit away ("stif", "bak") or that adds a letter ("chet"): most other
// four-letter slips are real words ("hurt" is not "heart").
std::string_view nearest(const Kb& kb, std::string_view w) {
  const int budget = w.size() <= 7 ? 1 : 2;
  std::string_view best;
  int best_rank = 1000;
  // Only words with w's first letter can be chosen: the catalogue is
  // sorted, so they are one run of it, found by binary search instead of a
  // scan of the whole catalogue per word (1,000 lines of gibberish).
  const auto all = kb.flag_words();
  auto before = [&](image::Str s, std::string_view k) { return kb.str(s) < k; };
  const char first[2] = {w[0], static_cast<char>(w[0] + 1)};
  auto from = std::lower_bound(all.begin(), all.end(), std::string_view(first, 1), before);
  auto to = static_cast<unsigned char>(w[0]) == 0xFF
                ? all.end()
                : std::lower_bound(from, all.end(), std::string_view(first + 1, 1), before);
  for (auto it = from; it != to; ++it) {
    std::string_view cand = kb.str(*it);
    if (cand.size() < 4 || cand[0] != w[0]) continue;
    const int d = edit_distance(w, cand, budget);
    if (d > budget) continue;
    const bool alike = sounds_alike(w, cand);
    if (w.size() <= 4 && !(d == 1 && (alike || cand.size() == w.size() + 1))) continue;
    const int rank = 2 * d + (alike ? 0 : 1);
    if (rank < best_rank) {
      best_rank = rank;
      best = cand;
    }
  }
  return best;
}

// The catalogue word a misspelt word most likely meant, or the word itself.
// Words under four letters are too short to guess ("tea" is not "tia").
// Folding may have taken an "s" that was part of the slip ("numbnes" is
// folded to "numbne"), so the word with it back is tried too.
std::string correct(const Kb& kb, const std::string& w) {
  if (w.size() < 4 || !(w[0] >= 'a' && w[0] <= 'z') || kb.has_flag_word(w) || kb.has_word(w) || is_filler(w) ||
      std::binary_search(kCommonWords.begin(), kCommonWords.end(), std::string_view(w)))
    return w;
  std::string_view best = nearest(kb, w);
  if (best.empty()) best = nearest(kb, w + "s");
  return best.empty() ? w : std::string(best);
}

// One clause: its folded, corrected words and which of them a negation covers.
struct Clause {
  std::size_t phrase;
  std::vector<std::string> words;
  std::vector<bool> negated;
  std::vector<bool> gap;  // is_gap_word(), asked once per word rather than once per pattern tried
};

std::vector<bool> negated_words(const std::vector<std::string>& words) {
  std::vector<bool> out(words.size(), false);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!in(kNegations, words[i])) continue;
    if (i + 1 < words.size() && in(kNotNegating, words[i + 1])) continue;
    int reach = kNegationReach;
    std::string_view first;  // the first meaningful word negated
    for (std::size_t j = i + 1; j < words.size() && reach > 0; ++j) {
      if (in(kClauseBreaks, words[j])) break;
      // A new subject after what was negated starts a new statement: "no
      // fever and I can't bend my neck", "no injury, my back hurts". Not
      // after a verb of thought: "I don't think my calf is swollen".
      if (!first.empty() && (words[j] == "i" || words[j] == "my") && !in(kThinking, first)) break;
      out[j] = true;
      if (!is_filler(words[j]) && !in(kListWords, words[j])) {
        --reach;
        if (first.empty()) first = words[j];
      }
    }
  }
  return out;
}

// Sentence punctuation ends a clause; commas do not ("no swelling, redness
// or heat" is one negated list).
std::vector<Clause> clauses(const Kb& kb, const std::vector<std::string>& phrases) {
  std::vector<Clause> out;
  std::unordered_map<std::string, std::string> corrected;  // a word repeated is corrected once
  for (std::size_t p = 0; p < phrases.size(); ++p) {
    const std::string& text = phrases[p];
    for (std::size_t start = 0; start <= text.size();) {
      std::size_t end = text.find_first_of(".;!?", start);
      if (end == std::string::npos) end = text.size();
      Clause c{p, fold_words(std::string_view(text).substr(start, end - start)), {}, {}};
      same_words(c.words);
      for (std::string& w : c.words) {
        auto [it, added] = corrected.try_emplace(w);
        if (added) it->second = correct(kb, w);
        w = it->second;
      }
      c.negated = negated_words(c.words);
      for (const std::string& w : c.words) c.gap.push_back(is_gap_word(w));
      if (!c.words.empty()) out.push_back(std::move(c));
      start = end + 1;
    }
  }
  return out;
}

// The concept phrases and everyday expressions of a KB, split into words
// and indexed by their first word, so each word of a query is tried only
// against the phrases that start with it (placeholders, which match many
// words, are tried everywhere). The catalogue has thousands of phrases and
// a query a few words, so a single query indexes only the phrases whose
// first word it holds; a process that asks again (tpx where --each, a
// library) indexes them all once and keeps that (shared_index below):
// looking at every phrase on every query cost more than the rest of the
// query.
class PatternIndex {
 public:
  struct Pattern {
    std::uint32_t concept_index;
    bool everyday;
    std::vector<std::string_view> words;
  };

  /// Every phrase when `cls` is null, else those whose first word `cls` holds.
  PatternIndex(const Kb& kb, const std::vector<Clause>* cls) {
    std::vector<std::string_view> query_words;
    if (cls) {
      for (const Clause& cl : *cls) query_words.insert(query_words.end(), cl.words.begin(), cl.words.end());
      std::sort(query_words.begin(), query_words.end());
      query_words.erase(std::unique(query_words.begin(), query_words.end()), query_words.end());
    }
    // Which (first byte, length) pairs the query's words have: most phrases
    // are ruled out by that alone, without a string comparison.
    std::array<std::uint32_t, 256> shapes{};
    auto shape_bit = [](std::string_view w) { return std::uint32_t{1} << std::min<std::size_t>(w.size(), 31); };
    for (std::string_view w : query_words)
      if (!w.empty()) shapes[static_cast<unsigned char>(w[0])] |= shape_bit(w);
    auto wanted = [&](std::string_view key) {
      if (!cls) return true;
      // Most phrases are ruled out by their first byte, before their first
      // word is measured ('0' starts the placeholders, which always pass).
      if (key.empty() || (!shapes[static_cast<unsigned char>(key[0])] && key[0] != '0')) return false;
      const std::string_view first = key.substr(0, key.find(' '));
      if (first.empty()) return false;
      if (first == kAgeWord || first == kNumberWord) return true;
      return (shapes[static_cast<unsigned char>(first[0])] & shape_bit(first)) &&
             std::binary_search(query_words.begin(), query_words.end(), first);
    };
    const auto concepts = kb.concepts();
    for (std::uint32_t c = 0; c < concepts.size(); ++c) {
      for (image::Str s : kb.strs(concepts[c].phrases))
        if (wanted(kb.str(s))) add({c, false, key_words(kb.str(s))});
      for (image::Str s : kb.strs(concepts[c].unless))
        if (wanted(kb.str(s))) add({c, true, key_words(kb.str(s))});
    }
  }

  template <typename F>
  void for_each_at(std::string_view word, F&& f) const {
    if (auto it = by_first_.find(word); it != by_first_.end())
      for (std::uint32_t p : it->second) f(patterns_[p]);
    // A placeholder matches numbers only, and a folded number starts with a
    // digit or '-' (what is_number's from_chars needs).
    if (word.empty() || !((word[0] >= '0' && word[0] <= '9') || word[0] == '-')) return;
    for (std::uint32_t p : wild_) f(patterns_[p]);
  }

 private:
  void add(Pattern p) {
    if (p.words.empty()) return;
    const std::string_view first = p.words[0];
    (first == kAgeWord || first == kNumberWord ? wild_ : by_first_[first])
        .push_back(static_cast<std::uint32_t>(patterns_.size()));
    patterns_.push_back(std::move(p));
  }

  std::vector<Pattern> patterns_;
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> by_first_;
  std::vector<std::uint32_t> wild_;
};

// The whole index of `kb` from its second query in this thread on, or null
// on its first. Kept per thread for one image at a time, known by its
// address, size and checksum; its words are views of the image's text.
const PatternIndex* shared_index(const Kb& kb) {
  struct Cache {
    const std::byte* data = nullptr;
    std::size_t size = 0;
    std::uint64_t checksum = 0;
    std::unique_ptr<PatternIndex> index;
  };
  thread_local Cache cache;
  const std::uint64_t checksum = kb.checksum();
  if (cache.data != kb.bytes().data() || cache.size != kb.bytes().size() || cache.checksum != checksum) {
    cache = {kb.bytes().data(), kb.bytes().size(), checksum, nullptr};
    return nullptr;
  }
  if (!cache.index) cache.index = std::make_unique<PatternIndex>(kb, nullptr);
  return cache.index.get();
}

// The phrase of the first counted mention of each concept, or kNone.
std::vector<std::uint32_t> find_concepts(const Kb& kb, const std::vector<Clause>& cls) {
  std::vector<std::uint32_t> found(kb.concepts().size(), kNone);
  std::optional<PatternIndex> own;
  const PatternIndex* shared = shared_index(kb);
  const PatternIndex& index = shared ? *shared : own.emplace(kb, &cls);
  struct Span {
    std::uint32_t concept_index;
    std::size_t from, to;
  };
  std::vector<Span> everyday, mentions;
  for (const Clause& cl : cls) {
    everyday.clear();
    mentions.clear();
    for (std::size_t i = 0; i < cl.words.size(); ++i) {
      index.for_each_at(cl.words[i], [&](const PatternIndex::Pattern& p) {
        std::size_t e = match_at(cl.words, cl.gap, i, p.words);
        if (!e) return;
        if (p.everyday) {
          everyday.push_back({p.concept_index, i, e});
        } else if (!cl.negated[i]) {
          mentions.push_back({p.concept_index, i, e});
        }
      });
    }
    for (const Span& m : mentions) {
      if (found[m.concept_index] != kNone) continue;
      // Only an everyday expression holding the mention's first word cancels
      // it: "fell asleep" cancels "fell", "hit me" does not cancel "a car hit me".
      bool inside = std::any_of(everyday.begin(), everyday.end(), [&](const Span& u) {
        return u.concept_index == m.concept_index && u.from <= m.from && m.from < u.to;
      });
      if (!inside) found[m.concept_index] = static_cast<std::uint32_t>(cl.phrase);
    }
  }
  return found;
}

// The phrase where a presentation of `f` is complete, or kNone.
std::uint32_t fires(const Kb& kb, const image::RedFlagRec& f, const std::vector<std::uint32_t>& found) {
  bool ok = true, any = false;
  std::uint32_t phrase = kNone;
  for (std::uint32_t v : kb.u32s(f.presentations)) {
    if (v == kNone) {
      if (ok && any) return phrase;
      ok = true;
      any = false;
      phrase = kNone;
    } else if (v & kAbsent) {
      ok = ok && found[v & ~kAbsent] == kNone;
    } else {
      ok = ok && found[v] != kNone;
      if (ok && !any) phrase = found[v];
      any = true;
    }
  }
  return kNone;
}

}  // namespace

std::vector<RedFlagHit> screen_red_flags(const Kb& kb, const std::vector<std::string>& phrases) {
  const std::vector<std::uint32_t> found = find_concepts(kb, clauses(kb, phrases));
  const auto flags = kb.red_flags();
  std::vector<RedFlagHit> hits;
  std::vector<bool> covered(flags.size(), false);
  for (std::uint32_t f = 0; f < flags.size(); ++f) {
    std::uint32_t phrase = fires(kb, flags[f], found);
    if (phrase == kNone) continue;
    hits.push_back({f, phrase});
    for (std::uint32_t c : kb.u32s(flags[f].covers)) covered[c] = true;
  }
  std::erase_if(hits, [&](const RedFlagHit& h) { return covered[h.red_flag]; });
  std::stable_sort(hits.begin(), hits.end(), [&](const RedFlagHit& a, const RedFlagHit& b) {
    return flags[a.red_flag].urgency < flags[b.red_flag].urgency;
  });
  return hits;
}

std::string red_flag_key(std::string_view phrase) {
  std::string text(phrase);
  for (auto [from, to] :
       {std::pair<std::string_view, std::string_view>{"{age}", kAgeWord}, {"{number}", kNumberWord}}) {
    std::string spaced(1, ' ');
    spaced.append(to).push_back(' ');
    for (std::size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), spaced);
  }
  std::vector<std::string> words = fold_words(text);
  same_words(words);
  std::string key;
  for (const std::string& w : words) {
    if (!key.empty()) key += ' ';
    key += w;
  }
  return key;
}

std::string_view urgency_name(Urgency u) {
  switch (u) {
    case Urgency::kEmergency: return "emergency";
    case Urgency::kUrgent: return "urgent";
    case Urgency::kSoon: return "soon";
    case Urgency::kCaution: return "caution";
  }
  return "urgent";
}

std::optional<Urgency> parse_urgency(std::string_view word) {
  for (Urgency u : {Urgency::kEmergency, Urgency::kUrgent, Urgency::kSoon, Urgency::kCaution})
    if (urgency_name(u) == word) return u;
  return std::nullopt;
}

}  // namespace tpx
