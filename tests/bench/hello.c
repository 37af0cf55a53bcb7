/* The floor tpx's start-up is measured against (tests/bench/hyperfine.sh,
 * docs/performance.md): a static C program that prints one line and exits. */
#include <stdio.h>

int main(void) {
  puts("hello, world");
  return 0;
}
