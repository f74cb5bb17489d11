#pragma once

// The test classes of tst_core_generation, run one after the other by main.cpp.

int runSamplingTests(int argc, char **argv);
int runGenerationTests(int argc, char **argv);
int runLocalModelTests(int argc, char **argv);
