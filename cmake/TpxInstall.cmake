# What `cmake --install` puts where, and the CMake package that lets another
# project find_package(tpx) and link tpx::core, tpx::printer and tpx::kb:
#   bin/tpx
#   share/man/man1/tpx.1
#   share/bash-completion/completions/tpx, share/zsh/site-functions/_tpx,
#   share/fish/vendor_completions.d/tpx.fish
#   share/tpx/kb/            the KB's YAML sources, to copy and edit for --kb
#   include/tpx/*.h          the public API, version.h included
#   lib/libtpx_core.a, lib/libtpx_printer.a, lib/libtpx_kb.a (the built-in KB),
#   lib/cmake/tpx/           the libraries and their package files
include(CMakePackageConfigHelpers)

install(TARGETS tpx RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${TPX_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${TPX_BASH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME tpx)
# Debian's zsh searches /usr/local/share/zsh/site-functions but, under /usr,
# only share/zsh/vendor-completions: a package for /usr may set this to that.
set(TPX_INSTALL_ZSH_COMPLETIONS_DIR ${CMAKE_INSTALL_DATADIR}/zsh/site-functions CACHE STRING
  "Where zsh completion _tpx is installed, relative to the prefix")
install(FILES ${TPX_ZSH_COMPLETION} DESTINATION ${TPX_INSTALL_ZSH_COMPLETIONS_DIR})
install(FILES ${TPX_FISH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
set(TPX_INSTALL_KBDIR ${CMAKE_INSTALL_DATADIR}/tpx/kb)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/kb/ DESTINATION ${TPX_INSTALL_KBDIR} FILES_MATCHING PATTERN "*.yaml")

# The libraries, exported as tpx::core, tpx::printer and tpx::kb (the
# built-in KB's image, builtin_kb()).
set(TPX_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/tpx)
set_target_properties(tpx_core PROPERTIES EXPORT_NAME core)
set_target_properties(tpx_printer PROPERTIES EXPORT_NAME printer)
set_target_properties(tpx_kb PROPERTIES EXPORT_NAME kb)
install(TARGETS tpx_core tpx_printer tpx_kb EXPORT tpxTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tpx DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/tpx/version.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tpx)
install(EXPORT tpxTargets NAMESPACE tpx:: FILE tpxTargets.cmake DESTINATION ${TPX_INSTALL_CMAKEDIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/tpxConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tpxConfig.cmake
  INSTALL_DESTINATION ${TPX_INSTALL_CMAKEDIR}
  PATH_VARS TPX_INSTALL_KBDIR)
# 0.x: a new minor version may break the API, so only the same minor matches.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tpxConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tpxConfig.cmake ${PROJECT_BINARY_DIR}/tpxConfigVersion.cmake
  DESTINATION ${TPX_INSTALL_CMAKEDIR})
