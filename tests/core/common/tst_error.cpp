#include <QTest>

#include "core/common/error.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

class TestError : public QObject
{
    Q_OBJECT

private slots:

    void names_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("name");
        QTest::newRow("bad_request") << ErrorCode::BadRequest << u"bad_request"_s;
        QTest::newRow("unauthorized") << ErrorCode::Unauthorized << u"unauthorized"_s;
        QTest::newRow("forbidden") << ErrorCode::Forbidden << u"forbidden"_s;
        QTest::newRow("not_found") << ErrorCode::NotFound << u"not_found"_s;
        QTest::newRow("conflict") << ErrorCode::Conflict << u"conflict"_s;
        QTest::newRow("rate_limited") << ErrorCode::RateLimited << u"rate_limited"_s;
        QTest::newRow("unavailable") << ErrorCode::Unavailable << u"unavailable"_s;
        QTest::newRow("timeout") << ErrorCode::Timeout << u"timeout"_s;
        QTest::newRow("validation") << ErrorCode::Validation << u"validation"_s;
        QTest::newRow("payload_too_large") << ErrorCode::PayloadTooLarge << u"payload_too_large"_s;
        QTest::newRow("internal") << ErrorCode::Internal << u"internal"_s;
    }

    void names()
    {
        QFETCH(ErrorCode, code);
        QFETCH(QString, name);
        QCOMPARE(errorCodeName(code), name);
        const auto back = errorCodeFromName(name);
        QVERIFY(back.has_value());
        QCOMPARE(*back, code);
    }

    void unknownName()
    {
        const auto r = errorCodeFromName(u"teapot"_s);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::BadRequest);
        QVERIFY(r.error().message.contains(u"teapot"_s));
    }

    void failHelper()
    {
        const Result<int> r = fail(ErrorCode::Unavailable, u"redis down"_s, true);
        QVERIFY(!r);
        QCOMPARE(r.error(), (Error { ErrorCode::Unavailable, u"redis down"_s, true }));
        const Result<int> ok = 42;
        QCOMPARE(ok.value_or(0), 42);
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "tst_error.moc"
