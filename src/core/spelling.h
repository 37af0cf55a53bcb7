// Spelling correction for query words: the one place that decides whether a
// word tpx does not know is a slip for a vocabulary word ("sholder") or a
// real word it should leave alone ("gout", "ladder", "golf").
#ifndef TPX_SPELLING_H_
#define TPX_SPELLING_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "tpx/image.h"

namespace tpx::detail {

/// Edit distance allowed when correcting a word of `size` letters: 1 up to 5
/// letters, 2 beyond; words under 3 letters are too short to guess.
int typo_budget(std::size_t size);

/// The vocabulary word of `kb` that `word` (folded, not itself a vocabulary
/// word) is a likely slip for, or empty. Never a correction of a real English
/// word: those are left as typed, whatever they lie close to.
std::string correction_for(const Kb& kb, std::string_view word);

}  // namespace tpx::detail

#endif  // TPX_SPELLING_H_
