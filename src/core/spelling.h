// Spelling correction for query words: the one place that decides whether a
// word tpx does not know is a slip for a vocabulary word ("sholder") or a
// real word it should leave alone ("gout", "ladder", "golf").
#ifndef TPX_SPELLING_H_
#define TPX_SPELLING_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tpx/image.h"

namespace tpx::detail {

/// Edit distance allowed when correcting a word of `size` letters: 1 up to 5
/// letters, 2 beyond; words under 3 letters are too short to guess.
int typo_budget(std::size_t size);

/// The vocabulary word of `kb` that `word` (folded, not itself a vocabulary
/// word) is a likely slip for, or empty. Never a correction of a real English
/// word: those are left as typed, whatever they lie close to; nor of a word
/// longer than kMaxCorrectedWordBytes (no vocabulary word is that long).
std::string correction_for(const Kb& kb, std::string_view word);

/// correction_for() for many words against one KB: the vocabulary is
/// indexed once, on the first word that needs it (by sound key, and by first
/// letter and length), so a word is compared with the few vocabulary words
/// that could be its correction instead of all of them, and a word asked
/// about twice is answered from memory. A query of a thousand lines of
/// gibberish then costs milliseconds per line, not a scan of the vocabulary
/// per word.
class Speller {
 public:
  explicit Speller(const Kb& kb) : kb_(kb) {}
  std::string correction(std::string_view word);

 private:
  void index();
  const Kb& kb_;
  bool indexed_ = false;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_sound_;    // sound key -> words()
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> by_start_;  // first byte and length -> words()
  std::unordered_map<std::string, std::string> memo_;
};

}  // namespace tpx::detail

#endif  // TPX_SPELLING_H_
