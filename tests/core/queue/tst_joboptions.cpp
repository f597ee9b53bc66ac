#include <QTest>

#include "core/queue/joboptions.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

namespace {
nlohmann::json j(const char *text)
{
    return nlohmann::json::parse(text);
}
} // namespace

class TestJobOptions : public QObject
{
    Q_OBJECT

private slots:

    void backoffSchedule_data()
    {
        QTest::addColumn<QByteArray>("opts");
        QTest::addColumn<QList<qint64>>("delays"); // after 1, 2, 3, 4 failed attempts
        QTest::newRow("none") << QByteArray("{}") << QList<qint64> { 0, 0, 0, 0 };
        QTest::newRow("number is fixed")
            << QByteArray("{\"backoff\":500}") << QList<qint64> { 500, 500, 500, 500 };
        QTest::newRow("fixed") << QByteArray("{\"backoff\":{\"type\":\"fixed\",\"delay\":2000}}")
                               << QList<qint64> { 2000, 2000, 2000, 2000 };
        // Bull v4: round((2^n - 1) * delay): 1x, 3x, 7x, 15x (not BullMQ's 1, 2, 4).
        QTest::newRow("exponential")
            << QByteArray("{\"backoff\":{\"type\":\"exponential\",\"delay\":1000}}")
            << QList<qint64> { 1000, 3000, 7000, 15000 };
        QTest::newRow("exponential fraction")
            << QByteArray("{\"backoff\":{\"type\":\"exponential\",\"delay\":1.5}}")
            << QList<qint64> { 2, 5, 11, 23 };
    }

    void backoffSchedule()
    {
        QFETCH(QByteArray, opts);
        QFETCH(QList<qint64>, delays);
        const auto o = JobOptions::fromJson(nlohmann::json::parse(opts.toStdString()));
        QVERIFY(o.has_value());
        for (int n = 1; n <= 4; ++n)
            QCOMPARE(o->backoffDelayMs(n), delays[n - 1]);
    }

    void parsesBullOptions()
    {
        const auto o = JobOptions::fromJson(
            j("{\"priority\":5,\"delay\":1500,\"attempts\":\"3\",\"jobId\":42,\"lifo\":true,"
              "\"removeOnComplete\":100,\"removeOnFail\":{\"age\":3600,\"count\":10},"
              "\"timeout\":9000,\"stackTraceLimit\":4,\"timestamp\":1767225600000,"
              "\"somethingNew\":1}"));
        QVERIFY(o.has_value());
        QCOMPARE(o->priority, 5);
        QCOMPARE(o->delayMs, 1500);
        QCOMPARE(o->attempts, 3);
        QCOMPARE(o->jobId, u"42"_s);
        QVERIFY(o->lifo);
        QCOMPARE(o->removeOnComplete.value(), (KeepJobs { 100, 0 }));
        QCOMPARE(o->removeOnFail.value(), (KeepJobs { 10, 3600 }));
        QCOMPARE(o->timeoutMs, 9000);
        QCOMPARE(o->stackTraceLimit, 4);
        QCOMPARE(o->timestamp, 1767225600000LL);
        const auto defaults = JobOptions::fromJson(j("{}"));
        QCOMPARE(defaults->attempts, 1);
        QVERIFY(!defaults->removeOnComplete);
    }

    void roundTrips()
    {
        JobOptions o;
        o.priority = 1;
        o.attempts = 5;
        o.backoff = BackoffOptions { u"exponential"_s, 1000 };
        o.jobId = u"approval:s-1:v2"_s;
        o.removeOnComplete = KeepJobs { 1000, 0 };
        o.timestamp = 123;
        const auto back = JobOptions::fromJson(o.toJson());
        QVERIFY(back.has_value());
        QCOMPARE(back->priority, 1);
        QCOMPARE(back->attempts, 5);
        QCOMPARE(back->backoff.value(), o.backoff.value());
        QCOMPARE(back->jobId, o.jobId);
        QCOMPARE(back->removeOnComplete.value(), o.removeOnComplete.value());
    }

    void keepJobs_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("age");
        QTest::newRow("true keeps none") << QByteArray("true") << 0 << 0;
        QTest::newRow("false keeps all") << QByteArray("false") << -1 << 0;
        QTest::newRow("number") << QByteArray("25") << 25 << 0;
        QTest::newRow("age only") << QByteArray("{\"age\":60}") << -1 << 60;
        QTest::newRow("age and count") << QByteArray("{\"age\":60,\"count\":3}") << 3 << 60;
    }

    void keepJobs()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, count);
        QFETCH(int, age);
        const auto keep = KeepJobs::fromJson(nlohmann::json::parse(value.toStdString()));
        QVERIFY(keep.has_value());
        QCOMPARE(keep->count, count);
        QCOMPARE(keep->ageSeconds, age);
        QCOMPARE(KeepJobs::fromJson(keep->toJson()).value(), *keep);
    }

    void rejectsBadOptions_data()
    {
        QTest::addColumn<QByteArray>("opts");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("priority text") << QByteArray("{\"priority\":\"high\"}");
        QTest::newRow("backoff text") << QByteArray("{\"backoff\":\"slow\"}");
        QTest::newRow("jobId object") << QByteArray("{\"jobId\":{}}");
        QTest::newRow("keep text") << QByteArray("{\"removeOnFail\":\"yes\"}");
        // Found by fuzz_jobdata: converting these to a 64-bit integer was undefined behaviour.
        QTest::newRow("attempts beyond int64") << QByteArray("{\"attempts\":8.9e40}");
        QTest::newRow("delay beyond uint64") << QByteArray("{\"delay\":18446744073709551615}");
    }

    void rejectsBadOptions()
    {
        QFETCH(QByteArray, opts);
        const auto o = JobOptions::fromJson(nlohmann::json::parse(opts.toStdString()));
        QVERIFY(!o);
        QCOMPARE(o.error().code, ErrorCode::BadRequest);
    }

    void validates()
    {
        JobOptions o;
        QVERIFY(o.validate().has_value());
        o.attempts = 0;
        QVERIFY(!o.validate());
        o.attempts = 1;
        o.delayMs = -1;
        QVERIFY(!o.validate());
        o.delayMs = 0;
        o.backoff = BackoffOptions { u"fibonacci"_s, 10 };
        QVERIFY(o.validate().error().message.contains(u"fibonacci"_s));
        o.backoff.reset();
        o.jobId = QString(300, u'x');
        QVERIFY(!o.validate());
    }
};

QTEST_GUILESS_MAIN(TestJobOptions)
#include "tst_joboptions.moc"
