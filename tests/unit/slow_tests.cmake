# ctest script (tests/unit/CMakeLists.txt, TEST_INCLUDE_FILES), read after
# doctest_discover_tests has defined the unit tests and listed them in
# tokprof_unit_TESTS: the test cases named here also get the label "slow".
# They still run in scripts/test.sh; the sanitizer step of .ci/run leaves
# them out. Measured under ASan+UBSan (Debug) on 2 cores:
#   hf counts of traces-real   about 11 minutes (5,746 answers, 4 tokenizers)
set(tokprof_slow_unit_tests
  "hf counts of traces-real")

foreach(test IN LISTS tokprof_slow_unit_tests)
  # Before the first build the test list is empty; nothing to label yet.
  list(FIND tokprof_unit_TESTS "${test}" at)
  if(NOT at EQUAL -1)
    set_tests_properties("${test}" PROPERTIES LABELS "unit;slow")
  endif()
endforeach()
