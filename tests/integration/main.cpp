// The one doctest main of the integration-test binary; every other file in tests/integration
// holds test cases or helpers.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
