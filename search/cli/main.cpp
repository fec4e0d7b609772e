#include <cstdio>
#include <exception>

#include "grammar/error.hpp"
#include "search/version.hpp"

int main(int argc, char** argv) {
  try {
    (void)argc;
    (void)argv;
    std::printf("actsearch %s\n", actsearch::search::version().data());
    return 0;
  } catch (const actsearch::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
