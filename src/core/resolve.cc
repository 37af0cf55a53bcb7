// Phrase -> terms. The steps, in order: normalise; mark pain-quality, side
// and hedge words; correct unknown words to the nearest vocabulary word
// (spelling.h: never a real English word); take the longest alias matches
// first wherever they are, with or without the marked words, with "-ing"
// words as their base forms (a lone verb as its "-ing" form) and "<place>
// stiff" as "stiff <place>", then shorter ones in the words left; if a
// phrase found nothing, fall back to the term sharing most words with it;
// then screen the phrases for red flags (red_flags.h).
#include "tpx/resolve.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "english_words.h"
#include "spelling.h"
#include "tpx/limits.h"
#include "tpx/normalize.h"
#include "tpx/red_flags.h"
#include "tpx/suggest.h"
#include "utf8.h"

namespace tpx {
namespace {

using image::TermKind;
using image::TermRec;

// Words that describe the pain, not the place ("burning", "left").
constexpr std::array<std::string_view, 26> kQualities = {
    "burning", "cramping", "deep",     "dull",     "electric", "gnawing",   "hot",       "intense", "mild",
    "nagging", "niggling", "piercing", "pounding", "pressing", "pulsing",   "radiating", "searing", "severe",
    "sharp",   "shooting", "stabbing", "stinging", "tender",   "throbbing", "twinge",    "twinging"};
constexpr std::array<std::string_view, 6> kSides = {"bilateral", "both", "left", "leftside", "right", "rightside"};
// Hedges and the words around what hurts to do: "migraine-like", "sort of a
// headache", "it hurts to kneel", "I can't bend my knee". They may be part of
// a name ("feels like heartburn") but are never a word of their own, so a
// name is also tried without them and the fallback ignores them. Folded.
constexpr std::array<std::string_view, 29> kHedges = {
    "able",  "all",     "cannot", "cant",   "could", "couldnt", "difficult", "difficulty", "doesnt",     "dont",
    "esque", "hard",    "ish",    "like",   "near",  "sort",    "sorta",     "struggle",   "struggling", "to",
    "tried", "trouble", "try",    "trying", "type",  "unable",  "way",       "whenever",   "wont"};
// Words that say how a place is, written after it ("my fingers are stiff",
// "hamstrings feel tight") where a name has them first ("stiff fingers").
// A two-word window "<place> <word>" is also tried as "<word> <place>". Folded.
constexpr std::array<std::string_view, 7> kPredicates = {"cricked", "locked", "numb", "stiff",
                                                         "stuck",   "tight",  "weak"};
constexpr std::size_t kMaxAliasWords = 8;

// The base forms an "-ing" word may stand for, tried when a window names
// nothing as typed: "raising my arm" is "raise my arm", "sitting" is "sit",
// "lifting" is "lift". Names are written as the action itself (kb-schema.md).
// At most three forms, from most to least literal; empty for other words.
std::vector<std::string> base_forms(std::string_view w) {
  std::vector<std::string> out;
  if (w.size() < 6 || w.substr(w.size() - 3) != "ing") return out;
  std::string stem(w.substr(0, w.size() - 3));
  out.push_back(stem);        // lifting -> lift
  out.push_back(stem + 'e');  // raising -> raise
  const std::size_t n = stem.size();
  if (stem[n - 1] == stem[n - 2]) out.push_back(stem.substr(0, n - 1));  // sitting -> sit
  return out;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// The "-ing" forms a lone verb may stand for, tried when it names nothing
// as typed: "it hurts to type" is "typing", "run" is "running", "sit" is
// "sitting". At most two; empty for "-ing" words and short words.
std::vector<std::string> ing_forms(std::string_view w) {
  std::vector<std::string> out;
  if (w.size() < 3 || w.size() > 12 || w.ends_with("ing")) return out;
  std::string s(w);
  if (s.back() == 'e' && !s.ends_with("ee")) {
    out.push_back(s.substr(0, s.size() - 1) + "ing");  // type -> typing
  } else if (s.size() <= 4 && !is_vowel(s.back()) && s.back() != 'w' && s.back() != 'y' && is_vowel(s[s.size() - 2]) &&
             !is_vowel(s[s.size() - 3])) {
    out.push_back(s + s.back() + "ing");  // run -> running, grip -> gripping
  }
  out.push_back(s + "ing");  // chew -> chewing
  return out;
}

// Words of an unmatched phrase compared one by one with every name for a
// "did you mean" (docs/limits.md, Time).
constexpr std::size_t kMaxSuggestWords = 8;
// Unmatched phrases of one query that get a "did you mean" (docs/limits.md).
constexpr std::size_t kMaxSuggestedPhrases = 100;

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += ' ';
    out += words[i];
  }
  return out;
}

// One word of a phrase; `descriptor` is "quality" or "side" for words that
// describe the pain rather than its place, "hedge" for words that soften or
// frame it, else null.
struct Word {
  std::string text;
  const char* descriptor;
};

const char* descriptor_kind(std::string_view w) {
  if (contains(kQualities, w)) return "quality";
  if (contains(kSides, w)) return "side";
  if (contains(kHedges, w)) return "hedge";
  return nullptr;
}

// The words [from, to) joined by spaces, with or without descriptor words.
std::string join(const std::vector<Word>& words, std::size_t from, std::size_t to, bool with_descriptors) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (words[i].descriptor && !with_descriptors) continue;
    if (!out.empty()) out += ' ';
    out += words[i].text;
  }
  return out;
}

