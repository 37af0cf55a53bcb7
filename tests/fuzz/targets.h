// The fuzz targets' bodies, shared by the libFuzzer entry points
// (fuzz_load.cc, fuzz_query.cc, fuzz_image.cc) and by regressions_test.cc,
// which replays every input in tests/fuzz/regressions/ in the normal suite,
// so a fixed crash stays fixed in every build, sanitized or not.
//
// Each function returns normally for any input; a crash, a sanitizer report,
// an abort() on a broken invariant or a hang is a finding.
#ifndef TPX_TESTS_FUZZ_TARGETS_H_
#define TPX_TESTS_FUZZ_TARGETS_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exercise.h"
#include "tpx/check.h"
#include "tpx/compile.h"
#include "tpx/load.h"

namespace tpx_fuzz {

// ---- fuzz_load: bytes as one YAML file of a KB ----------------------------
//
// The other files come from tests/data/kb-small. The input replaces (or adds)
// the file named on its first line when that line is "# file: <rel>" with a
// known <rel>, and muscles/trapezius.yaml otherwise. The line is a YAML
// comment, so seeds are ordinary KB files with one header line. The KB is
// loaded from memory with load_sources() (what load_directory() uses) and,
// when valid, compiled, opened, linted and queried.

inline const std::vector<tpx::Source>& base_kb() {
  static const std::vector<tpx::Source> sources = [] {
    std::vector<tpx::Diagnostic> diags;
    return tpx::read_directory(std::string(TPX_TEST_DATA_DIR) + "/kb-small", diags);
  }();
  return sources;
}

inline std::string_view target_file(std::string_view text) {
  constexpr std::string_view kFiles[] = {"regions.yaml",
                                         "areas.yaml",
                                         "symptoms.yaml",
                                         "causes.yaml",
                                         "protocols.yaml",
                                         "red-flags.yaml",
                                         "muscles/trapezius.yaml",
                                         "muscles/temporalis.yaml",
                                         "muscles/extra.yaml",
                                         "areas/more.yaml",
                                         "bones.yaml"};
  constexpr std::string_view kHeader = "# file: ";
  if (text.substr(0, kHeader.size()) == kHeader) {
    std::string_view rel = text.substr(kHeader.size(), text.find('\n') - kHeader.size());
    for (std::string_view f : kFiles) {
      if (rel == f) return f;
    }
  }
  return "muscles/trapezius.yaml";
}

/// The KB fuzz_load builds from `text`, loaded.
inline tpx::LoadResult load_with(std::string_view text) {
  std::string rel(target_file(text));
  std::vector<tpx::Source> sources = base_kb();
  bool replaced = false;
  for (tpx::Source& s : sources) {
    if (s.rel == rel) {
      s.text = std::string(text);
      replaced = true;
    }
  }
  if (!replaced) sources.push_back({rel, "fuzz/" + rel, std::string(text)});
  return tpx::load_sources(sources);
}

inline void load_one(std::string_view text) {
  if (text.size() > tpx::kMaxFileBytes + 1) return;  // the screen refuses these first
  tpx::LoadResult loaded = load_with(text);
  for (const tpx::Diagnostic& d : loaded.diagnostics) {
    // Diagnostics are one line each: the CLI prints them as they are.
    if (tpx::format_diagnostic(d).find('\n') != std::string::npos) {
      std::fprintf(stderr, "diagnostic spans lines: %s\n", tpx::format_diagnostic(d).c_str());
      std::abort();
    }
  }
  if (!loaded.ok()) return;
  tpx::Kb kb = tpx::compile_kb(loaded.model);
  (void)tpx::lint(loaded.model, kb);
  // compile() and Kb::open() agree on the format: what one writes, the other reads.
  std::vector<std::byte> bytes = tpx::compile(loaded.model);
  std::string why;
  if (!tpx::Kb::open(bytes, nullptr, &why)) {
    std::fprintf(stderr, "compiled image does not open: %s\n", why.c_str());
    std::abort();
  }
  exercise(kb, {"temple", "top of shoulder", "stiff neck", "desk work"});
}

// ---- fuzz_query: bytes as phrases against the KB compiled from kb/ ---------

inline const tpx::Kb& source_kb() {
  static std::string text = [] {
    std::ifstream in(TPX_KB_IMAGE, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }();
  static std::vector<std::uint64_t> storage(text.size() / 8 + 1);  // 8-byte aligned, as Kb::open needs
  static const tpx::Kb kb = [] {
    std::memcpy(storage.data(), text.data(), text.size());
    std::string why;
    std::optional<tpx::Kb> opened =
        tpx::Kb::open({reinterpret_cast<const std::byte*>(storage.data()), text.size()}, nullptr, &why);
    if (!opened) {
      std::fprintf(stderr, "cannot open %s: %s\n", TPX_KB_IMAGE, why.c_str());
      std::abort();
    }
    return *opened;
  }();
  return kb;
}

inline void query_one(std::string_view text) {
  exercise(source_kb(), phrases_of(text), /*lists=*/false);
  // The normaliser takes any bytes, whatever the CLI's gate lets through.
  (void)tpx::normalize_words(text);
  (void)tpx::normalize_key(text);
}

// ---- fuzz_image: bytes opened as a compiled image --------------------------
//
// Kb::open() promises that an image it accepts is never read out of bounds,
// so any sanitizer report here is a bug in its checks. A mutated image almost
// never keeps a valid checksum, which would stop the fuzzer at the first
// check, so each input is opened twice: as it is, and with the header's size
// and checksum set to match the bytes, which lets mutations reach the
// section and record checks behind them.

inline void query_all(const tpx::Kb& kb) {
  exercise(kb, {"temple", "top of shoulder", "stiff neck", "desk work", "trapezius"});
  std::ostringstream sink;
  for (tpx::Format f : {tpx::Format::kText, tpx::Format::kJson}) {
    std::unique_ptr<tpx::Printer> printer = tpx::make_printer(f, {});
    for (std::uint32_t m = 0; m < kb.muscles().size(); ++m) printer->muscles(sink, kb, {m});
    for (std::uint32_t p = 0; p < kb.protocols().size(); ++p) printer->protocol(sink, kb, p);
  }
}

// Opened with every check, the image is never found damaged later; opened
// lazily, a query may stop with DamagedImage (and nothing else) where it
// reads a bad block or an out-of-bounds reference.
inline void open_and_query(const std::vector<std::uint64_t>& storage, std::size_t size) {
  std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(storage.data()), size);
  std::string why;
  if (std::optional<tpx::Kb> kb = tpx::Kb::open(bytes, nullptr, &why)) query_all(*kb);
  if (std::optional<tpx::Kb> kb = tpx::Kb::open_lazily(bytes, nullptr, &why)) {
    try {
      query_all(*kb);
    } catch (const tpx::DamagedImage&) {
    }
  }
}

/// Sets the header's size, block sums and checksum to match the bytes.
inline void fix_checksum(std::vector<std::uint64_t>& storage, std::size_t size) {
  if (size < sizeof(tpx::image::Header)) return;
  reinterpret_cast<tpx::image::Header*>(storage.data())->size = size;
  (void)tpx::image::seal({reinterpret_cast<std::byte*>(storage.data()), size});
}

inline void image_one(std::string_view data) {
  std::vector<std::uint64_t> storage(data.size() / 8 + 1);  // 8-byte aligned, as mapped or embedded
  if (!data.empty()) std::memcpy(storage.data(), data.data(), data.size());
  open_and_query(storage, data.size());
  if (data.size() >= sizeof(tpx::image::Header)) {
    fix_checksum(storage, data.size());
    open_and_query(storage, data.size());
  }
}

}  // namespace tpx_fuzz

#endif  // TPX_TESTS_FUZZ_TARGETS_H_
