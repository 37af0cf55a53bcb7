# How the tpx executable links its libraries. Start-up is most of a query's
# cost (docs/performance.md): loading and relocating libstdc++, libfmt and
# libyaml-cpp took longer than answering, so by default everything is linked
# in.
#
#   TPX_LINK=static       (default) one static position-independent
#                         executable (-static-pie), glibc included; fmt
#                         header-only, yaml-cpp from libyaml-cpp.a. No dynamic
#                         loader, no symbol lookups, no shared library.
#   TPX_LINK=static-libs  libstdc++, libgcc, fmt and yaml-cpp linked in; glibc
#                         (and libm) stay shared.
#   TPX_LINK=shared       every library shared (libstdc++6, libfmt9,
#                         libyaml-cpp0.7): for distributions whose policy
#                         forbids static copies of packaged libraries.
#
# Sanitizer and fuzzing builds default to shared (their runtimes do not
# support -static). Sets TPX_FMT and TPX_YAML_CPP, the targets every in-tree
# target uses for fmt and yaml-cpp, and TPX_EXE_LINK_OPTIONS, the link options
# of tpx and of the programs that stand in for it in tests and benchmarks.
if(TPX_SANITIZE OR TPX_FUZZ)
  set(_tpx_link_default shared)
else()
  set(_tpx_link_default static)
endif()
set(TPX_LINK ${_tpx_link_default} CACHE STRING "How tpx links its libraries: static, static-libs or shared")
set_property(CACHE TPX_LINK PROPERTY STRINGS static static-libs shared)
if(NOT TPX_LINK MATCHES "^(static|static-libs|shared)$")
  message(FATAL_ERROR "TPX_LINK must be static, static-libs or shared, not '${TPX_LINK}'")
endif()

if(TPX_LINK STREQUAL "shared")
  set(TPX_FMT fmt::fmt)
  set(TPX_YAML_CPP yaml-cpp)
  # Only the libraries tpx calls become DT_NEEDED entries.
  set(TPX_EXE_LINK_OPTIONS LINKER:-O1,--as-needed)
else()
  # Debian ships libfmt only as a shared library; its header-only mode
  # compiles the same code into each user.
  set(TPX_FMT fmt::fmt-header-only)
  find_library(TPX_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a REQUIRED
    DOC "yaml-cpp as a static archive (libyaml-cpp-dev), for TPX_LINK=static or static-libs")
  add_library(tpx_yaml_cpp_static STATIC IMPORTED)
  set_target_properties(tpx_yaml_cpp_static PROPERTIES IMPORTED_LOCATION ${TPX_YAML_CPP_ARCHIVE})
  set(TPX_YAML_CPP tpx_yaml_cpp_static)
  if(TPX_LINK STREQUAL "static")
    # -static-pie, not -static: a -static executable registers its unwind
    # tables at start-up and sorts all of them on the first exception, and
    # CLI11 ends --version and --help with one (20 million instructions,
    # 8 ms, against 0.9 million for the whole of --version with -static-pie,
    # which finds unwind tables through .eh_frame_hdr). It also keeps ASLR.
    include(CheckCXXSourceCompiles)
    set(CMAKE_REQUIRED_LINK_OPTIONS -static-pie)
    check_cxx_source_compiles("int main() { return 0; }" TPX_HAVE_STATIC_PIE)
    unset(CMAKE_REQUIRED_LINK_OPTIONS)
    if(NOT TPX_HAVE_STATIC_PIE)
      message(FATAL_ERROR "TPX_LINK=static needs a toolchain that links -static-pie (glibc's rcrt1.o); "
                          "configure with -DTPX_LINK=static-libs or -DTPX_LINK=shared")
    endif()
    set(TPX_EXE_LINK_OPTIONS -static-pie)
  else()
    set(TPX_EXE_LINK_OPTIONS -static-libstdc++ -static-libgcc LINKER:-O1,--as-needed)
  endif()
endif()
message(STATUS "tpx links: ${TPX_LINK} (TPX_LINK=static|static-libs|shared)")
