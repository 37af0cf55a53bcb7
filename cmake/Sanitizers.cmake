# Sanitizer and fuzzing builds, for hostile-input testing (docs/reliability.md).
#
#   TPX_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer on every
#                    target; any undefined behaviour aborts (no recovery), so
#                    a test that triggers it fails.
#   TPX_FUZZ=ON      libFuzzer targets under tests/fuzz/ (clang only); every
#                    target also gets coverage instrumentation so the fuzzers
#                    see the core library's branches.
#
# Included before any target is defined, so the flags reach all of them.
option(TPX_SANITIZE "Build everything with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(TPX_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)

if(TPX_SANITIZE)
  set(TPX_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_compile_options(${TPX_SANITIZER_FLAGS})
  add_link_options(${TPX_SANITIZER_FLAGS})
endif()

if(TPX_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TPX_FUZZ=ON needs clang (libFuzzer): configure with CXX=clang++-14")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