// How strongly a kind of term claims a name it shares with another: a
// precise place first, then a symptom, a condition before the vague region
// it shares a name with ("low back pain"), then causes and muscles.
int claim_rank(TermKind k) {
  switch (k) {
    case TermKind::kArea: return 0;
    case TermKind::kSymptom: return 1;
    case TermKind::kCondition: return 2;
    case TermKind::kRegion: return 3;
    case TermKind::kCause: return 4;
    case TermKind::kMuscle: return 5;
  }
  return 6;
}

// The term a key resolves to among the `kinds` wanted: the strongest claim.
const TermRec* first_term(const Kb& kb, std::string_view key, unsigned kinds) {
  const TermRec* best = nullptr;
  for (const TermRec& t : kb.find_terms(key)) {
    if ((kinds & kind_bit(t.kind)) && (!best || claim_rank(t.kind) < claim_rank(best->kind))) best = &t;
  }
  return best;
}

class Resolver {
 public:
  Resolver(const Kb& kb, Resolution& out, unsigned kinds) : kb_(kb), out_(out), kinds_(kinds), speller_(kb) {}

  void phrase(std::size_t index, const std::string& text) {
    std::vector<std::string> all = normalize_words(text);
    // Pain-quality and side words stay in the sequence, marked, so that a
    // place whose name holds one ("deep in the knee") can still match; they
    // never block a match ("back of my left knee") and are reported unless a
    // place name used them.
    std::vector<Word> seq;
    for (const std::string& w : all) {
      const char* kind = descriptor_kind(w);
      // "type" hedges ("migraine-type pain") except after "to", where it is
      // the verb ("it hurts to type").
      if (kind && w == "type" && !seq.empty() && seq.back().text == "to") kind = nullptr;
      seq.push_back({kind ? w : correct(index, w), kind});
    }
    std::vector<bool> in_name(seq.size(), false);
    std::size_t found = match_longest(index, seq, in_name);
    std::vector<std::string> words;
    for (std::size_t i = 0; i < seq.size(); ++i) {
      if (!seq[i].descriptor) {
        words.push_back(seq[i].text);
      } else if (!in_name[i] && std::string_view(seq[i].descriptor) != "hedge") {
        out_.descriptors.push_back({index, seq[i].text, seq[i].descriptor});
      }
    }
    if (found == 0) found = match_partial(index, words);
    if (found == 0) {
      // A "did you mean" compares the phrase with every name: the first
      // kMaxSuggestedPhrases unmatched phrases of a query get one, the rest
      // are reported without (a thousand lines of gibberish).
      std::vector<std::string> near;
      if (suggested_++ < kMaxSuggestedPhrases) near = suggest(words);
      out_.unmatched.push_back({index, std::move(near)});
    }
  }

 private:
  // A word that is no vocabulary word becomes the nearest one when that is
  // a likely slip (spelling.h). Known words and red-flag words are left alone.
  std::string correct(std::size_t index, const std::string& w) {
    if (kb_.has_word(w) || kb_.has_flag_word(w)) return w;
    std::string best = speller_.correction(w);
    if (best.empty()) return w;
    out_.corrections.push_back({index, w, best});
    return best;
  }

