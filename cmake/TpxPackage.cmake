# `cpack -G DEB` in the build directory makes two Debian packages from the
# install components (cmake/TpxInstall.cmake):
#   tpx         the program, its man page, completions and the KB sources
#   libtpx-dev  the static core and printer libraries, headers and CMake package
# Both are checked with lintian and installed into a fresh Debian 12 root by
# tests/package/package_test.sh (`.ci/dev package`).
set(CPACK_PACKAGE_NAME tpx)
set(CPACK_PACKAGE_VENDOR "the tpx authors")
set(CPACK_PACKAGE_CONTACT "tpx maintainers <tpx@example.org>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://example.org/tpx")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Without debug information: users who need it build from source.
set(CPACK_STRIP_FILES ON)

# Each package's description starts with its own summary line. CPackDeb
# prepends CPACK_PACKAGE_DESCRIPTION_SUMMARY to every component's description
# unless it is CPack's default, so it is set to that default here.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME tpx)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION utils)
# dpkg-shlibdeps derives Depends from the shared libraries tpx links.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
  "find the muscles whose trigger points refer pain where you hurt
tpx ranks the muscles whose myofascial trigger points refer pain to the
places you name, says where to press and prints a self-release protocol,
with a clear warning when a symptom needs a professional's check. It reads
and writes text, JSON, TSV and ids for shell pipelines.
.
It is a reference, not medical advice. The package holds the program, its
manual page, bash, zsh and fish completions and the knowledge base's YAML
sources.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libtpx-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# tpx::core is static: its users link what it links. The KB sources that the
# CMake package names (tpx_KB_DIR) come with the tpx package.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
  "tpx (= ${PROJECT_VERSION}), libyaml-cpp-dev (>= 0.7), libfmt-dev (>= 9)")
set(CPACK_DEBIAN_DEV_DESCRIPTION
  "trigger-point pain finder (development files)
The static core and printer libraries of tpx (loading and validating a
knowledge base, compiling it, resolving phrases, ranking muscles, printing
results), their C++ headers and their CMake package: find_package(tpx)
gives the targets tpx::core and tpx::printer.")
include(CPack)
