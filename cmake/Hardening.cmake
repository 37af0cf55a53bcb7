# The hardening Debian asks of packaged programs (dpkg-buildflags, lintian's
# hardening checks): fortified libc calls, stack protector, full RELRO and
# immediate binding. Position-independent executables are the toolchain's
# default on Debian. Off in sanitizer and fuzzing builds, where ASan replaces
# the fortified calls with its own checks.
option(TPX_HARDENING "Build with fortify, stack-protector-strong, full RELRO and bind-now" ON)

if(TPX_HARDENING AND NOT TPX_SANITIZE AND NOT TPX_FUZZ)
  # _FORTIFY_SOURCE needs optimisation: not in Debug builds, where glibc warns.
  add_compile_options($<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE> $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>
                      -fstack-protector-strong)
  add_link_options(LINKER:-z,relro LINKER:-z,now)
endif()
