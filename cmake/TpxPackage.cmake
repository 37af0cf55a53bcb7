# `cpack -G DEB` in the build directory makes a Debian package of everything
# `cmake --install` installs.
set(CPACK_PACKAGE_NAME tpx)
set(CPACK_PACKAGE_VENDOR "tpx")
set(CPACK_PACKAGE_CONTACT "tpx maintainers <tpx@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "find the muscles whose trigger points refer pain where you hurt")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "tpx ranks the muscles whose myofascial trigger points refer pain to the places you name, says where to "
  "press and prints a self-release protocol. It is a reference, not medical advice. The package also holds "
  "the knowledge base's YAML sources, the man page, bash, zsh and fish completions, and the static core "
  "library with its headers and CMake package (find_package(tpx), tpx::core, tpx::printer).")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://example.org/tpx")
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
# dpkg-shlibdeps derives Depends from the binary's shared libraries
# (libyaml-cpp0.7, libfmt9, libstdc++6, libc6).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Without debug information: users who need it build from source.
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
include(CPack)
