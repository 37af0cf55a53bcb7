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
add_custom_target(tpx_generated ALL
  DEPENDS ${TPX_MAN_PAGE} ${TPX_BASH_COMPLETION} ${TPX_ZSH_COMPLETION} ${TPX_FISH_COMPLETION})
