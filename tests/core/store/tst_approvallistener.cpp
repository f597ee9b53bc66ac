#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include "core/store/approvallistener.h"
#include "core/store/database.h"
#include "core/store/migrator.h"
#include "support/privateservices.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

namespace {
constexpr auto SEED =
    u"INSERT INTO employees (id, name) VALUES ('e1', 'Ada');"
    "INSERT INTO timesheet_submissions (id, user_id, period_start, period_end) VALUES"
    " ('s1', 'e1', '2026-11-02', '2026-11-08'),"
    " ('s2', 'e1', '2026-11-09', '2026-11-15'),"
    " ('s3', 'e1', '2026-11-16', '2026-11-22'),"
    " ('s4', 'e1', '2026-11-23', '2026-11-29');";

QStringList submissionIds(const QSignalSpy &spy)
{
    QStringList out;
    for (const auto &args : spy)
        out << args.at(0).value<ApprovalEvent>().submissionId;
    return out;
}
} // namespace

class TestApprovalListener : public QObject
{
    Q_OBJECT

private slots:

    void initTestCase()
    {
        auto services = TestServices::load();
        QVERIFY_RESULT(services);
        m_serverUrl = services->databaseUrl;
    }

    void init()
    {
        auto tdb = TestDatabase::createMigrated(
            m_serverUrl, QString::fromLatin1(QTest::currentTestFunction()));
        QVERIFY_RESULT(tdb);
        m_db = std::move(*tdb);
        QVERIFY_RESULT(m_db->database().execScript(QString::fromUtf16(SEED)));
    }

    void cleanup() { m_db.reset(); }

    void deliversAnApprovalWithin100ms()
    {
        ApprovalListener listener(m_db->database().config());
        QVERIFY_RESULT(listener.start());
        QVERIFY(listener.isListening());
        QElapsedTimer timer;
        qint64 deliveredAfterUs = -1;
        connect(&listener, &ApprovalListener::approvalReceived, this,
            [&] { deliveredAfterUs = timer.nsecsElapsed() / 1000; });
        QSignalSpy spy(&listener, &ApprovalListener::approvalReceived);

        timer.start();
        QVERIFY_RESULT(m_db->database().exec(
            u"UPDATE timesheet_submissions SET status = 'APPROVED', approved_by = 'mgr',"
            " approved_at = now() WHERE id = 's1'"_s));
        QVERIFY(spy.wait(2000));
        qInfo("UPDATE -> approvalReceived: %lld us", deliveredAfterUs);
        QVERIFY2(deliveredAfterUs >= 0 && deliveredAfterUs < 100'000,
            qPrintable(u"took %1 us"_s.arg(deliveredAfterUs)));
        const auto event = spy.at(0).at(0).value<ApprovalEvent>();
        QCOMPARE(event.kind, ApprovalEvent::Kind::Approved);
        QCOMPARE(event.submissionId, u"s1"_s);
        QCOMPARE(event.version, 1);
        QCOMPARE(event.userId, u"e1"_s);
        QCOMPARE(event.approvedBy, u"mgr"_s);
        QVERIFY(qAbs(event.at.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    }

    // Notifications arrive in commit order, so a later event that must fire marks the point by
    // which an earlier one that must not fire would have arrived.
    void firesExactlyOncePerApproval()
    {
        ApprovalListener listener(m_db->database().config());
        QVERIFY_RESULT(listener.start());
        QSignalSpy approvals(&listener, &ApprovalListener::approvalReceived);
        QSignalSpy rejections(&listener, &ApprovalListener::rejectionReceived);
        Database &db = m_db->database();
        auto sql = [&](const QString &s) { QVERIFY_RESULT(db.exec(s)); };

        sql(u"UPDATE timesheet_submissions SET status = 'APPROVED' WHERE id = 's1'"_s); // fires
        sql(u"UPDATE timesheet_submissions SET status = 'APPROVED' WHERE id = 's1'"_s); // same: no
        sql(u"UPDATE timesheet_submissions SET approved_by = 'other' WHERE id = 's1'"_s); // no
        sql(u"UPDATE timesheet_submissions SET updated_at = now()"_s); // every row, no change: no
        sql(u"UPDATE timesheet_submissions SET status = 'REJECTED' WHERE id = 's2'"_s); // rejection
        sql(u"UPDATE timesheet_submissions SET status = 'SUBMITTED' WHERE id = 's3'"_s); // no
        sql(u"UPDATE timesheet_submissions SET version = 2 WHERE id = 's1'"_s); // re-approval:
                                                                                // fires
        sql(u"INSERT INTO timesheet_submissions (id, user_id, period_start, period_end, status)"
            " VALUES ('s9', 'e1', '2026-12-01', '2026-12-07', 'APPROVED')"_s); // fires
        // A rolled-back approval never announces itself.
        QVERIFY(!db.transaction([&]() -> Result<void> {
            if (auto q = db.exec(
                    u"UPDATE timesheet_submissions SET status = 'APPROVED' WHERE id = 's3'"_s);
                !q)
                return std::unexpected(q.error());
            return fail(ErrorCode::Internal, u"abort"_s);
        }));
        sql(u"UPDATE timesheet_submissions SET status = 'APPROVED' WHERE id = 's4'"_s); // marker

        QTRY_COMPARE_WITH_TIMEOUT(submissionIds(approvals).size(), 4, 3000);
        QCOMPARE(submissionIds(approvals), (QStringList { u"s1"_s, u"s1"_s, u"s9"_s, u"s4"_s }));
        QCOMPARE(approvals.at(0).at(0).value<ApprovalEvent>().version, 1);
        QCOMPARE(approvals.at(1).at(0).value<ApprovalEvent>().version, 2);
        QCOMPARE(submissionIds(rejections), (QStringList { u"s2"_s }));
        QCOMPARE(rejections.at(0).at(0).value<ApprovalEvent>().kind, ApprovalEvent::Kind::Rejected);
    }

    void reportsMalformedPayloadsAndKeepsListening()
    {
        ApprovalListener listener(m_db->database().config());
        QVERIFY_RESULT(listener.start());
        QSignalSpy approvals(&listener, &ApprovalListener::approvalReceived);
        QSignalSpy malformed(&listener, &ApprovalListener::malformedPayload);
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(u"ignoring malformed approval payload"_s));
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(u"ignoring malformed approval payload"_s));
        QVERIFY_RESULT(
            m_db->database().exec(u"NOTIFY xerosync_timesheet_events, 'not json at all'"_s));
        QVERIFY_RESULT(m_db->database().exec(
            u"NOTIFY xerosync_timesheet_events, '{\"event\":\"approved\"}'"_s));
        QVERIFY_RESULT(m_db->database().exec(u"NOTIFY other_channel, 'ignored'"_s));
        QVERIFY_RESULT(m_db->database().exec(
            u"UPDATE timesheet_submissions SET status = 'APPROVED' WHERE id = 's2'"_s));
        QVERIFY(approvals.wait(2000));
        QCOMPARE(malformed.size(), 2);
        QCOMPARE(malformed.at(0).at(0).toString(), u"not json at all"_s);
        QVERIFY(malformed.at(0).at(1).toString().contains(u"malformed JSON"_s));
        QVERIFY(malformed.at(1).at(1).toString().contains(u"submissionId"_s));
        QCOMPARE(submissionIds(approvals), (QStringList { u"s2"_s }));
    }

