#include <QTest>

#include "core/store/approvalevent.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

namespace {
// JSON written with single quotes for readability; moc cannot read raw string literals here.
QByteArray j(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}
} // namespace

class TestApprovalEvent : public QObject
{
    Q_OBJECT

private slots:

    void parsesTriggerPayload()
    {
        const auto e =
            ApprovalEvent::parse(j("{'event':'approved','submissionId':'sub-1','version':3,'userId'"
                                   ":'emp-9','approvedBy':'mgr','at':'2026-11-28T10:00:00.123Z'}"));
        QVERIFY(e.has_value());
        QCOMPARE(e->kind, ApprovalEvent::Kind::Approved);
        QCOMPARE(e->submissionId, u"sub-1"_s);
        QCOMPARE(e->version, 3);
        QCOMPARE(e->userId, u"emp-9"_s);
        QCOMPARE(e->approvedBy, u"mgr"_s);
        QCOMPARE(e->at, QDateTime(QDate(2026, 11, 28), QTime(10, 0, 0, 123), Qt::UTC));
    }

    void minimalAndNumericIds()
    {
        const auto e = ApprovalEvent::parse(j("{'event':'rejected','submissionId':42,'userId':7}"));
        QVERIFY(e.has_value());
        QCOMPARE(e->kind, ApprovalEvent::Kind::Rejected);
        QCOMPARE(e->submissionId, u"42"_s);
        QCOMPARE(e->userId, u"7"_s);
        QCOMPARE(e->version, 1);
        QVERIFY(!e->at.isValid());
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("not json") << QByteArray("approved sub-1") << u"malformed JSON"_s;
        QTest::newRow("array") << QByteArray("[1]") << u"not a JSON object"_s;
        QTest::newRow("no event") << (j("{'submissionId':'a'}")) << u"no string 'event'"_s;
        QTest::newRow("unknown event")
            << (j("{'event':'deleted','submissionId':'a'}")) << u"unknown event"_s;
        QTest::newRow("no id") << (j("{'event':'approved'}")) << u"no 'submissionId'"_s;
        QTest::newRow("blank id") << (j("{'event':'approved','submissionId':'  '}"))
                                  << u"no 'submissionId'"_s;
        QTest::newRow("object id")
            << (j("{'event':'approved','submissionId':{}}")) << u"no 'submissionId'"_s;
        QTest::newRow("long id") << (j("{'event':'approved','submissionId':'")
            + QByteArray(201, 'x') + "\"}")
                                 << u"longer than"_s;
        QTest::newRow("zero version")
            << (j("{'event':'approved','submissionId':'a','version':0}")) << u"positive integer"_s;
        QTest::newRow("string version")
            << (j("{'event':'approved','submissionId':'a','version':'2'}"))
            << u"positive integer"_s;
        QTest::newRow("huge version")
            << (j("{'event':'approved','submissionId':'a','version':99999999999}"))
            << u"positive integer"_s;
        QTest::newRow("bad time") << (j("{'event':'approved','submissionId':'a','at':'yesterday'}"))
                                  << u"ISO 8601"_s;
    }

    void rejects()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, messagePart);
        const auto e = ApprovalEvent::parse(QByteArrayView(payload));
        QVERIFY(!e);
        QCOMPARE(e.error().code, ErrorCode::BadRequest);
        QVERIFY2(e.error().message.contains(messagePart), qPrintable(e.error().message));
    }
};

QTEST_GUILESS_MAIN(TestApprovalEvent)
#include "tst_approvalevent.moc"
