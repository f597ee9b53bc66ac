#include <QTest>

#include "core/common/manualclock.h"
#include "core/store/database.h"
#include "core/store/syncstatestore.h"
#include "core/store/timesheetstore.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

namespace {
QStringList refIds(const QList<SubmissionRef> &refs)
{
    QStringList out;
    for (const auto &r : refs)
        out << r.id;
    return out;
}
} // namespace

class TestTimesheetStore : public QObject
{
    Q_OBJECT

private slots:

    void initTestCase()
    {
        auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto tdb = TestDatabase::createMigrated(services->databaseUrl, u"timesheetstore"_s);
        QVERIFY_RESULT(tdb);
        m_db = std::move(*tdb);
        m_store = std::make_unique<TimesheetStore>(m_db->database());
        // Ids with quotes, commas and braces exercise the array binding.
        QVERIFY_RESULT(m_db->database().execScript(uR"SQL(
            INSERT INTO employees (id, name, email, xero_employee_id, xero_earnings_rate_id, xero_tenant_id, active) VALUES
              ('emp-1', 'Ada Lovelace', 'ada@example.com', 'x-emp-1', 'rate-ord', 'tenant-au', true),
              ('emp-2', 'Bob "the, builder" {x}', NULL, 'x-emp-2', 'rate-ord', 'tenant-au', true),
              ('emp-3', 'Cleo Gone', NULL, NULL, NULL, NULL, false);
            INSERT INTO timesheet_submissions (id, user_id, period_start, period_end, status, approved_by, approved_at, version) VALUES
              ('s-1', 'emp-1', '2026-11-02', '2026-11-08', 'APPROVED', 'mgr', '2026-11-09 10:00+00', 1),
              ('s-2', 'emp-2', '2026-11-02', '2026-11-08', 'APPROVED', 'mgr', '2026-11-09 09:00+00', 2),
              ('s-3', 'emp-1', '2026-11-09', '2026-11-15', 'SUBMITTED', NULL, NULL, 1),
              ('s-4', 'emp-1', '2026-10-26', '2026-11-01', 'APPROVED', 'mgr', '2026-11-02 08:00+00', 1),
              ('s-5', 'emp-2', '2026-11-16', '2026-11-22', 'REJECTED', NULL, NULL, 1),
              ('s-6', 'emp-1', '2026-11-16', '2026-11-22', 'APPROVED', 'mgr', '2026-11-23 08:00+00', 3),
              ('s-7', 'emp-2', '2026-11-23', '2026-11-29', 'APPROVED', 'mgr', '2026-11-30 08:00+00', 1);
            INSERT INTO timesheet_entries (submission_id, work_date, hours, earnings_rate_id, description) VALUES
              ('s-1', '2026-11-04', 7.5, NULL, 'Wed'),
              ('s-1', '2026-11-02', 8.25, 'rate-ot', 'Mon'),
              ('s-1', '2026-11-03', 0, NULL, NULL);
        )SQL"_s));
    }

    void cleanupTestCase()
    {
        m_store.reset();
        m_db.reset();
    }

    void loadsSubmissionWithEntriesAndEmployee()
    {
        const auto s = m_store->load(u"s-1"_s);
        QVERIFY_RESULT(s);
        QCOMPARE(s->userId, u"emp-1"_s);
        QCOMPARE(s->periodStart, QDate(2026, 11, 2));
        QCOMPARE(s->periodEnd, QDate(2026, 11, 8));
        QCOMPARE(s->status, u"APPROVED"_s);
        QCOMPARE(s->approvedBy, u"mgr"_s);
        QCOMPARE(s->approvedAt, QDateTime(QDate(2026, 11, 9), QTime(10, 0), Qt::UTC));
        QCOMPARE(s->version, 1);
        QCOMPARE(s->employee.name, u"Ada Lovelace"_s);
        QCOMPARE(s->employee.xeroEmployeeId, u"x-emp-1"_s);
        QCOMPARE(s->employee.xeroEarningsRateId, u"rate-ord"_s);
        QCOMPARE(s->employee.xeroTenantId, u"tenant-au"_s);
        QVERIFY(s->employee.active);
        QCOMPARE(s->entries.size(), 3);
        QCOMPARE(s->entries[0].workDate, QDate(2026, 11, 2)); // sorted by date
        QCOMPARE(s->entries[0].hours, 8.25);
        QCOMPARE(s->entries[0].earningsRateId, u"rate-ot"_s);
        QCOMPARE(s->entries[1].hours, 0.0);
        QCOMPARE(s->entries[2].description, u"Wed"_s);

        const auto empty = m_store->load(u"s-3"_s);
        QVERIFY_RESULT(empty);
        QVERIFY(empty->entries.isEmpty());
    }

    void unknownOrEmptyIdsAreClearErrors()
    {
        const auto missing = m_store->load(u"nope'; --"_s);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QCOMPARE(missing.error().message, u"submission 'nope'; --' does not exist"_s);
        QVERIFY_ERROR(m_store->load(u"  "_s), ErrorCode::BadRequest);
    }

    void findsApprovedOverlappingARange()
    {
        const auto november = m_store->findApproved(QDate(2026, 11, 1), QDate(2026, 11, 30));
        QVERIFY_RESULT(november);
        // s-4 ends on Nov 1 (overlaps), s-3 and s-5 are not approved.
        QCOMPARE(
            refIds(*november), (QStringList { u"s-4"_s, u"s-1"_s, u"s-2"_s, u"s-6"_s, u"s-7"_s }));
        QCOMPARE(november->at(2).version, 2);
        QCOMPARE(november->at(2).userId, u"emp-2"_s);

        const auto oneDay = m_store->findApproved(QDate(2026, 11, 8), QDate(2026, 11, 8));
        QCOMPARE(refIds(oneDay.value()), (QStringList { u"s-1"_s, u"s-2"_s }));

        const auto bob =
            m_store->findApproved(QDate(2026, 11, 1), QDate(2026, 11, 30), { u"emp-2"_s });
        QCOMPARE(refIds(bob.value()), (QStringList { u"s-2"_s, u"s-7"_s }));
        const auto odd = m_store->findApproved(QDate(2026, 11, 1), QDate(2026, 11, 30),
            { u"no\"body"_s, u"x,y"_s, u"{}"_s, u"emp-1"_s });
        QCOMPARE(refIds(odd.value()), (QStringList { u"s-4"_s, u"s-1"_s, u"s-6"_s }));
        QVERIFY(m_store->findApproved(QDate(2020, 1, 1), QDate(2020, 1, 31)).value().isEmpty());
    }

    void rejectsBadRanges()
    {
        const auto inverted = m_store->findApproved(QDate(2026, 11, 30), QDate(2026, 11, 1));
        QVERIFY(!inverted);
        QCOMPARE(inverted.error().code, ErrorCode::BadRequest);
        QVERIFY(inverted.error().message.contains(u"inverted"_s));
        QVERIFY_ERROR(m_store->findApproved(QDate(), QDate(2026, 11, 1)), ErrorCode::BadRequest);
        QVERIFY_ERROR(
            m_store->findApproved(QDate(2026, 2, 30), QDate(2026, 3, 1)), ErrorCode::BadRequest);
        QVERIFY_ERROR(m_store->findUnsynced({}, 0), ErrorCode::BadRequest);
    }

    void catchUpFindsWhatWasMissed()
    {
        ManualClock clock;
        SyncStateStore states(m_db->database(), clock);
        auto state = [&](const QString &id, SyncStateStatus status, int synced, int attempted) {
            SyncState s;
            s.submissionId = id;
            s.tenantId = u"tenant-au"_s;
            s.status = status;
            s.lastSyncedVersion = synced;
            s.attemptedVersion = attempted;
            QVERIFY_RESULT(states.upsert(s));
        };
        state(u"s-1"_s, SyncStateStatus::Synced, 1, 1); // done
        state(u"s-2"_s, SyncStateStatus::Synced, 1, 1); // version 2 approved since: sync again
        state(u"s-6"_s, SyncStateStatus::Failed, 0, 3); // failed for good at its version
        // s-4, s-7: never attempted. s-7 has a live job.
        const auto missed = m_store->findUnsynced({ u"s-7"_s });
        QVERIFY_RESULT(missed);
        QCOMPARE(refIds(*missed), (QStringList { u"s-4"_s, u"s-2"_s })); // oldest approval first
        QCOMPARE(refIds(m_store->findUnsynced({}, 1).value()), (QStringList { u"s-4"_s }));
        QCOMPARE(refIds(m_store->findUnsynced({}).value()),
            (QStringList { u"s-4"_s, u"s-2"_s, u"s-7"_s }));
        // A new version of a failed submission is tried again.
        QVERIFY_RESULT(m_db->database().exec(
            u"UPDATE timesheet_submissions SET version = 4 WHERE id = 's-6'"_s));
        QCOMPARE(refIds(m_store->findUnsynced({ u"s-7"_s }).value()),
            (QStringList { u"s-4"_s, u"s-2"_s, u"s-6"_s }));
    }

    void listsEmployees()
    {
        const auto active = m_store->employees();
        QVERIFY_RESULT(active);
        QCOMPARE(active->size(), 2);
        QCOMPARE(active->at(0).name, u"Ada Lovelace"_s);
        const auto all = m_store->employees(false);
        QCOMPARE(all.value().size(), 3);
        QVERIFY(!all.value().at(2).active);
    }

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TimesheetStore> m_store;
};

QTEST_GUILESS_MAIN(TestTimesheetStore)
#include "tst_timesheetstore.moc"
