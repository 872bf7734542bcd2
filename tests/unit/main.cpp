// The one doctest main of the unit-test binary; every other file in tests/unit holds test cases.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
