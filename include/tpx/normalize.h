// The one normaliser: KB aliases at build time and user phrases at query time
// go through the same functions, so the two can never drift apart.
//
// Lowercases ASCII, removes apostrophes ("can't" -> "cant", "neck's" ->
// "necks"), reads "&" as "and" and "cannot" as "cant", turns every other
// punctuation into a word break, folds plurals
// ("shoulders" -> "shoulder", "feet" -> "foot") and drops filler words
// ("my", "the", "pain", "sore"...). Bytes >= 0x80 are kept as word bytes.
#ifndef TPX_NORMALIZE_H_
#define TPX_NORMALIZE_H_

#include <string>
#include <string_view>
#include <vector>

namespace tpx {

/// The words of `text` after folding (lowercase, no punctuation, singular,
/// American spelling), filler words included.
std::vector<std::string> fold_words(std::string_view text);

/// The words of `text` after folding, without filler words.
std::vector<std::string> normalize_words(std::string_view text);

/// normalize_words() joined by single spaces: the key aliases are indexed by.
std::string normalize_key(std::string_view text);

/// The words of a key normalize_key() made (split at its single spaces), as
/// views into `key`.
std::vector<std::string_view> key_words(std::string_view key);

/// Folds one lowercase word: plural to singular, British to American spelling.
std::string fold_word(std::string_view word);

/// True for words that carry no meaning for matching ("my", "pain", "the").
bool is_filler(std::string_view folded_word);

}  // namespace tpx

#endif  // TPX_NORMALIZE_H_
