#include <QTest>

#include "core/common/manualclock.h"
#include "core/store/database.h"
#include "core/store/syncstatestore.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

class TestSyncStateStore : public QObject
{
    Q_OBJECT

private slots:

    void initTestCase()
    {
        auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto tdb = TestDatabase::createMigrated(services->databaseUrl, u"syncstatestore"_s);
        QVERIFY_RESULT(tdb);
        m_db = std::move(*tdb);
        m_store = std::make_unique<SyncStateStore>(m_db->database(), m_clock);
    }

    void cleanupTestCase()
    {
        m_store.reset();
        m_db.reset();
    }

    void unknownSubmissionHasNoState()
    {
        const auto none = m_store->get(u"never"_s);
        QVERIFY_RESULT(none);
        QVERIFY(!none->has_value());
        QVERIFY_ERROR(m_store->get(QString()), ErrorCode::BadRequest);
    }

    void upsertRoundTripsAndReplaces()
    {
        SyncState s;
        s.submissionId = u"sub-9"_s;
        s.target = SyncTarget::PayrollUk;
        s.tenantId = u"tenant-uk"_s;
        s.status = SyncStateStatus::Pending;
        s.attemptedVersion = 1;
        QVERIFY_RESULT(m_store->upsert(s));

        m_clock.advance(60'000);
        s.status = SyncStateStatus::Synced;
        s.xeroTimesheetId = u"ts-123"_s;
        s.payloadHash = u"abc"_s;
        s.lastSyncedVersion = 1;
        s.syncedAt = m_clock.now();
        QVERIFY_RESULT(m_store->upsert(s));

        const auto got = m_store->get(u"sub-9"_s);
        QVERIFY_RESULT(got);
        QVERIFY(got->has_value());
        const SyncState &g = **got;
        QCOMPARE(g.target, SyncTarget::PayrollUk);
        QCOMPARE(g.tenantId, u"tenant-uk"_s);
        QCOMPARE(g.status, SyncStateStatus::Synced);
        QCOMPARE(g.xeroTimesheetId, u"ts-123"_s);
        QCOMPARE(g.payloadHash, u"abc"_s);
        QCOMPARE(g.lastSyncedVersion, 1);
        QCOMPARE(g.attemptedVersion, 1);
        QCOMPARE(g.syncedAt, m_clock.now());
        QCOMPARE(g.updatedAt, m_clock.now());
        QVERIFY(g.lastError.isEmpty());
    }

    void rejectsIncompleteStates()
    {
        SyncState s;
        s.submissionId = u"sub-x"_s;
        QVERIFY_ERROR(m_store->upsert(s), ErrorCode::BadRequest); // no tenant
        s.tenantId = u"t"_s;
        s.lastSyncedVersion = -1;
        QVERIFY_ERROR(m_store->upsert(s), ErrorCode::BadRequest);
        QVERIFY(!syncTargetFromString(u"accounting"_s));
        QCOMPARE(syncTargetFromString(u"payroll-au-v2"_s).value(), SyncTarget::PayrollAuV2);
    }

    void countsAndRemoves()
    {
        for (int i = 0; i < 3; ++i) {
            SyncState s;
            s.submissionId = u"f-%1"_s.arg(i);
            s.tenantId = u"t"_s;
            s.status = SyncStateStatus::Failed;
            s.lastError = u"Employee not mapped"_s;
            QVERIFY_RESULT(m_store->upsert(s));
        }
        auto counts = m_store->countByStatus();
        QVERIFY_RESULT(counts);
        QCOMPARE(counts->value(SyncStateStatus::Failed), 3);
        QVERIFY_RESULT(m_store->remove(u"f-0"_s));
        QVERIFY_ERROR(m_store->remove(u"f-0"_s), ErrorCode::NotFound);
        QCOMPARE(m_store->countByStatus().value().value(SyncStateStatus::Failed), 2);
        QCOMPARE(m_store->get(u"f-1"_s).value()->lastError, u"Employee not mapped"_s);
    }

private:
    ManualClock m_clock;
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<SyncStateStore> m_store;
};

QTEST_GUILESS_MAIN(TestSyncStateStore)
#include "tst_syncstatestore.moc"
