// tpx-synth N DIR: writes a schema-valid synthetic KB of N muscles to DIR.
#include <cstdlib>
#include <iostream>
#include <string>

#include "synth_kb.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: tpx-synth MUSCLES DIR\n";
    return 2;
  }
  try {
    std::size_t n = std::stoul(argv[1]);
    tpx::bench::write_kb(tpx::bench::synth_model(n), argv[2]);
  } catch (const std::exception& e) {
    std::cerr << "tpx-synth: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
