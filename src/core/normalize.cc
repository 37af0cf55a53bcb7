#include "tpx/normalize.h"

#include <algorithm>
#include <array>
#include <utility>

namespace tpx {
namespace {

// Filler words: articles, pronouns, prepositions that never distinguish an
// area, the generic pain words every query contains, and the verbs of "it
// keeps going numb", which say how the pain behaves, not where it is (also
// as said: "achin'", "hurtin'"). Kept
// sorted for binary search. Words that do distinguish areas ("back", "front", "top",
// "side", "inside", "under", "behind", "between") must never be here.
constexpr std::array<std::string_view, 71> kFiller = {
    "a",       "ache",    "achey",   "achin",  "aching", "achy",  "also", "am",       "an",         "and",  "any",
    "are",     "area",    "at",      "be",     "been",   "bit",   "by",   "constant", "discomfort", "do",   "feel",
    "feeling", "for",     "from",    "get",    "go",     "going", "gone", "got",      "has",        "have", "having",
    "hurt",    "hurtin",  "hurting", "i",      "im",     "in",    "into", "is",       "it",         "ive",  "just",
    "keep",    "keeping", "kept",    "kind",   "lot",    "me",    "mine", "my",       "of",         "on",   "pain",
    "painful", "quite",   "really",  "region", "so",     "some",  "sore", "soreness", "spot",       "that", "the",
    "there",   "this",    "very",    "when",   "with"};

// Irregular plurals and spelling variants, sorted by the first element.
constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kIrregular = {
    {{"calves", "calf"},
     {"cannot", "cant"},
     {"centre", "center"},
     {"does", "do"},
     {"draught", "draft"},
     {"dysmenorrhoea", "dysmenorrhea"},
     {"favouring", "favoring"},
     {"feet", "foot"},
     {"goes", "go"},
     {"hurts", "hurt"},
     {"hypoglycaemia", "hypoglycemia"},
     {"lying", "lie"},
     {"oedema", "edema"},
     {"orthopaedic", "orthopedic"},
     {"shoulderblade", "shoulder blade"},
     {"shoulderblades", "shoulder blade"},
     {"teeth", "tooth"},
     {"thighbone", "thigh bone"},
     {"tumour", "tumor"}}};

// Both are binary-searched: an entry added out of order would silently stop
// matching, so the order is checked when tpx is compiled.
static_assert(std::is_sorted(kFiller.begin(), kFiller.end()), "kFiller must stay sorted");
static_assert(std::is_sorted(kIrregular.begin(), kIrregular.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; }),
              "kIrregular must stay sorted by its first element");

bool is_word_byte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80; }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Splits lowercase text into raw words, deleting apostrophes.
std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string cur;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if (c == '\'') continue;
    // U+2019 RIGHT SINGLE QUOTATION MARK, the typographic apostrophe.
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x99) {
      i += 2;
      continue;
    }
    if (c == '&') {  // "pins & needles" is "pins and needles"
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
      words.emplace_back("and");
    } else if (is_word_byte(c)) {
      cur += static_cast<char>(c);
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

}  // namespace

std::string fold_word(std::string_view w) {
  auto it = std::lower_bound(kIrregular.begin(), kIrregular.end(), w,
                             [](const auto& entry, std::string_view key) { return entry.first < key; });
  if (it != kIrregular.end() && it->first == w) return std::string(it->second);
  std::string s(w);
  if (s.size() > 4 && ends_with(s, "ies")) return s.substr(0, s.size() - 3) + "y";
  if (s.size() > 3 && s.back() == 's' && !ends_with(s, "ss") && !ends_with(s, "us") && !ends_with(s, "is")) {
    s.pop_back();
  }
  return s;
}

bool is_filler(std::string_view w) { return std::binary_search(kFiller.begin(), kFiller.end(), w); }

std::vector<std::string> fold_words(std::string_view text) {
  std::vector<std::string> out;
  for (const std::string& raw : split_words(text)) {
    std::string folded = fold_word(raw);
    // A fold may yield two words ("shoulderblade" -> "shoulder blade").
    std::size_t start = 0;
    while (start <= folded.size()) {
      std::size_t sp = folded.find(' ', start);
      std::string part = folded.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
      if (!part.empty()) out.push_back(std::move(part));
      if (sp == std::string::npos) break;
      start = sp + 1;
    }
  }
  return out;
}

std::vector<std::string> normalize_words(std::string_view text) {
  std::vector<std::string> out = fold_words(text);
  std::erase_if(out, [](const std::string& w) { return is_filler(w); });
  return out;
}

std::vector<std::string_view> key_words(std::string_view key) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0; start < key.size();) {
    const std::size_t sp = std::min(key.find(' ', start), key.size());
    out.push_back(key.substr(start, sp - start));
    start = sp + 1;
  }
  return out;
}

std::string normalize_key(std::string_view text) {
  std::string key;
  for (const std::string& w : normalize_words(text)) {
    if (!key.empty()) key += ' ';
    key += w;
  }
  return key;
}

}  // namespace tpx
