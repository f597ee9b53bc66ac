#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QThread>

#include "core/common/manualclock.h"
#include "core/store/database.h"
#include "core/store/synclogstore.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

namespace {
SyncLogEntry entry(const QString &submission, SyncStatus status = SyncStatus::Pending,
    SyncTrigger trigger = SyncTrigger::Approval, const QString &error = {},
    std::optional<int> durationMs = {})
{
    SyncLogEntry e;
    e.submissionId = submission;
    e.operation = u"sync-timesheet"_s;
    e.status = status;
    e.trigger = trigger;
    e.error = error;
    e.durationMs = durationMs;
    return e;
}

QList<qint64> ids(const QList<SyncLogEntry> &rows)
{
    QList<qint64> out;
    for (const auto &r : rows)
        out << r.id;
    return out;
}
} // namespace

class TestSyncLogStore : public QObject
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
        m_clock =
            std::make_unique<ManualClock>(QDateTime(QDate(2026, 11, 2), QTime(12, 0), Qt::UTC));
        m_store = std::make_unique<SyncLogStore>(m_db->database(), *m_clock);
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void insertAndGetRoundTrip()
    {
        SyncLogEntry e = entry(
            u"sub-1"_s, SyncStatus::Failed, SyncTrigger::Manual, u"Employee is not mapped"_s, 1234);
        e.details = { { "request", { { "EmployeeID", "e-1" } } }, { "status", 400 } };
        e.metadata = { { "attempt", 2 } };
        e.jobId = u"job-77"_s;
        e.retryCount = 2;
        const auto id = m_store->insert(e);
        QVERIFY_RESULT(id);
        QVERIFY(*id > 0);
        const auto got = m_store->get(*id);
        QVERIFY_RESULT(got);
        QCOMPARE(got->id, *id);
        QCOMPARE(got->submissionId, u"sub-1"_s);
        QCOMPARE(got->operation, u"sync-timesheet"_s);
        QCOMPARE(got->status, SyncStatus::Failed);
        QCOMPARE(got->trigger, SyncTrigger::Manual);
        QCOMPARE(got->error, u"Employee is not mapped"_s);
        QCOMPARE(got->jobId, u"job-77"_s);
        QCOMPARE(got->durationMs.value_or(-1), 1234);
        QCOMPARE(got->retryCount, 2);
        QVERIFY(got->details == e.details);
        QVERIFY(got->metadata == e.metadata);
        QCOMPARE(got->createdAt, m_clock->now());
        QCOMPARE(got->updatedAt, m_clock->now());

        QVERIFY_ERROR(m_store->get(*id + 1000), ErrorCode::NotFound);
        SyncLogEntry noOp = entry(u"x"_s);
        noOp.operation.clear();
        QVERIFY_ERROR(m_store->insert(noOp), ErrorCode::BadRequest);
        SyncLogEntry negative = entry(u"x"_s);
        negative.retryCount = -1;
        QVERIFY_ERROR(m_store->insert(negative), ErrorCode::BadRequest);
    }

    void updateChangesOnlyWhatIsSet()
    {
        SyncLogEntry e = entry(u"sub-2"_s);
        e.jobId = u"job-1"_s;
        const auto id = m_store->insert(e);
        QVERIFY_RESULT(id);
        m_clock->advance(1500);
        SyncLogUpdate running;
        running.status = SyncStatus::Running;
        QVERIFY_RESULT(m_store->update(*id, running));
        m_clock->advance(800);
        SyncLogUpdate done;
        done.status = SyncStatus::Success;
        done.durationMs = 800;
        done.retryCount = 1;
        done.details = nlohmann::json { { "xeroTimesheetId", "ts-9" } };
        QVERIFY_RESULT(m_store->update(*id, done));
        const auto got = m_store->get(*id);
        QVERIFY_RESULT(got);
        QCOMPARE(got->status, SyncStatus::Success);
        QCOMPARE(got->durationMs.value_or(-1), 800);
        QCOMPARE(got->retryCount, 1);
        QCOMPARE(got->jobId, u"job-1"_s); // untouched
        QVERIFY(got->details["xeroTimesheetId"] == "ts-9");
        QCOMPARE(got->updatedAt, m_clock->now());
        QCOMPARE(got->createdAt, m_clock->now().addMSecs(-2300));

        QVERIFY_ERROR(m_store->update(*id + 99, done), ErrorCode::NotFound);
        SyncLogUpdate bad;
        bad.durationMs = -5;
        QVERIFY_ERROR(m_store->update(*id, bad), ErrorCode::BadRequest);
    }

    void pagesWithFilters()
    {
        QList<qint64> all;
        auto add = [&](SyncLogEntry e, int minutesLater = 1) {
            m_clock->advance(minutesLater * 60'000);
            auto id = m_store->insert(e);
            QVERIFY_RESULT(id);
            all << *id;
        };
        add(entry(u"S-100"_s, SyncStatus::Success, SyncTrigger::Approval));
        add(entry(u"S-101"_s, SyncStatus::Failed, SyncTrigger::Manual,
            u"Hours exceed 24 on 2026-11-03"_s));
        add(entry(u"S-102"_s, SyncStatus::Failed, SyncTrigger::Batch, u"100% over the limit_x"_s));
        add(entry(u"S-103"_s, SyncStatus::Pending, SyncTrigger::Batch));
        add(entry(u"T-200"_s, SyncStatus::Success, SyncTrigger::Scheduled));
        add(entry(u"S-100"_s, SyncStatus::Running, SyncTrigger::Manual));

        SyncLogFilter f;
        auto page = m_store->page(f);
        QVERIFY_RESULT(page);
        QCOMPARE(ids(*page), QList<qint64>(all.rbegin(), all.rend())); // newest first

        f = {};
        f.status = SyncStatus::Failed;
        QCOMPARE(ids(m_store->page(f).value()), (QList<qint64> { all[2], all[1] }));
        f = {};
        f.trigger = SyncTrigger::Batch;
        QCOMPARE(ids(m_store->page(f).value()), (QList<qint64> { all[3], all[2] }));
        f = {};
        f.text = u"hours EXCEED"_s; // case-insensitive on error
        QCOMPARE(ids(m_store->page(f).value()), (QList<qint64> { all[1] }));
        f.text = u"t-2"_s; // on submission id
        QCOMPARE(ids(m_store->page(f).value()), (QList<qint64> { all[4] }));
        f.text = u"100%"_s; // % is literal: only the error with "100%", not S-100
        QCOMPARE(ids(m_store->page(f).value()), (QList<qint64> { all[2] }));
        f.text = u"limit_x"_s; // _ is literal too
        QCOMPARE(ids(m_store->page(f).value()), (QList<qint64> { all[2] }));
        f.text = u"it_x"_s;
        QCOMPARE(ids(m_store->page(f).value()), (QList<qint64> { all[2] }));
        f.text = u"imit%x"_s;
        QVERIFY(m_store->page(f).value().isEmpty());
        f = {};
        f.submissionId = u"S-100"_s;
        QCOMPARE(ids(m_store->page(f).value()), (QList<qint64> { all[5], all[0] }));

        const QDateTime start = m_store->get(all[1]).value().createdAt;
        const QDateTime end = m_store->get(all[4]).value().createdAt;
        f = {};
        f.from = start;
        f.to = end; // exclusive
        QCOMPARE(ids(m_store->page(f).value()), (QList<qint64> { all[3], all[2], all[1] }));

        f = {};
        f.afterId = all[1];
        f.limit = 2;
        QCOMPARE(ids(m_store->page(f).value()), (QList<qint64> { all[2], all[3] })); // oldest first
        f = {};
        f.beforeId = all[3];
        f.limit = 2;
        QCOMPARE(ids(m_store->page(f).value()), (QList<qint64> { all[2], all[1] }));
        f = {};
        f.afterId = all.last();
        QVERIFY(m_store->page(f).value().isEmpty());
    }

    void rejectsBadFilters()
    {
        QVERIFY_RESULT(m_store->insert(entry(u"a"_s)));
        SyncLogFilter f;
        f.limit = 0;
        QVERIFY_ERROR(m_store->page(f), ErrorCode::BadRequest);
        f.limit = MAX_LOG_PAGE + 1;
        QVERIFY_ERROR(m_store->page(f), ErrorCode::BadRequest);
        f = {};
        f.afterId = 1;
        f.beforeId = 5;
        QVERIFY_ERROR(m_store->page(f), ErrorCode::BadRequest);
        f = {};
        f.afterId = -1;
        QVERIFY_ERROR(m_store->page(f), ErrorCode::BadRequest);
        f = {};
        f.from = m_clock->now();
        f.to = m_clock->now().addDays(-1);
        const auto inverted = m_store->page(f);
        QVERIFY(!inverted);
        QVERIFY(inverted.error().message.contains(u"inverted"_s));

        // SQL metacharacters are data, not SQL.
        f = {};
        f.text = u"'; DROP TABLE xero_sync_log; --"_s;
        const auto injected = m_store->page(f);
        QVERIFY_RESULT(injected);
        QVERIFY(injected->isEmpty());
        f = {};
        QCOMPARE(m_store->page(f).value().size(), 1);

        QVERIFY(!syncStatusFromString(u"DONE"_s));
        QCOMPARE(syncStatusFromString(u"failed"_s).value(), SyncStatus::Failed);
        QVERIFY(!syncTriggerFromString(u"cron"_s));
    }

    // Concurrent writers commit out of id order unless ids are assigned in commit order; a reader
    // following "afterId" must neither skip nor repeat a row.
    void pagingNeverSkipsWhileInserting()
    {
        constexpr int WRITERS = 3;
        constexpr int ROWS_EACH = 30;
        std::atomic<int> writersDone { 0 };
        QList<QThread *> threads;
        QStringList writerErrors;
        QMutex errorMutex;
        for (int w = 0; w < WRITERS; ++w) {
            threads << QThread::create([&, w] {
                auto db = m_db->open();
                SyncLogStore store(*db, *m_clock);
                for (int i = 0; i < ROWS_EACH; ++i) {
                    // Hold the inserting transaction open a random while before committing.
                    const auto r = db->transaction([&]() -> Result<void> {
                        auto id = store.insert(entry(u"w%1-%2"_s.arg(w).arg(i)));
                        if (!id)
                            return std::unexpected(id.error());
                        const double pause = QRandomGenerator::global()->bounded(15) / 1000.0;
                        if (auto q = db->exec(u"SELECT pg_sleep(?)"_s, { pause }); !q)
                            return std::unexpected(q.error());
                        return {};
                    });
                    if (!r) {
                        QMutexLocker lock(&errorMutex);
                        writerErrors << r.error().message;
                    }
                }
                db.reset();
                ++writersDone;
            });
        }
        for (QThread *t : threads)
            t->start();

        QList<qint64> seen;
        qint64 afterId = 0;
        bool finalPass = false;
        while (true) {
            const bool done = writersDone.load() == WRITERS;
            SyncLogFilter f;
            f.afterId = afterId;
            f.limit = 7;
            const auto page = m_store->page(f);
            QVERIFY_RESULT(page);
            for (const auto &row : *page) {
                seen << row.id;
                afterId = row.id;
            }
            if (page->isEmpty()) {
                if (finalPass)
                    break;
                if (done)
                    finalPass = true; // one more empty read after every writer committed
                QThread::msleep(2);
            }
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        QVERIFY2(writerErrors.isEmpty(), qPrintable(writerErrors.join(u"; "_s)));
        const QSet<qint64> unique(seen.cbegin(), seen.cend());
        QCOMPARE(unique.size(), seen.size()); // nothing repeated
        QCOMPARE(seen.size(), WRITERS * ROWS_EACH); // nothing skipped
        QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));
    }

    void statisticsMatchHandComputedValues()
    {
        const QDateTime now = m_clock->now();
        auto at = [&](qint64 minutesAgo, SyncLogEntry e) {
            m_clock->setNow(now.addSecs(-minutesAgo * 60));
            QVERIFY_RESULT(m_store->insert(e));
        };
        // Outside the 24 h window: must not count.
        at(25 * 60, entry(u"old1"_s, SyncStatus::Success, SyncTrigger::Approval, {}, 99999));
        at(24 * 60 + 1, entry(u"old2"_s, SyncStatus::Failed, SyncTrigger::Approval, u"Old"_s, 5));
        // Inside.
        const int successDurations[] = { 100, 200, 300, 400, 500, 1000 };
        for (int i = 0; i < 6; ++i)
            at(170 - i,
                entry(u"ok%1"_s.arg(i), SyncStatus::Success, SyncTrigger::Approval, {},
                    successDurations[i]));
        at(90,
            entry(u"f1"_s, SyncStatus::Failed, SyncTrigger::Batch, u"Employee not mapped"_s, 50));
        at(60,
            entry(u"f2"_s, SyncStatus::Failed, SyncTrigger::Batch, u"Employee not mapped"_s, 50));
        at(10, entry(u"f3"_s, SyncStatus::Failed, SyncTrigger::Manual, u"Period mismatch"_s, 2000));
        at(5, entry(u"p"_s, SyncStatus::Pending));
        at(0, entry(u"r"_s, SyncStatus::Running));
        // Not timesheet syncs: a failed health check every minute and a batch summary must not
        // count as syncs or failures, in the totals, the top errors or the hourly series.
        for (int minute = 1; minute <= 150; ++minute) {
            SyncLogEntry health = entry({}, SyncStatus::Failed, SyncTrigger::Scheduled,
                u"xero: xerosync is not connected to Xero yet"_s, 3);
            health.operation = u"health-check"_s;
            at(minute, health);
        }
        SyncLogEntry batch = entry({}, SyncStatus::Success, SyncTrigger::Batch, {}, 70000);
        batch.operation = u"batch-sync"_s;
        at(30, batch);
        m_clock->setNow(now);

        const auto stats = m_store->stats24h();
        QVERIFY_RESULT(stats);
        QCOMPARE(stats->total, 11);
        QCOMPARE(stats->success, 6);
        QCOMPARE(stats->failed, 3);
        QCOMPARE(stats->pending, 1);
        QCOMPARE(stats->running, 1);
        QCOMPARE(stats->successRate, 6.0 / 9.0);
        // Finished durations: 50 50 100 200 300 400 500 1000 2000.
        QVERIFY(qAbs(stats->averageDurationMs - 4600.0 / 9.0) < 1e-6);
        // percentile_cont: rank 0.95 * 8 = 7.6 -> 1000 + 0.6 * (2000 - 1000).
        QVERIFY(qAbs(stats->p95DurationMs - 1600.0) < 1e-6);
        QCOMPARE(stats->topErrors.size(), 2);
        QCOMPARE(stats->topErrors[0].message, u"Employee not mapped"_s);
        QCOMPARE(stats->topErrors[0].count, 2);
        QCOMPARE(stats->topErrors[1].message, u"Period mismatch"_s);
        QCOMPARE(stats->topErrors[1].count, 1);

        // Hourly series over the last 3 hours: 12:00-12:59 of "now - 3h" etc.
        const auto series = m_store->hourlySeries(now.addSecs(-3 * 3600), now);
        QVERIFY_RESULT(series);
        QCOMPARE(series->size(), 3);
        QCOMPARE(series->at(0).start, now.addSecs(-3 * 3600));
        // now is 12:00. 09:00: the six successes (170..165 min ago); 10:00: f1 (90 min ago);
        // 11:00: f2 (60), f3 (10) and the pending row (5). The running row at 12:00 is outside.
        QCOMPARE(series->at(0).success, 6);
        QCOMPARE(series->at(0).total, 6);
        QCOMPARE(series->at(0).averageDurationMs, 2500.0 / 6.0);
        QCOMPARE(series->at(1).failed, 1);
        QCOMPARE(series->at(1).total, 1);
        QCOMPARE(series->at(2).failed, 2);
        QCOMPARE(series->at(2).total, 3);
        QCOMPARE(series->at(2).averageDurationMs, 1025.0);
        qint64 sum = 0;
        for (const auto &b : *series)
            sum += b.total;
        QCOMPARE(sum, 10); // the row stamped exactly at `now` is outside [from, now)

        QVERIFY_ERROR(m_store->stats(now, now.addSecs(-1)), ErrorCode::BadRequest);
        QVERIFY_ERROR(m_store->hourlySeries(now.addDays(-400), now), ErrorCode::BadRequest);
        const auto empty = m_store->stats(now.addDays(-10), now.addDays(-9));
        QVERIFY_RESULT(empty);
        QCOMPARE(empty->total, 0);
        QCOMPARE(empty->successRate, 0.0);
    }

private:
    QString m_serverUrl;
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SyncLogStore> m_store;
};

QTEST_GUILESS_MAIN(TestSyncLogStore)
#include "tst_synclogstore.moc"