    void survivesADatabaseRestart()
    {
        PrivateServices own;
        auto services = own.start(u"pg"_s);
        QVERIFY_RESULT(services);
        auto database = Database::fromUrl(services->databaseUrl);
        QVERIFY_RESULT(database);
        Database &db = **database;
        QVERIFY_RESULT(Migrator(db).migrate());
        QVERIFY_RESULT(db.execScript(QString::fromUtf16(SEED)));

        ApprovalListener listener(db.config());
        listener.setProbeInterval(100);
        listener.setReconnectBackoff(50, 400);
        QVERIFY_RESULT(listener.start());
        QSignalSpy approvals(&listener, &ApprovalListener::approvalReceived);
        QSignalSpy lost(&listener, &ApprovalListener::connectionLost);
        QSignalSpy reconnected(&listener, &ApprovalListener::reconnected);

        QVERIFY_RESULT(own.restart(u"pg"_s));
        QTRY_VERIFY_WITH_TIMEOUT(reconnected.size() == 1, 15000);
        QCOMPARE(lost.size(), 1);
        QVERIFY(listener.isListening());
        QVERIFY_RESULT(
            db.exec(u"UPDATE timesheet_submissions SET status = 'APPROVED' WHERE id = 's1'"_s));
        QVERIFY(approvals.wait(2000));
        QCOMPARE(submissionIds(approvals), (QStringList { u"s1"_s }));

        // Down for a while: keeps retrying, then comes back by itself.
        QVERIFY_RESULT(own.stop(u"pg"_s));
        QTRY_VERIFY_WITH_TIMEOUT(lost.size() == 2, 10000);
        QVERIFY(!listener.isListening());
        QTest::qWait(1000); // several failed reconnects with backoff
        QVERIFY_RESULT(own.start(u"pg"_s));
        QTRY_VERIFY_WITH_TIMEOUT(reconnected.size() == 2, 15000);
        QVERIFY_RESULT(
            db.exec(u"UPDATE timesheet_submissions SET status = 'APPROVED' WHERE id = 's2'"_s));
        QVERIFY(approvals.wait(2000));
        QCOMPARE(submissionIds(approvals), (QStringList { u"s1"_s, u"s2"_s }));
        listener.stop();
    }

    void startsWhileTheDatabaseIsDown()
    {
        PrivateServices own;
        auto services = own.start(u"pg"_s);
        QVERIFY_RESULT(services);
        QVERIFY_RESULT(own.stop(u"pg"_s));
        auto config = DatabaseConfig::fromUrl(services->databaseUrl);
        QVERIFY_RESULT(config);
        ApprovalListener listener(*config);
        listener.setProbeInterval(100);
        listener.setReconnectBackoff(50, 200);
        QSignalSpy reconnected(&listener, &ApprovalListener::reconnected);
        const auto started = listener.start();
        QVERIFY(!started);
        QCOMPARE(started.error().code, ErrorCode::Unavailable);
        QVERIFY(!listener.isListening());
        QVERIFY_RESULT(own.start(u"pg"_s));
        QTRY_VERIFY_WITH_TIMEOUT(listener.isListening(), 15000);
        QCOMPARE(reconnected.size(), 0); // the first connection is not a re-connection
    }

private:
    QString m_serverUrl;
    std::unique_ptr<TestDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestApprovalListener)
#include "tst_approvallistener.moc"
