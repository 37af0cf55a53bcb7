// The output escaper's promises, checked on any bytes: shared by fuzz_escape
// and the normal suite (tests/printer/escape_test.cc), so a finding replayed
// there fails the same way.
#ifndef TPX_TESTS_FUZZ_ESCAPE_CHECK_H_
#define TPX_TESTS_FUZZ_ESCAPE_CHECK_H_

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>
#include <string_view>

#include "terminal_safe.h"
#include "tpx/escape.h"

namespace tpx_fuzz {

/// Aborts (a finding) when an escaper breaks a promise on `s`.
inline void check_escapers(std::string_view s) {
  if (!terminal_safe(tpx::visible(s))) std::abort();
  std::string tsv = tpx::visible_tsv(s);
  if (!terminal_safe(tsv) || tsv.find('\t') != std::string::npos) std::abort();
  // The JSON a printer writes: the same value read back, nothing raw.
  nlohmann::json j = std::string(s);
  std::string dumped = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string safe = tpx::visible_json(dumped);
  if (!terminal_safe(safe)) std::abort();
  if (nlohmann::json::parse(safe) != nlohmann::json::parse(dumped)) std::abort();
  // Escaping twice changes nothing more: the output is already plain.
  if (tpx::visible(tpx::visible(s)) != tpx::visible(s)) std::abort();
}

}  // namespace tpx_fuzz

#endif  // TPX_TESTS_FUZZ_ESCAPE_CHECK_H_
