// Phrase -> terms. The steps, in order: normalise; mark pain-quality and
// side words; correct unknown words to the nearest vocabulary word; take the
// longest alias matches left to right, with or without the marked words; if a
// phrase found nothing, fall back to the term sharing most words with it;
// then screen the phrases for red flags (red_flags.h).
#include "tpx/resolve.h"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/core.h>

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
    "burning", "cramping", "deep",     "dull",     "electric", "gnawing",  "hot",
    "intense", "mild",     "nagging",  "niggling", "piercing", "pounding", "pressing",
    "pulsing", "radiating", "searing", "severe",   "sharp",    "shooting", "stabbing",
    "stinging", "tender",  "throbbing", "twinge",  "twinging"};
constexpr std::array<std::string_view, 6> kSides = {"bilateral", "both", "left", "leftside", "right", "rightside"};
constexpr std::size_t kMaxAliasWords = 8;

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
// describe the pain rather than its place, else null.
struct Word {
  std::string text;
  const char* descriptor;
};

const char* descriptor_kind(std::string_view w) {
  if (contains(kQualities, w)) return "quality";
  if (contains(kSides, w)) return "side";
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

std::vector<std::string> split(std::string_view key) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < key.size();) {
    std::size_t sp = std::min(key.find(' ', start), key.size());
    out.emplace_back(key.substr(start, sp - start));
    start = sp + 1;
  }
  return out;
}

// The term a key resolves to: the first non-muscle term for it. Terms of one
// key are sorted by kind (area, symptom, region, cause), so an exact area
// name wins over a vaguer region or a cause.
const TermRec* first_term(const Kb& kb, std::string_view key, unsigned kinds) {
  for (const TermRec& t : kb.find_terms(key)) {
    if (kinds & kind_bit(t.kind)) return &t;
  }
  return nullptr;
}

// Edit distance allowed when correcting a word of `size` letters: 1 up to 5
// letters, 2 beyond; words under 3 letters are too short to guess.
int typo_budget(std::size_t size) { return size < 3 ? 0 : size <= 5 ? 1 : 2; }

// Everyday words that are not in the vocabulary but lie one letter from a
// word that is: never "corrected". Words already folded (singular) and not
// filler. Sorted.
constexpr std::array<std::string_view, 112> kCommonWords = {
    "after", "again", "ago", "always", "barefoot", "because", "before", "began", "bend", "bending",
    "best", "better", "but", "came", "can", "cant", "clench", "come", "comes", "could",
    "day", "days", "doesnt", "dont", "down", "during", "evening", "every", "felt", "getting",
    "grinding", "hold", "holding", "how", "if", "kicking", "killing", "kneel", "kneeling", "knot",
    "lace", "ladder", "lift", "lifting", "like", "long", "look", "looking", "made", "make",
    "month", "more", "morning", "most", "move", "moving", "much", "night", "not", "now",
    "off", "often", "out", "over", "pull", "pulled", "push", "reach", "sat", "should",
    "since", "sit", "sitting", "slouch", "slouching", "sprinting", "start", "started", "still", "stood",
    "strain", "take", "than", "then", "think", "thought", "throw", "throwing", "tie", "tied",
    "time", "today", "took", "tumble", "turn", "up", "use", "used", "using", "wake",
    "walk", "walked", "walking", "week", "went", "what", "where", "while", "will", "woke",
    "wont", "would"};

static_assert(std::is_sorted(kCommonWords.begin(), kCommonWords.end()), "kCommonWords is binary-searched");

bool is_common_word(std::string_view w) { return std::binary_search(kCommonWords.begin(), kCommonWords.end(), w); }

class Resolver {
 public:
  Resolver(const Kb& kb, Resolution& out, unsigned kinds) : kb_(kb), out_(out), kinds_(kinds) {}

  void phrase(std::size_t index, const std::string& text) {
    std::vector<std::string> all = normalize_words(text);
    // Pain-quality and side words stay in the sequence, marked, so that a
    // place whose name holds one ("deep in the knee") can still match; they
    // never block a match ("back of my left knee") and are reported unless a
    // place name used them.
    std::vector<Word> seq;
    for (const std::string& w : all) {
      const char* kind = descriptor_kind(w);
      seq.push_back({kind ? w : correct(index, w), kind});
    }
    std::vector<bool> in_name(seq.size(), false);
    std::size_t found = match_longest(index, seq, in_name);
    std::vector<std::string> words;
    for (std::size_t i = 0; i < seq.size(); ++i) {
      if (!seq[i].descriptor) {
        words.push_back(seq[i].text);
      } else if (!in_name[i]) {
        out_.descriptors.push_back({index, seq[i].text, seq[i].descriptor});
      }
    }
    if (found == 0) found = match_partial(index, words);
    if (found == 0) out_.unmatched.push_back({index, suggest(words)});
  }

