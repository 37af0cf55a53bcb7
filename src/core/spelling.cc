#include "spelling.h"

#include <algorithm>

#include "english_words.h"
#include "tpx/suggest.h"

namespace tpx::detail {

bool is_english_word(std::string_view folded) {
  // Binary search by byte position: back up from the middle to the start of
  // the word it falls in, compare, and keep the half that can hold `folded`.
  const std::string_view all(kEnglishWords, kEnglishWordsSize);
  std::size_t lo = 0, hi = all.size();  // [lo, hi) starts and ends on word boundaries
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    while (mid > lo && all[mid - 1] != '\n') --mid;
    const std::size_t end = all.find('\n', mid);
    const std::string_view word = all.substr(mid, end - mid);
    if (word == folded) return true;
    if (word < folded) lo = end + 1;
    else hi = mid;
  }
  return false;
}

int typo_budget(std::size_t size) { return size < 3 ? 0 : size <= 5 ? 1 : 2; }

std::string correction_for(const Kb& kb, std::string_view w) {
  if (is_english_word(w)) return {};
  const int budget = typo_budget(w.size());
  if (budget == 0) return {};
  const std::string key = sound_key(w);
  std::string best;
  int best_rank = 3 * (budget + 1);
  for (const auto& s : kb.words()) {
    std::string_view cand = kb.str(s);
    int d = edit_distance(w, cand, budget);
    if (d > budget) continue;
    bool alike = sound_key(cand) == key;
    if (w.size() <= 3 && !alike) continue;  // too short to guess unless it sounds the same
    // A word that sounds different is a slip only one edit away that keeps
    // its first letter ("temle"); otherwise it is likely another word.
    if (!alike && (d > 1 || cand[0] != w[0])) continue;
    int r = 3 * d + (alike ? 0 : 1) + (cand[0] == w[0] ? 0 : 1);
    if (r < best_rank) {
      best_rank = r;
      best = cand;
    }
  }
  return best;
}

}  // namespace tpx::detail