  // The term a window of words names: as typed, or without its descriptor
  // words. Without them, a window must not start or end with a hedge, so
  // "like" or "to" never names anything of its own and never widens a name.
  struct Found {
    std::size_t from, len;
    const TermRec* term;
    bool whole;  // matched as typed, descriptor words included
    std::string key;
  };
  std::optional<Found> name_at(const std::vector<Word>& seq, std::size_t i, std::size_t len) const {
    auto hedge = [&](std::size_t k) { return seq[k].descriptor && std::string_view(seq[k].descriptor) == "hedge"; };
    std::string typed = join(seq, i, i + len, true);
    if (const TermRec* t = first_term(kb_, typed, kinds_)) return Found{i, len, t, true, typed};
    if (std::optional<Found> f = base_form_name(seq, i, len)) return f;
    if (len == 1 && !seq[i].descriptor) {
      for (const std::string& form : ing_forms(seq[i].text))
        if (const TermRec* t = first_term(kb_, form, kinds_)) return Found{i, len, t, true, form};
    }
    if (len == 2 && !seq[i].descriptor && !seq[i + 1].descriptor && contains(kPredicates, seq[i + 1].text)) {
      std::string swapped = seq[i + 1].text + ' ' + seq[i].text;
      if (const TermRec* t = first_term(kb_, swapped, kinds_)) return Found{i, len, t, true, swapped};
    }
    if (hedge(i) || hedge(i + len - 1)) return std::nullopt;
    std::string bare = join(seq, i, i + len, false);
    if (bare.empty() || bare == typed) return std::nullopt;
    if (const TermRec* t = first_term(kb_, bare, kinds_)) return Found{i, len, t, false, bare};
    return std::nullopt;
  }

  // The window with its "-ing" words read as base forms ("raising my arm":
  // "raise arm"), each such word taking its k-th form, or its last when it
  // has fewer; the descriptor words are kept out.
  std::optional<Found> base_form_name(const std::vector<Word>& seq, std::size_t i, std::size_t len) const {
    std::vector<std::vector<std::string>> forms(len);
    std::size_t most = 0;
    for (std::size_t k = 0; k < len; ++k) {
      if (!seq[i + k].descriptor) forms[k] = base_forms(seq[i + k].text);
      most = std::max(most, forms[k].size());
    }
    for (std::size_t v = 0; v < most; ++v) {
      std::string key;
      for (std::size_t k = 0; k < len; ++k) {
        if (seq[i + k].descriptor) continue;
        if (!key.empty()) key += ' ';
        key += forms[k].empty() ? seq[i + k].text : forms[k][std::min(v, forms[k].size() - 1)];
      }
      if (const TermRec* t = first_term(kb_, key, kinds_)) return Found{i, len, t, false, key};
    }
    return std::nullopt;
  }

