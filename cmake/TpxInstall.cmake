# What `cmake --install` puts where, in two components that CPack turns into
# two Debian packages (cmake/TpxPackage.cmake), and the CMake package that lets
# another project find_package(tpx) and link tpx::core, tpx::printer and tpx::kb:
#
# runtime (package tpx):
#   bin/tpx
#   share/man/man1/tpx.1.gz
#   share/bash-completion/completions/tpx, share/fish/vendor_completions.d/tpx.fish,
#   zsh's _tpx (share/zsh/vendor-completions under /usr, else share/zsh/site-functions)
#   share/tpx/kb/            the KB's YAML sources, to copy and edit for --kb
#   share/doc/tpx/           copyright, changelog.gz
# dev (package libtpx-dev):
#   include/tpx/*.h          the public API, version.h included
#   lib/libtpx_core.a, lib/libtpx_printer.a, lib/libtpx_kb.a (the built-in KB),
#   lib/cmake/tpx/           the libraries and their package files
#   share/doc/libtpx-dev/    copyright, changelog.gz
include(CMakePackageConfigHelpers)

install(TARGETS tpx RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(FILES ${TPX_MAN_PAGE_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
install(FILES ${TPX_BASH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME tpx
        COMPONENT runtime)
# Debian's zsh searches /usr/local/share/zsh/site-functions but, under /usr,
# only share/zsh/vendor-completions: decided when installing, so that one build
# serves `cmake --install --prefix /usr/local`, `--prefix /usr` and the .deb.
# Setting the cache variable forces one directory for every prefix.
set(TPX_INSTALL_ZSH_COMPLETIONS_DIR "" CACHE STRING
  "Where zsh completion _tpx is installed, relative to the prefix (empty: by prefix, as Debian's zsh looks)")
if(TPX_INSTALL_ZSH_COMPLETIONS_DIR)
  install(FILES ${TPX_ZSH_COMPLETION} DESTINATION ${TPX_INSTALL_ZSH_COMPLETIONS_DIR} COMPONENT runtime)
else()
  install(CODE "
    if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
      set(tpx_zsh_dir \"${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions\")
    else()
      set(tpx_zsh_dir \"${CMAKE_INSTALL_DATADIR}/zsh/site-functions\")
    endif()
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/\${tpx_zsh_dir}\" TYPE FILE FILES \"${TPX_ZSH_COMPLETION}\")
    " COMPONENT runtime)
endif()
install(FILES ${TPX_FISH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d
        COMPONENT runtime)
set(TPX_INSTALL_KBDIR ${CMAKE_INSTALL_DATADIR}/tpx/kb)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/kb/ DESTINATION ${TPX_INSTALL_KBDIR} COMPONENT runtime
        FILES_MATCHING PATTERN "*.yaml")
# Each package carries the copyright file and changelog Debian asks for.
foreach(pkg_component IN ITEMS "tpx;runtime" "libtpx-dev;dev")
  list(GET pkg_component 0 pkg)
  list(GET pkg_component 1 component)
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/debian/copyright ${TPX_CHANGELOG_GZ}
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${pkg} COMPONENT ${component})
endforeach()

# The libraries, exported as tpx::core, tpx::printer and tpx::kb (the
# built-in KB's image, builtin_kb()).
set(TPX_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/tpx)
set_target_properties(tpx_core PROPERTIES EXPORT_NAME core)
set_target_properties(tpx_printer PROPERTIES EXPORT_NAME printer)
set_target_properties(tpx_kb PROPERTIES EXPORT_NAME kb)
install(TARGETS tpx_core tpx_printer tpx_kb EXPORT tpxTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tpx DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev
        FILES_MATCHING PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/tpx/version.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tpx
        COMPONENT dev)
install(EXPORT tpxTargets NAMESPACE tpx:: FILE tpxTargets.cmake DESTINATION ${TPX_INSTALL_CMAKEDIR} COMPONENT dev)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/tpxConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tpxConfig.cmake
  INSTALL_DESTINATION ${TPX_INSTALL_CMAKEDIR}
  PATH_VARS TPX_INSTALL_KBDIR)
# 0.x: a new minor version may break the API, so only the same minor matches.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tpxConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tpxConfig.cmake ${PROJECT_BINARY_DIR}/tpxConfigVersion.cmake
  DESTINATION ${TPX_INSTALL_CMAKEDIR} COMPONENT dev)
