// The viewer tests' main: doctest's, plus an early leak check in sanitizer builds.
//
// LeakSanitizer normally checks at exit, but by then SFML's static OpenGL context has been
// destroyed and Mesa has unloaded its driver (swrast_dri.so) with dlclose: the driver's caches
// are no longer reachable from its globals, and their allocation stacks point into an unmapped
// module, so they show as leaks "(<unknown module>)" that no suppression can match. Checking at
// the end of main, while SFML and the driver are still loaded, reports exactly the leaks of
// the code under test.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

int main(int argc, char** argv) {
  const int result = doctest::Context(argc, argv).run();
#if defined(__SANITIZE_ADDRESS__)
  __lsan_do_leak_check();  // dies with a report if anything leaked; disables the exit check
#endif
  return result;
}