  // Longest units first, wherever they are: "lower back teeth" is one name
  // (teeth), not "lower back" and "teeth", and "pain behind my knee cap"
  // takes "knee cap" whole. Then shorter names in the words left over, and
  // the terms are reported in phrase order. Marks the descriptor words a
  // term's own name used.
  std::size_t match_longest(std::size_t index, const std::vector<Word>& seq, std::vector<bool>& in_name) {
    std::vector<bool> taken(seq.size(), false);
    std::vector<Found> found;
    for (std::size_t len = std::min(kMaxAliasWords, seq.size()); len > 0; --len) {
      for (std::size_t i = 0; i + len <= seq.size(); ++i) {
        if (std::any_of(taken.begin() + static_cast<std::ptrdiff_t>(i),
                        taken.begin() + static_cast<std::ptrdiff_t>(i + len), [](bool b) { return b; }))
          continue;
        std::optional<Found> f = name_at(seq, i, len);
        if (!f) continue;
        std::fill(taken.begin() + static_cast<std::ptrdiff_t>(i), taken.begin() + static_cast<std::ptrdiff_t>(i + len),
                  true);
        if (f->whole)
          std::fill(in_name.begin() + static_cast<std::ptrdiff_t>(i),
                    in_name.begin() + static_cast<std::ptrdiff_t>(i + len), true);
        found.push_back(std::move(*f));
      }
    }
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.from < b.from; });
    for (Found& f : found) {
      std::string why = why_exact(seq, f);  // before f.key is moved: argument order is unspecified
      add(index, std::move(f.key), *f.term, MatchHow::kExact, std::move(why));
    }
    return found.size();
  }

  // "name of area 'lower-back-teeth'", plus the shorter name it won over and
  // the words it was matched without.
  std::string why_exact(const std::vector<Word>& seq, const Found& f) const {
    std::string why =
        fmt::format("a name of {} '{}'", term_kind_name(f.term->kind), term_id(kb_, f.term->kind, f.term->target));
    for (const TermRec& other : kb_.find_terms(f.key)) {
      if (&other == f.term || !(kinds_ & kind_bit(other.kind))) continue;
      why += fmt::format(" (also of {} '{}'; the {} claims it first)", term_kind_name(other.kind),
                         term_id(kb_, other.kind, other.target), term_kind_name(f.term->kind));
      break;
    }
    for (std::size_t len = f.len - 1; len > 0 && why.find("longest") == std::string::npos; --len) {
      for (std::size_t i = f.from; i + len <= f.from + f.len; ++i) {
        std::optional<Found> inner = name_at(seq, i, len);
        if (!inner || (inner->term->kind == f.term->kind && inner->term->target == f.term->target)) continue;
        why += fmt::format("; the longest unit, over '{}' ({} '{}')", inner->key, term_kind_name(inner->term->kind),
                           term_id(kb_, inner->term->kind, inner->term->target));
        break;
      }
    }
    std::vector<std::string> dropped;
    for (std::size_t i = f.from; !f.whole && i < f.from + f.len; ++i)
      if (seq[i].descriptor) dropped.push_back(seq[i].text);
    if (!dropped.empty())
      why += fmt::format("; without the {} '{}'", dropped.size() == 1 ? "word" : "words", fmt::join(dropped, " "));
    // A base form ("raising" as "raise") or a state read first ("stiff finger").
    const std::string said = join(seq, f.from, f.from + f.len, f.whole);
    if (said != f.key) why += fmt::format("; '{}' read as '{}'", said, f.key);
    return why;
  }

  // Fallback: the term whose key shares the most words with the phrase,
  // preferring the key with the fewest extra words, then the first in order.
  std::size_t match_partial(std::size_t index, const std::vector<std::string>& words) {
    const std::set<std::string, std::less<>> phrase_words(words.begin(), words.end());
    const TermRec* best = nullptr;
    std::size_t best_shared = 0, best_extra = 0;
    for (const TermRec& t : kb_.terms()) {
      // A muscle is named in full or not at all: "long" is no muscle.
      if (!(kinds_ & kind_bit(t.kind)) || t.kind == TermKind::kMuscle) continue;
      const std::vector<std::string_view> key = key_words(kb_.str(t.key));
      std::size_t shared = 0;
      for (std::string_view w : key) shared += phrase_words.count(w);
      std::size_t extra = key.size() - shared;
      if (shared == 0) continue;
      if (!best || shared > best_shared || (shared == best_shared && extra < best_extra)) {
        best = &t;
        best_shared = shared;
        best_extra = extra;
      }
    }
    // A key mostly made of other words is a guess, not a match; so is one
    // shared word when the phrase says more than that word: "eye" may mean
    // behind the eye, but "hitting golf balls" is not the ball of the foot.
    if (!best || best_extra > best_shared || (best_shared < 2 && phrase_words.size() > best_shared)) return 0;
    add(index, std::string(kb_.str(best->key)), *best, MatchHow::kPartial,
        fmt::format("no exact name; shares {} of the {} words of '{}'", best_shared, best_shared + best_extra,
                    kb_.str(best->key)));
    return 1;
  }

  void add(std::size_t index, std::string key, const TermRec& t, MatchHow how, std::string why) {
    for (const ResolvedTerm& r : out_.terms) {
      if (r.phrase == index && r.kind == t.kind && r.target == t.target) return;
    }
    out_.terms.push_back({index, std::move(key), t.kind, t.target, how, std::move(why)});
  }

  // Labels of the terms nearest to the phrase: by edit distance of the whole
  // phrase, then of each word.
  std::vector<std::string> suggest(const std::vector<std::string>& words) {
    std::vector<std::string> labels;
    // Real words that name nothing ("gout") are not slips: a near name would
    // be a false friend, not a suggestion.
    if (std::all_of(words.begin(), words.end(), [](const std::string& w) { return detail::is_english_word(w); }))
      return labels;
    const std::vector<std::string>& keys = suggestion_keys();
    std::vector<std::string> near = closest(join(words, 0, words.size()), keys, 3, 6);
    // Each word is compared with every key, so a phrase of hundreds of words
    // of gibberish would cost a scan per word: only the first few words
    // that could be slips are tried (a phrase that names a place names it in
    // its first words), and no word longer than kMaxCorrectedWordBytes.
    std::size_t tried = 0;
    for (const std::string& w : words) {
      if (near.size() >= 6 || tried == kMaxSuggestWords) break;
      if (w.size() > kMaxCorrectedWordBytes) continue;
      ++tried;
      for (std::string& k : closest(w, keys, detail::typo_budget(w.size()) + 1, 3)) near.push_back(std::move(k));
    }
    for (const std::string& k : near) {
      const TermRec* t = first_term(kb_, k, kinds_);
      if (!t) continue;
      std::string label(term_label(kb_, t->kind, t->target));
      if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(std::move(label));
      if (labels.size() == 3) break;
    }
    return labels;
  }

  // The keys suggest() compares with, made once per query: places and
  // symptoms; causes only when causes are all we look for.
  const std::vector<std::string>& suggestion_keys() {
    if (keys_made_) return keys_;
    keys_made_ = true;
    for (const TermRec& t : kb_.terms()) {
      bool wanted = t.kind == TermKind::kCause ? kinds_ == kCauseKinds
                                               : t.kind != TermKind::kRegion && t.kind != TermKind::kMuscle;
      if ((kinds_ & kind_bit(t.kind)) && wanted) keys_.emplace_back(kb_.str(t.key));
    }
    return keys_;
  }

  const Kb& kb_;
  Resolution& out_;
  unsigned kinds_;
  detail::Speller speller_;
  std::vector<std::string> keys_;
  bool keys_made_ = false;
  std::size_t suggested_ = 0;
};

}  // namespace

