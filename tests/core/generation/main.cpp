// tst_core_generation: sampling and stop strings on hand-made values, then generation and
// LocalModel on a real random tiny model with a real tokenizer.

#include "tests.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failed = runSamplingTests(argc, argv);
    failed += runGenerationTests(argc, argv);
    failed += runLocalModelTests(argc, argv);
    return failed;
}
