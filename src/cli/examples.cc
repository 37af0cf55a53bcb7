#include "examples.h"

#include <utility>

namespace tpx::cli {

const std::vector<ManualEntry>& command_examples(std::string_view name) {
  static const std::vector<std::pair<std::string_view, std::vector<ManualEntry>>> table = {
      {"where",
       {{"tpx where \"temple\" \"top of shoulder\"", "rank the muscles that refer pain there"},
        {"tpx where \"burning between my shoulder blades\" --explain", "with each score's parts"},
        {"tpx where heel \"arch of foot\" --format ids | tpx muscle -", "the cards of the best five"},
        {"printf 'buttock\\nback of thigh\\n' | tpx where -", "phrases from stdin, one per line"}}},
      {"muscle",
       {{"tpx muscle levator-scapulae", "one card"},
        {"tpx muscle SCM traps --format json", "two cards, one JSON object per line"},
        {"tpx where neck --format ids | tpx muscle -", "names from stdin, one per line"}}},
      {"area",
       {{"tpx area \"web of the thumb\"", "every muscle that refers pain there"},
        {"tpx area tailbone --format tsv --header", "muscle, name, weight, trigger_point, area"}}},
      {"cause",
       {{"tpx cause \"looking down at my phone\"", "what it overloads and what to change"},
        {"tpx cause \"desk work\" --format json", "the same as one JSON object"}}},
      {"protocol",
       {{"tpx protocol ball-against-wall", "steps, dose, cautions, the muscles that use it"},
        {"tpx list protocols", "every protocol's id"}}},
      {"check", {{"tpx check ~/my-kb", "every problem as file:line:column"}}},
      {"compile",
       {{"tpx compile ~/my-kb -o my-kb.tpxi", "validate once and write the image"},
        {"tpx --kb my-kb.tpxi where heel", "then every query opens it at once"}}},
      {"list",
       {{"tpx list areas | grep -i knee", "the words tpx knows"}, {"tpx list muscles --format ids", "ids only"}}},
      {"cache",
       {{"tpx cache path", "where compiled --kb images are kept"}, {"tpx cache clear", "delete every cached image"}}},
      {"completion", {{"source <(tpx completion bash)", "TAB completion in this bash"}}},
      {"help", {{"tpx help where", "what tpx where --help prints"}}},
      {"man", {{"tpx man | man -l -", "read this page without installing tpx"}}},
  };
  static const std::vector<ManualEntry> none;
  for (const auto& [command, examples] : table) {
    if (command == name) return examples;
  }
  return none;
}

}  // namespace tpx::cli
