#include "spelling.h"

#include <algorithm>
#include <climits>
#include <cstdint>

#include "english_words.h"
#include "tpx/limits.h"
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
    if (word < folded)
      lo = end + 1;
    else
      hi = mid;
  }
  return false;
}

int typo_budget(std::size_t size) { return size < 3 ? 0 : size <= 5 ? 1 : 2; }

namespace {

std::uint32_t start_key(char first, std::size_t size) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(first)) << 16 |
         static_cast<std::uint32_t>(std::min<std::size_t>(size, 0xFFFF));
}

}  // namespace

void Speller::index() {
  indexed_ = true;
  const auto words = kb_.words();
  for (std::uint32_t i = 0; i < words.size(); ++i) {
    std::string_view w = kb_.str(words[i]);
    if (w.empty()) continue;
    by_sound_[sound_key(w)].push_back(i);
    by_start_[start_key(w[0], w.size())].push_back(i);
  }
}

std::string Speller::correction(std::string_view w) {
  if (w.size() > kMaxCorrectedWordBytes || is_english_word(w)) return {};
  const int budget = typo_budget(w.size());
  if (budget == 0) return {};
  if (auto it = memo_.find(std::string(w)); it != memo_.end()) return it->second;
  if (!indexed_) index();
  const std::string key = sound_key(w);
  const auto words = kb_.words();
  std::uint32_t best = UINT32_MAX;
  int best_rank = 3 * (budget + 1);
  // The candidates, each the same way as a scan of the whole vocabulary
  // would judge it; ties go to the earlier vocabulary word, as in a scan.
  auto consider = [&](std::uint32_t i) {
    std::string_view cand = kb_.str(words[i]);
    int d = edit_distance(w, cand, budget);
    if (d > budget) return;
    bool alike = sound_key(cand) == key;
    if (w.size() <= 3 && !alike) return;  // too short to guess unless it sounds the same
    // A word that sounds different is a slip only one edit away that keeps
    // its first letter ("temle"); otherwise it is likely another word.
    if (!alike && (d > 1 || cand[0] != w[0])) return;
    int r = 3 * d + (alike ? 0 : 1) + (cand[0] == w[0] ? 0 : 1);
    if (r < best_rank || (r == best_rank && i < best)) {
      best_rank = r;
      best = i;
    }
  };
  // Those that sound alike, and those one edit away with the same first
  // letter (so of a length within one): no other word can be accepted.
  if (auto it = by_sound_.find(key); it != by_sound_.end())
    for (std::uint32_t i : it->second) consider(i);
  for (std::size_t len = w.size() - 1; len <= w.size() + 1; ++len) {
    if (auto it = by_start_.find(start_key(w[0], len)); it != by_start_.end())
      for (std::uint32_t i : it->second) consider(i);
  }
  std::string out = best == UINT32_MAX ? std::string() : std::string(kb_.str(words[best]));
  memo_.emplace(std::string(w), out);
  return out;
}

std::string correction_for(const Kb& kb, std::string_view w) { return Speller(kb).correction(w); }

}  // namespace tpx::detail
