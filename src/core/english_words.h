// The real English words from Debian's wamerican and wbritish lists, folded
// like query words (see src/kbc/words.cc, which generates the table at build
// time). Spelling correction leaves these alone.
#ifndef TPX_ENGLISH_WORDS_H_
#define TPX_ENGLISH_WORDS_H_

#include <cstddef>
#include <string_view>

namespace tpx::detail {

extern const char kEnglishWords[];
extern const std::size_t kEnglishWordsSize;

/// True when `folded` (a fold_word() result) is a real English word.
bool is_english_word(std::string_view folded);

}  // namespace tpx::detail

#endif  // TPX_ENGLISH_WORDS_H_
