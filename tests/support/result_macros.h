#pragma once

// Qt Test checks for api::Result values, shared by the test suites: on failure they print the
// error (status, title, detail) instead of a bare "false".

#include <QtTest>

#include <string>

//! The result holds a value (or, for Result<void>, no error).
#define QVERIFY_RESULT(expr)                                                                       \
    do {                                                                                           \
        const auto &result_ = (expr);                                                              \
        QVERIFY2(bool(result_), result_ ? "" : result_.error().toString().c_str());                \
    } while (false)

//! The result is an error with HTTP status `status_` whose detail contains `needle`.
#define QVERIFY_ERROR(expr, status_, needle)                                                       \
    do {                                                                                           \
        const auto &result_ = (expr);                                                              \
        QVERIFY2(!result_, "expected an error");                                                   \
        QVERIFY2(result_.error().status == (status_), result_.error().toString().c_str());         \
        QVERIFY2(result_.error().detail.find(needle) != std::string::npos,                         \
                 result_.error().toString().c_str());                                              \
    } while (false)