std::optional<std::string> phrase_problem(std::string_view phrase) {
  if (phrase.find_first_not_of(" \t") == std::string_view::npos) return "is empty";
  if (phrase.size() > kMaxPhraseBytes)
    return fmt::format("is {} bytes long; the limit is {}", phrase.size(), kMaxPhraseBytes);
  for (std::size_t i = 0; i < phrase.size();) {
    auto c = static_cast<unsigned char>(phrase[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7F) return fmt::format("contains the control character 0x{:02X}", c);
    std::size_t len = detail::utf8_length(phrase, i);
    if (len == 0) return fmt::format("is not valid UTF-8 (byte 0x{:02X})", c);
    i += len;
  }
  return std::nullopt;
}

Resolution resolve(const Kb& kb, const std::vector<std::string>& phrases, unsigned kinds) {
  Resolution out;
  out.query = phrases;
  Resolver r(kb, out, kinds);
  for (std::size_t i = 0; i < phrases.size(); ++i) r.phrase(i, phrases[i]);
  // Screening is its own module (red_flags.h): it reads the phrases, not
  // what resolving found, so a query that names no area is still screened.
  out.red_flags = screen_red_flags(kb, phrases);
  return out;
}

std::string_view term_label(const Kb& kb, TermKind kind, std::uint32_t target) {
  switch (kind) {
    case TermKind::kArea: return kb.str(kb.areas()[target].label);
    case TermKind::kSymptom: return kb.str(kb.symptoms()[target].label);
    case TermKind::kRegion: return kb.str(kb.regions()[target].label);
    case TermKind::kCause: return kb.str(kb.causes()[target].label);
    case TermKind::kMuscle: return kb.str(kb.muscles()[target].name);
    case TermKind::kCondition: return kb.str(kb.conditions()[target].label);
  }
  return {};
}

std::string_view term_id(const Kb& kb, TermKind kind, std::uint32_t target) {
  switch (kind) {
    case TermKind::kArea: return kb.str(kb.areas()[target].id);
    case TermKind::kSymptom: return kb.str(kb.symptoms()[target].id);
    case TermKind::kRegion: return kb.str(kb.regions()[target].id);
    case TermKind::kCause: return kb.str(kb.causes()[target].id);
    case TermKind::kMuscle: return kb.str(kb.muscles()[target].id);
    case TermKind::kCondition: return kb.str(kb.conditions()[target].id);
  }
  return {};
}

std::string_view term_kind_name(TermKind kind) {
  switch (kind) {
    case TermKind::kArea: return "area";
    case TermKind::kSymptom: return "symptom";
    case TermKind::kRegion: return "region";
    case TermKind::kCause: return "cause";
    case TermKind::kMuscle: return "muscle";
    case TermKind::kCondition: return "condition";
  }
  return "term";
}

std::string_view match_how_name(MatchHow how) {
  switch (how) {
    case MatchHow::kExact: return "exact";
    case MatchHow::kPartial: return "partial";
  }
  return "exact";
}

}  // namespace tpx
