# Runs a command and writes its standard output to a file, failing the build
# step when the command fails. A script, not shell redirection, so it works
# with every generator:
#   cmake -DOUTPUT=file -DCOMMAND="prog;arg;..." -P capture.cmake
execute_process(COMMAND ${COMMAND} OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "${COMMAND} failed: ${rc}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
