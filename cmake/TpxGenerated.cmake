# The man page and the shell completion scripts, written at build time by
# running the built tpx: they come from the same CLI11 definitions as
# `tpx --help`, so they cannot drift from it.
set(TPX_MAN_PAGE ${PROJECT_BINARY_DIR}/tpx.1)
set(TPX_COMPLETION_DIR ${PROJECT_BINARY_DIR}/completions)
set(TPX_BASH_COMPLETION ${TPX_COMPLETION_DIR}/tpx.bash)
set(TPX_ZSH_COMPLETION ${TPX_COMPLETION_DIR}/_tpx)
set(TPX_FISH_COMPLETION ${TPX_COMPLETION_DIR}/tpx.fish)

# tpx_generate(OUTPUT ARGS...): OUTPUT is what `tpx ARGS...` prints.
function(tpx_generate output)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${TPX_COMPLETION_DIR}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} "-DCOMMAND=$<TARGET_FILE:tpx>;${ARGN}"
            -P ${PROJECT_SOURCE_DIR}/cmake/capture.cmake
    DEPENDS tpx ${PROJECT_SOURCE_DIR}/cmake/capture.cmake
    COMMENT "Generating ${output}"
    VERBATIM)
endfunction()

tpx_generate(${TPX_MAN_PAGE} man)
tpx_generate(${TPX_BASH_COMPLETION} completion bash)
tpx_generate(${TPX_ZSH_COMPLETION} completion zsh)
tpx_generate(${TPX_FISH_COMPLETION} completion fish)

# What is installed compressed, as Debian policy asks (gzip -9n: no name or
# time stamp inside, so the bytes depend only on the content): the man page
# and the changelog.
find_program(TPX_GZIP gzip REQUIRED)
set(TPX_DOC_DIR ${PROJECT_BINARY_DIR}/doc)
set(TPX_MAN_PAGE_GZ ${TPX_MAN_PAGE}.gz)
set(TPX_CHANGELOG_GZ ${TPX_DOC_DIR}/changelog.gz)
add_custom_command(
  OUTPUT ${TPX_MAN_PAGE_GZ}
  COMMAND ${TPX_GZIP} -9nkf ${TPX_MAN_PAGE}
  DEPENDS ${TPX_MAN_PAGE}
  VERBATIM)
add_custom_command(
  OUTPUT ${TPX_CHANGELOG_GZ}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${TPX_DOC_DIR}
  COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/packaging/debian/changelog ${TPX_DOC_DIR}/changelog
  COMMAND ${TPX_GZIP} -9nf ${TPX_DOC_DIR}/changelog
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/debian/changelog
  VERBATIM)
add_custom_target(tpx_generated ALL
  DEPENDS ${TPX_MAN_PAGE} ${TPX_MAN_PAGE_GZ} ${TPX_CHANGELOG_GZ} ${TPX_BASH_COMPLETION} ${TPX_ZSH_COMPLETION}
          ${TPX_FISH_COMPLETION})
