#pragma once

#include <QTest>

#include "core/common/error.h"

// QVERIFY for Result<T>: on failure the message shows the Error, not just "false".
#define QVERIFY_RESULT(expr)                                                                       \
    do {                                                                                           \
        const auto &_r = (expr);                                                                   \
        if (!_r)                                                                                   \
            QFAIL(qPrintable(                                                                      \
                QStringLiteral("%1 failed: [%2] %3")                                               \
                    .arg(QStringLiteral(#expr), XeroSync::errorCodeName(_r.error().code),          \
                        _r.error().message)));                                                     \
    } while (false)

// The expression must fail with this ErrorCode.
#define QVERIFY_ERROR(expr, expectedCode)                                                          \
    do {                                                                                           \
        const auto &_r = (expr);                                                                   \
        QVERIFY2(!_r,                                                                              \
            qPrintable(QStringLiteral("%1 succeeded unexpectedly").arg(QStringLiteral(#expr))));   \
        QCOMPARE(XeroSync::errorCodeName(_r.error().code), XeroSync::errorCodeName(expectedCode)); \
    } while (false)