  // A word that is no vocabulary word becomes the nearest one within the
  // typo budget; among equally near words, one that sounds alike wins
  // ("heal" -> "heel", not "head"). Known words, red-flag words and common
  // English words ("walk", "morning") are left alone.
  std::string correct(std::size_t index, const std::string& w) {
    if (kb_.has_word(w) || kb_.has_flag_word(w) || is_common_word(w)) return w;
    const int budget = typo_budget(w.size());
    if (budget == 0) return w;
    const std::string key = sound_key(w);
    std::string best;
    int best_rank = 3 * (budget + 1);
    for (const auto& s : kb_.words()) {
      std::string_view cand = kb_.str(s);
      int d = edit_distance(w, cand, budget);
      if (d > budget) continue;
      bool alike = sound_key(cand) == key;
      if (w.size() <= 3 && !alike) continue;  // too short to guess unless it sounds the same
      // A word that sounds different is a slip only one edit away that keeps
      // its first letter ("temle"); otherwise it is another real word
      // ("ladder" is not "bladder", "tumble" is not "temple").
      if (!alike && (d > 1 || cand[0] != w[0])) continue;
      int r = 3 * d + (alike ? 0 : 1) + (cand[0] == w[0] ? 0 : 1);
      if (r < best_rank) {
        best_rank = r;
        best = cand;
      }
    }
    if (best.empty()) return w;
    out_.corrections.push_back({index, w, best});
    return best;
  }

  // At each position the longest window that names a term wins: first as
  // typed, then without its descriptor words. Marks the descriptor words a
  // term's own name used.
  std::size_t match_longest(std::size_t index, const std::vector<Word>& seq, std::vector<bool>& in_name) {
    std::size_t found = 0;
    for (std::size_t i = 0; i < seq.size();) {
      std::size_t step = 1;
      for (std::size_t len = std::min(kMaxAliasWords, seq.size() - i); len > 0; --len) {
        std::string typed = join(seq, i, i + len, true), bare = join(seq, i, i + len, false);
        const TermRec* t = first_term(kb_, typed, kinds_);
        const bool whole = t != nullptr;
        if (!t && !bare.empty() && bare != typed) t = first_term(kb_, bare, kinds_);
        if (t) {
          add(index, whole ? typed : bare, *t, MatchHow::kExact);
          if (whole) std::fill(in_name.begin() + static_cast<std::ptrdiff_t>(i),
                               in_name.begin() + static_cast<std::ptrdiff_t>(i + len), true);
          ++found;
          step = len;
          break;
        }
      }
      i += step;
    }
    return found;
  }

  // Fallback: the term whose key shares the most words with the phrase,
  // preferring the key with the fewest extra words, then the first in order.
  std::size_t match_partial(std::size_t index, const std::vector<std::string>& words) {
    std::set<std::string> phrase_words(words.begin(), words.end());
    const TermRec* best = nullptr;
    std::size_t best_shared = 0, best_extra = 0;
    for (const TermRec& t : kb_.terms()) {
      if (!(kinds_ & kind_bit(t.kind))) continue;
      std::vector<std::string> key = split(kb_.str(t.key));
      std::size_t shared = 0;
      for (const std::string& w : key) shared += phrase_words.count(w);
      std::size_t extra = key.size() - shared;
      if (shared == 0) continue;
      if (!best || shared > best_shared || (shared == best_shared && extra < best_extra)) {
        best = &t;
        best_shared = shared;
        best_extra = extra;
      }
    }
    // One shared word out of a long key is a guess, not a match.
    if (!best || best_extra > best_shared) return 0;
    add(index, std::string(kb_.str(best->key)), *best, MatchHow::kPartial);
    return 1;
  }

  void add(std::size_t index, std::string key, const TermRec& t, MatchHow how) {
    for (const ResolvedTerm& r : out_.terms) {
      if (r.phrase == index && r.kind == t.kind && r.target == t.target) return;
    }
    out_.terms.push_back({index, std::move(key), t.kind, t.target, how});
  }

  // Labels of the terms nearest to the phrase: by edit distance of the whole
  // phrase, then of each word.
  std::vector<std::string> suggest(const std::vector<std::string>& words) {
    std::vector<std::string> keys, labels;
    for (const TermRec& t : kb_.terms()) {
      // Suggest places and symptoms; causes only when causes are all we look for.
      bool wanted = t.kind == TermKind::kCause ? kinds_ == kCauseKinds : t.kind != TermKind::kRegion;
      if ((kinds_ & kind_bit(t.kind)) && wanted) keys.emplace_back(kb_.str(t.key));
    }
    std::vector<std::string> near = closest(join(words, 0, words.size()), keys, 3, 6);
    for (const std::string& w : words) {
      if (near.size() >= 6) break;
      for (std::string& k : closest(w, keys, typo_budget(w.size()) + 1, 3)) near.push_back(std::move(k));
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

  const Kb& kb_;
  Resolution& out_;
  unsigned kinds_;
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
  }
  return "term";
}

std::string_view match_how_name(MatchHow how) {
  switch (how) {
    case MatchHow::kExact: return "exact";
    case MatchHow::kWords: return "words";
    case MatchHow::kPartial: return "partial";
  }
  return "exact";
}

}  // namespace tpx
