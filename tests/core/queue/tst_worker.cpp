#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "core/queue/queue.h"
#include "core/queue/queueevents.h"
#include "core/queue/redisconnection.h"
#include "core/queue/worker.h"
#include "support/privateservices.h"
#include "support/testhelpers.h"
#include "support/testqueue.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

class TestWorker : public QObject
{
    Q_OBJECT

private slots:

    void initTestCase()
    {
        auto services = TestServices::load();
        QVERIFY_RESULT(services);
        m_redisUrl = services->redisUrl;
        m_redisConfig = RedisConfig::fromUrl(m_redisUrl).value();
        m_redis = std::make_unique<RedisConnection>(m_redisConfig);
    }

    void init()
    {
        const QueueSettings settings = uniqueQueue("tw");
        m_name = settings.name;
        m_queue = std::make_unique<Queue>(m_redisConfig, settings);
    }

    void cleanup()
    {
        QVERIFY_RESULT(m_queue->destroy()); // keep the shared server small
        m_queue.reset();
    }

    void processesWithConcurrency()
    {
        Worker worker(m_redisConfig, [&] {
            auto s = quickWorker(m_queue->settings());
            s.concurrency = 3;
            s.metricsMaxDataPoints = 60;
            return s;
        }());
        int running = 0;
        int maxRunning = 0;
        QSet<QString> seen;
        worker.setHandler(u"sync-timesheet"_s, [&](std::shared_ptr<JobContext> job) {
            maxRunning = std::max(maxRunning, ++running);
            seen.insert(job->id());
            QTimer::singleShot(30, this, [&running, job] {
                --running;
                job->complete({ { "ok", job->job().data["n"] } });
            });
        });
        for (int i = 0; i < 12; ++i)
            QVERIFY_RESULT(m_queue->add(u"sync-timesheet"_s, { { "n", i } }));
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 12, 10000);
        QVERIFY(worker.close(2000));
        QCOMPARE(seen.size(), 12);
        QCOMPARE(maxRunning, 3);
        const JobCounts c = m_queue->counts().value();
        QCOMPARE(c.active, 0);
        QCOMPARE(c.waiting, 0);
        const auto f = m_redis->command({ "HGETALL", m_queue->keys().job("5") }).value().toHash();
        QCOMPARE(f.value("returnvalue"), QByteArray("{\"ok\":4}"));
        QVERIFY(f.value("finishedOn").toLongLong() >= f.value("processedOn").toLongLong());
        QVERIFY(f.value("processedOn").toLongLong() >= f.value("timestamp").toLongLong());
        QCOMPARE(m_redis->command({ "EXISTS", m_queue->keys().job("5") + ":lock" })->integer, 0);
        // bull-board's charts read these.
        QCOMPARE(m_redis->command({ "HGET", m_queue->keys().key("metrics:completed"), "count" })
                     ->toInt(),
            12);
    }

    void retriesExhaustIntoFailed()
    {
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        QList<qint64> calls;
        QElapsedTimer clock;
        clock.start();
        worker.setHandler(u"sync-timesheet"_s, [&](std::shared_ptr<JobContext> job) {
            calls << clock.elapsed();
            job->fail(u"Xero answered 503 (attempt %1)"_s.arg(calls.size()));
        });
        QSignalSpy failed(&worker, &Worker::jobFailed);
        JobOptions o;
        o.attempts = 3;
        o.backoff = BackoffOptions { u"exponential"_s, 150 }; // waits 150, then 450 ms
        const QString id = m_queue->add(u"sync-timesheet"_s, { { "s", 1 } }, o).value();
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().failed, 1, 10000);
        worker.close(1000);
        QCOMPARE(calls.size(), 3);
        QVERIFY2(calls[1] - calls[0] >= 150, qPrintable(QString::number(calls[1] - calls[0])));
        QVERIFY2(calls[2] - calls[1] >= 450, qPrintable(QString::number(calls[2] - calls[1])));
        QVERIFY2(calls[2] - calls[1] < 2500, qPrintable(QString::number(calls[2] - calls[1])));
        const auto job = m_queue->job(id).value().value();
        QCOMPARE(job.attemptsMade, 3);
        QCOMPARE(job.failedReason, u"Xero answered 503 (attempt 3)"_s);
        QCOMPARE(job.stacktrace.size(), 3);
        QCOMPARE(failed.size(), 3);
        QCOMPARE(failed.at(0).at(2).toBool(), true); // will retry
        QCOMPARE(failed.at(2).at(2).toBool(), false);

        // retry-failed puts it back, keeping attemptsMade (as Bull's job.retry()).
        QVERIFY_RESULT(m_queue->retryFailed(id));
        QCOMPARE(m_queue->state(id).value(), JobState::Waiting);
        QCOMPARE(m_queue->job(id).value()->attemptsMade, 3);
        QVERIFY_ERROR(m_queue->retryFailed(id), ErrorCode::Conflict);
    }

    // The worker reads a started job's fields with HMGET (startedjob.lua): a fresh job brings
    // what its producer wrote; a retried one also what its last attempt left behind.
    void aStartedJobCarriesWhatItsHandlerNeeds()
    {
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        QList<Job> seen;
        worker.setHandler(u"sync-timesheet"_s, [&](std::shared_ptr<JobContext> job) {
            seen << job->job();
            if (seen.size() > 1)
                return job->complete();
            job->progress(40);
            job->fail(u"Xero answered 503"_s);
        });
        JobOptions o;
        o.attempts = 2;
        o.priority = 3;
        o.backoff = BackoffOptions { u"fixed"_s, 10 };
        const QString id = m_queue->add(u"sync-timesheet"_s, { { "s", 7 } }, o).value();
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 1, 5000);
        worker.close(1000);
        QCOMPARE(seen.size(), 2);
        const Job &fresh = seen[0];
        QCOMPARE(fresh.id, id);
        QCOMPARE(fresh.name, u"sync-timesheet"_s);
        QVERIFY(fresh.data == (nlohmann::json { { "s", 7 } }));
        QCOMPARE(fresh.options.attempts, 2);
        QCOMPARE(fresh.options.priority, 3);
        QCOMPARE(fresh.priority, 3);
        QVERIFY(fresh.timestamp > 0);
        QVERIFY(fresh.processedOn >= fresh.timestamp);
        QCOMPARE(fresh.attemptsMade, 0);
        QVERIFY(fresh.failedReason.isEmpty());
        QVERIFY(fresh.stacktrace.isEmpty());
        const Job &retried = seen[1];
        QCOMPARE(retried.id, id);
        QVERIFY(retried.data == fresh.data);
        QCOMPARE(retried.attemptsMade, 1);
        QCOMPARE(retried.failedReason, u"Xero answered 503"_s);
        QCOMPARE(retried.stacktrace, QStringList { u"Xero answered 503"_s });
        QVERIFY(retried.progress == 40);
        QVERIFY(retried.processedOn >= fresh.processedOn);
    }

    // A worker waiting in BRPOPLPUSH sent its activation before the job existed: the job still
    // starts (processedOn) when it arrives, in Redis and in what the handler gets.
    void processedOnIsWhenAWaitedForJobStarts()
    {
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        std::optional<Job> seen;
        worker.setHandler(u"x"_s, [&seen](std::shared_ptr<JobContext> job) {
            seen = job->job();
            job->complete();
        });
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(workerBlocked(), 5000);
        QTest::qWait(300); // the job comes well after the worker began to wait
        const QString id = m_queue->add(u"x"_s, 1).value();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 1, 5000);
        QVERIFY(worker.close(1000));
        QVERIFY(seen);
        const Job stored = m_queue->job(id).value().value();
        QVERIFY2(stored.processedOn >= stored.timestamp,
            qPrintable(u"%1 < %2"_s.arg(stored.processedOn).arg(stored.timestamp)));
        QCOMPARE(seen->processedOn, stored.processedOn);
    }

    void permanentFailureSkipsRetries()
    {
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        int calls = 0;
        worker.setHandler(u"*"_s, [&](std::shared_ptr<JobContext> job) {
            ++calls;
            job->fail(u"Employee is not mapped to Xero"_s, true);
        });
        JobOptions o;
        o.attempts = 5;
        const QString id = m_queue->add(u"sync-timesheet"_s, 1, o).value();
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().failed, 1, 5000);
        worker.close(1000);
        QCOMPARE(calls, 1);
        QCOMPARE(m_queue->job(id).value()->attemptsMade, 1);
    }

    //! Handlers that fail at once (a database that is down) can report before the worker has
    //! registered their job; every outcome must still be recorded (found by tests/reliability:
    //! jobs stayed active for ever, their locks renewed).
    void instantOutcomesAreNeverLost()
    {
        auto settings = quickWorker(m_queue->settings());
        settings.concurrency = 8;
        Worker worker(m_redisConfig, settings);
        worker.setHandler(u"*"_s, [&](std::shared_ptr<JobContext> job) {
            if (job->job().data.get<int>() % 2 == 0)
                job->fail(u"cannot connect to PostgreSQL"_s, true);
            else
                job->complete(nullptr);
        });
        worker.start();
        // One at a time while the handlers run in between: the fetch path dispatches them.
        constexpr int Jobs = 400;
        for (int i = 0; i < Jobs; ++i) {
            QVERIFY_RESULT(m_queue->add(u"sync-timesheet"_s, i, JobOptions {}));
            QCoreApplication::processEvents();
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            m_queue->counts().value().failed + m_queue->counts().value().completed == Jobs, 20'000);
        QCOMPARE(m_queue->counts().value().active, 0);
        worker.close(1000);
    }

    void delayedJobRunsOnTime()
    {
        Worker worker(m_redisConfig, [&] {
            auto s = quickWorker(m_queue->settings());
            s.guardIntervalMs = 5000;
            return s;
        }());
        QElapsedTimer clock;
        qint64 ranAt = -1;
        worker.setHandler(u"*"_s, [&](std::shared_ptr<JobContext> job) {
            ranAt = clock.elapsed();
            job->complete();
        });
        worker.start();
        QTest::qWait(300); // the worker is idle and subscribed when the job arrives
        JobOptions o;
        o.delayMs = 700;
        clock.start();
        QVERIFY_RESULT(m_queue->add(u"x"_s, 1, o));
        QTRY_VERIFY_WITH_TIMEOUT(ranAt >= 0, 5000);
        worker.close(1000);
        // Promoted through the `delayed` channel, not the 5 s guard timer. Job timestamps are whole
        // milliseconds (truncated), so the due time can come up to 1 ms before 700 ms on this
        // clock (seen once: 699).
        QVERIFY2(ranAt >= 699 && ranAt < 1500, qPrintable(QString::number(ranAt)));
    }

    void prioritiesRunInOrder()
    {
        QStringList order;
        for (int p : { 10, 0, 1, 5, 1 }) {
            JobOptions o;
            o.priority = p;
            QVERIFY_RESULT(m_queue->add(u"x"_s, p, o));
        }
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        worker.setHandler(u"*"_s, [&](std::shared_ptr<JobContext> job) {
            order << job->id();
            job->complete();
        });
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 5, 5000);
        worker.close(1000);
        QCOMPARE(order, (QStringList { u"3"_s, u"5"_s, u"4"_s, u"1"_s, u"2"_s }));
    }

    void blockingHandlerIsNotStalled()
    {
        auto s = quickWorker(m_queue->settings());
        s.lockDurationMs = 600;
        s.lockRenewMs = 150;
        s.stalledIntervalMs = 200;
        Worker worker(m_redisConfig, s);
        int calls = 0;
        worker.setHandler(u"*"_s, [&](std::shared_ptr<JobContext> job) {
            ++calls;
            QThread::msleep(2000); // blocks this thread for more than three lock durations
            job->complete();
        });
        QSignalSpy stalled(&worker, &Worker::jobStalled);
        QSignalSpy lost(&worker, &Worker::lockLost);
        const QString id = m_queue->add(u"x"_s, 1).value();
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 1, 8000);
        worker.close(1000);
        QCOMPARE(calls, 1);
        QCOMPARE(stalled.size(), 0);
        QCOMPARE(lost.size(), 0);
        QCOMPARE(m_queue->job(id).value()->stalledCounter, 0);
    }

    void stalledJobRunsOnceMoreAfterAWorkerIsKilled()
    {
        QProcess doomed;
        doomed.start(QStringLiteral(QUEUE_TEST_WORKER), { m_redisUrl, m_name, u"800"_s, u"300"_s });
        QVERIFY(doomed.waitForStarted());
        const QString id = m_queue->add(u"sync-timesheet"_s, { { "s", "a" } }).value();
        const QByteArray marker = QByteArray("started ") + id.toUtf8();
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += doomed.readAllStandardOutput()).contains(marker), 10000);
        QCOMPARE(m_queue->state(id).value(), JobState::Active);
        doomed.kill(); // SIGKILL: no cleanup, the lock just expires
        doomed.waitForFinished();

        auto s = quickWorker(m_queue->settings());
        s.stalledIntervalMs = 300;
        Worker rescuer(m_redisConfig, s);
        QStringList ran;
        rescuer.setHandler(u"*"_s, [&](std::shared_ptr<JobContext> job) {
            ran << job->id();
            job->complete(u"rescued"_s.toStdString());
        });
        QSignalSpy stalled(&rescuer, &Worker::jobStalled);
        rescuer.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 1, 15000);
        QTest::qWait(800); // a few more stalled checks: nothing else may run
        rescuer.close(1000);
        QCOMPARE(ran, QStringList { id });
        QCOMPARE(stalled.size(), 1);
        const auto job = m_queue->job(id).value().value();
        QCOMPARE(job.stalledCounter, 1);
        QVERIFY(job.returnValue == "rescued");
    }

    void pauseAndResumeWhileBusy()
    {
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        QStringList started;
        worker.setHandler(u"*"_s, [&](std::shared_ptr<JobContext> job) {
            started << job->id();
            QTimer::singleShot(150, this, [job] { job->complete(); });
        });
        for (int i = 0; i < 4; ++i)
            QVERIFY_RESULT(m_queue->add(u"x"_s, i));
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 5000);
        QVERIFY_RESULT(m_queue->pause());
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 1, 5000);
        QTest::qWait(600);
        QCOMPARE(started.size(), 1); // nothing new while paused
        QCOMPARE(m_queue->counts().value().paused, 3);
        QVERIFY_RESULT(m_queue->resume());
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 4, 8000);
        worker.close(1000);
    }

    void malformedJobsFailClearlyAndTheWorkerGoesOn()
    {
        const QByteArray base = m_queue->keys().base();
        QVERIFY_RESULT(m_redis->command({ "HSET", base + "bad", "name", "sync-timesheet", "data",
            "{not json", "opts", "{}", "timestamp", "1", "delay", "0", "priority", "0" }));
        QVERIFY_RESULT(m_redis->command({ "LPUSH", m_queue->keys().wait(), "bad", "ghost" }));
        QVERIFY_RESULT(m_queue->add(u"nope"_s, 1));
        QVERIFY_RESULT(m_queue->add(u"sync-timesheet"_s, { { "fine", true } }));
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        int good = 0;
        worker.setHandler(u"sync-timesheet"_s, [&](std::shared_ptr<JobContext> job) {
            ++good;
            job->complete();
        });
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().failed, 3, 8000);
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 1, 8000);
        worker.close(1000);
        QCOMPARE(good, 1);
        QVERIFY(m_queue->job(u"bad"_s).value()->failedReason.startsWith(
            u"job data is not valid JSON"_s));
        QVERIFY(
            m_queue->job(u"ghost"_s).value()->failedReason.startsWith(u"job hash is missing"_s));
        QCOMPARE(m_queue->job(u"1"_s).value()->failedReason,
            u"Missing process handler for job type nope"_s);
    }

    void closeGivesRunningJobsBack()
    {
        Worker first(m_redisConfig, quickWorker(m_queue->settings()));
        std::shared_ptr<JobContext> held;
        first.setHandler(u"*"_s, [&](std::shared_ptr<JobContext> job) { held = job; });
        const QString id = m_queue->add(u"x"_s, 1).value();
        first.start();
        QTRY_VERIFY_WITH_TIMEOUT(held != nullptr, 5000);
        QVERIFY(!first.close(200)); // did not finish in time: handed back
        QCOMPARE(m_queue->state(id).value(), JobState::Waiting);
        QCOMPARE(
            m_redis->command({ "EXISTS", m_queue->keys().job(id.toUtf8()) + ":lock" })->integer, 0);
        held->complete(); // too late: ignored, the job is no longer this worker's
        Worker second(m_redisConfig, quickWorker(m_queue->settings()));
        int calls = 0;
        second.setHandler(u"*"_s, [&](std::shared_ptr<JobContext> job) {
            ++calls;
            job->complete();
        });
        second.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 1, 5000);
        second.close(1000);
        QCOMPARE(calls, 1);
        QCOMPARE(m_queue->job(id).value()->attemptsMade, 0);
    }

    void closeWhileIdleTakesNoJob()
    {
        auto s = quickWorker(m_queue->settings());
        s.drainDelayMs = 20000; // a BRPOPLPUSH left to time out would hold close() up
        Worker worker(m_redisConfig, s);
        int calls = 0;
        countCalls(worker, calls);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(workerBlocked(), 5000);
        QElapsedTimer closing;
        closing.start();
        QVERIFY(worker.close(1000));
        // The blocking fetch was cut short (CLIENT UNBLOCK), not waited out.
        QVERIFY2(closing.elapsed() < 900, qPrintable(u"close took %1 ms"_s.arg(closing.elapsed())));
        const QString id = m_queue->add(u"x"_s, 1).value();
        QTest::qWait(200);
        QCOMPARE(m_queue->state(id).value(), JobState::Waiting);
        QCOMPARE(calls, 0);
        QCOMPARE(
            m_redis->command({ "EXISTS", m_queue->keys().staging(worker.token()) })->integer, 0);
        // Marked gone, so a staging sweep would take anything that arrived after it left.
        QCOMPARE(m_redis->command({ "ZSCORE", m_queue->keys().stagingWorkers(), worker.token() })
                     ->string,
            QByteArray("0"));
    }

    void aJobLeftInItsStagingListRunsOnce()
    {
        // A fetch cut off between its BRPOPLPUSH and the activation behind it leaves the job in
        // the worker's staging list; the worker's next fetch takes it from there. The queue is
        // paused so only the staged job can reach the handler.
        auto s = quickWorker(m_queue->settings());
        s.drainDelayMs = 200;
        Worker worker(m_redisConfig, s);
        QStringList ran;
        worker.setHandler(u"*"_s, [&ran](std::shared_ptr<JobContext> job) {
            ran << job->id();
            job->complete();
        });
        QVERIFY_RESULT(m_queue->pause());
        const QString staged = m_queue->add(u"x"_s, 1).value();
        const QString other = m_queue->add(u"x"_s, 2).value();
        worker.start();
        QVERIFY_RESULT(m_redis->command(
            { "RPOPLPUSH", m_queue->keys().paused(), m_queue->keys().staging(worker.token()) }));
        QTRY_COMPARE_WITH_TIMEOUT(ran, QStringList { staged }, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->state(staged).value(), JobState::Completed, 5000);
        QTest::qWait(500); // more fetches: the paused job must stay put
        QCOMPARE(ran, QStringList { staged });
        QCOMPARE(m_queue->state(other).value(), JobState::Paused);
        QVERIFY(worker.close(1000));
    }

    void aGoneWorkersStagedJobIsRequeued()
    {
        // A worker that died with a job in its staging list: the sweep of a live worker puts the
        // job back at the front of the queue once the dead one has not been seen for a while.
        const QString id = m_queue->add(u"x"_s, 1).value();
        const QByteArray gone = "0b5e55ed-dead-4bad-8bad-000000000001";
        const QByteArray staging = m_queue->keys().staging(gone);
        QVERIFY_RESULT(m_redis->command({ "RPOPLPUSH", m_queue->keys().wait(), staging }));
        const qint64 longAgo = QDateTime::currentMSecsSinceEpoch() - 10 * 60 * 1000;
        QVERIFY_RESULT(m_redis->command(
            { "ZADD", m_queue->keys().stagingWorkers(), QByteArray::number(longAgo), gone }));
        QCOMPARE(m_queue->counts().value().waiting, 0);
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        QStringList ran;
        worker.setHandler(u"*"_s, [&ran](std::shared_ptr<JobContext> job) {
            ran << job->id();
            job->complete();
        });
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 1, 5000);
        QCOMPARE(ran, QStringList { id });
        QCOMPARE(m_redis->command({ "EXISTS", staging })->integer, 0);
        const auto workers =
            m_redis->command({ "ZRANGE", m_queue->keys().stagingWorkers(), "0", "-1" })->elements;
        QCOMPARE(workers.size(), 1);
        QCOMPARE(workers.first().string, worker.token()); // the gone one is forgotten
        QVERIFY(worker.close(1000));
    }

    void restartsAfterClose()
    {
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        std::shared_ptr<JobContext> held;
        worker.setHandler(u"*"_s, [&held](std::shared_ptr<JobContext> job) {
            if (job->job().data == 1)
                held = job; // never finishes in the first run
            else
                job->complete();
        });
        QVERIFY_RESULT(m_queue->add(u"x"_s, 1));
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(held != nullptr, 5000);
        QVERIFY(!worker.close(100));
        held->complete(); // after close: dropped, the job went back to the queue
        held.reset();
        worker.setHandler(u"*"_s, [](std::shared_ptr<JobContext> job) { job->complete(); });
        QVERIFY_RESULT(m_queue->add(u"x"_s, 2));
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 2, 5000);
        QVERIFY(worker.close(1000));
    }

    void eventsReachListeners()
    {
        QueueEvents events(m_redisConfig, m_queue->settings());
        QSignalSpy subscribed(&events, &QueueEvents::subscribed);
        QSignalSpy waiting(&events, &QueueEvents::jobWaiting);
        QSignalSpy active(&events, &QueueEvents::jobActive);
        QSignalSpy completed(&events, &QueueEvents::jobCompleted);
        QSignalSpy failedSpy(&events, &QueueEvents::jobFailed);
        QSignalSpy progress(&events, &QueueEvents::jobProgress);
        QSignalSpy counts(&events, &QueueEvents::countsChanged);
        events.start();
        QVERIFY(subscribed.wait(5000));
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        worker.setHandler(u"ok"_s, [](std::shared_ptr<JobContext> job) {
            job->progress(50);
            job->complete({ { "xeroTimesheetId", "ts-1" } });
        });
        worker.setHandler(
            u"bad"_s, [](std::shared_ptr<JobContext> job) { job->fail(u"no such employee"_s); });
        worker.start();
        const QString okId = m_queue->add(u"ok"_s, 1).value();
        const QString badId = m_queue->add(u"bad"_s, 2).value();
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(failedSpy.size(), 1, 5000);
        worker.close(1000);
        QCOMPARE(completed.at(0).at(0).toString(), okId);
        QCOMPARE(completed.at(0).at(1).toByteArray(), QByteArray("{\"xeroTimesheetId\":\"ts-1\"}"));
        QCOMPARE(failedSpy.at(0).at(0).toString(), badId);
        QCOMPARE(failedSpy.at(0).at(1).toString(), u"no such employee"_s);
        QVERIFY(waiting.size() >= 2);
        QVERIFY(active.size() >= 2);
        QCOMPARE(progress.size(), 1);
        QCOMPARE(progress.at(0).at(1).toByteArray(), QByteArray("50"));
        // Counts follow the events: the last ones seen show the finished jobs.
        QTRY_VERIFY_WITH_TIMEOUT(!counts.isEmpty()
                && counts.last().at(0).value<JobCounts>().completed == 1
                && counts.last().at(0).value<JobCounts>().failed == 1,
            3000);
        events.stop();
    }

    void drainedIsAnnouncedWhenABlockingFetchEmptiesTheQueue()
    {
        // Bull announces `drained` on a fetch that finds nothing; our worker blocks again right
        // after a job its blocking fetch brought, so the activation announces it instead.
        QueueEvents events(m_redisConfig, m_queue->settings());
        QSignalSpy subscribed(&events, &QueueEvents::subscribed);
        QSignalSpy drained(&events, &QueueEvents::drained);
        events.start();
        QVERIFY(subscribed.wait(5000));
        auto s = quickWorker(m_queue->settings());
        s.drainDelayMs = 20000; // no timed-out wait announces it in this test's time
        Worker worker(m_redisConfig, s);
        int calls = 0;
        countCalls(worker, calls);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(drained.size() >= 1, 5000); // the first look found nothing
        QTRY_VERIFY_WITH_TIMEOUT(workerBlocked(), 5000);
        drained.clear();
        QVERIFY_RESULT(m_queue->add(u"x"_s, 1));
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, 5000);
        QCOMPARE(calls, 1);
        QVERIFY(worker.close(1000));
        events.stop();
    }

    void keepJobsTrimsFinishedJobs()
    {
        JobOptions keepTwo;
        keepTwo.removeOnComplete = KeepJobs { 2, 0 };
        JobOptions dropFailed;
        dropFailed.removeOnFail = KeepJobs { 0, 0 };
        JobOptions keepOneHour; // at most one, and none older than an hour
        keepOneHour.removeOnFail = KeepJobs { 1, 3600 };
        QStringList kept;
        for (int i = 0; i < 5; ++i)
            kept << m_queue->add(u"ok"_s, i, keepTwo).value();
        const QString gone = m_queue->add(u"bad"_s, 9, dropFailed).value();
        const QString firstOfHour = m_queue->add(u"worse"_s, 1, keepOneHour).value();
        const QString lastOfHour = m_queue->add(u"worse"_s, 2, keepOneHour).value();
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        worker.setHandler(u"ok"_s, [](std::shared_ptr<JobContext> job) { job->complete(); });
        worker.setHandler(u"bad"_s, [](std::shared_ptr<JobContext> job) {
            job->log(u"about to fail"_s);
            job->fail(u"no"_s);
        });
        worker.setHandler(u"worse"_s, [](std::shared_ptr<JobContext> job) { job->fail(u"no"_s); });
        QSignalSpy failed(&worker, &Worker::jobFailed);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 3, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_queue->job(kept[2]).value().has_value(), 5000);
        worker.close(1000);
        QCOMPARE(m_queue->counts().value().completed, 2); // the newest two stay
        QVERIFY(m_queue->job(kept[4]).value().has_value());
        QVERIFY(!m_queue->job(kept[0]).value().has_value());
        // One "worse" job stays (which one when both failed in the same millisecond is Redis's
        // order of equal scores, as with Bull).
        QCOMPARE(m_queue->counts().value().failed, 1);
        QCOMPARE(int(m_queue->job(firstOfHour).value().has_value())
                + int(m_queue->job(lastOfHour).value().has_value()),
            1);
        QVERIFY(!m_queue->job(gone).value().has_value());
        QCOMPARE(
            m_redis->command({ "EXISTS", m_queue->keys().job(gone.toUtf8()) + ":logs" })->integer,
            0);
    }

    void survivesARedisRestart()
    {
        PrivateServices own;
        const auto started = startPrivateRedis(own);
        QVERIFY(started);
        const RedisConfig config = *started;
        Queue queue(config, m_queue->settings());
        auto s = quickWorker(m_queue->settings());
        s.concurrency = 2;
        s.stalledIntervalMs = 1000;
        s.lockDurationMs = 3000;
        Worker worker(config, s);
        QHash<QString, int> runs;
        countRuns(worker, runs, 20);
        constexpr int JOBS = 40;
        // Custom ids make an add that is retried across the outage idempotent, as the agent does.
        auto addJob = [&](int i) {
            JobOptions o;
            o.jobId = u"job-%1"_s.arg(i);
            return queue.add(u"x"_s, i, o).has_value();
        };
        for (int i = 0; i < JOBS; ++i)
            QVERIFY(addJob(i));
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(queue.counts().value().completed >= 10, 10000);
        QVERIFY_RESULT(own.restart(u"redis"_s));
        // More work arrives after the restart; the blocked fetch must notice and resume.
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer waited;
            waited.start();
            while (!addJob(JOBS + i) && waited.elapsed() < 10000)
                QTest::qWait(100);
        }
        QTRY_COMPARE_WITH_TIMEOUT(queue.counts().value().completed, JOBS + 5, 30000);
        worker.close(1000);
        QCOMPARE(runs.size(), JOBS + 5); // every job ran; none was lost
        const JobCounts c = queue.counts().value();
        QCOMPARE(c.waiting + c.active + c.failed + c.delayed, 0);
    }

    //! Every connection of a busy worker is cut three times (outcomes in flight, a blocked or
    //! half-done fetch) and Redis forgets its scripts once: each job still runs exactly once.
    void survivesCutConnectionsAndAScriptFlush()
    {
        PrivateServices own; // CLIENT KILL must not hit other tests' connections
        const auto started = startPrivateRedis(own);
        QVERIFY(started);
        const RedisConfig config = *started;
        Queue queue(config, m_queue->settings());
        RedisConnection admin(config);
        auto s = quickWorker(m_queue->settings());
        s.concurrency = 6;
        s.lockDurationMs = 2000; // a job whose reply was cut comes back quickly
        s.stalledIntervalMs = 500;
        Worker worker(config, s);
        QHash<QString, int> runs;
        countRuns(worker, runs, 2);
        constexpr int JOBS = 240;
        QList<NewJob> jobs;
        for (int i = 0; i < JOBS; ++i)
            jobs << NewJob { u"x"_s, i, {} };
        QVERIFY_RESULT(queue.addBulk(jobs));
        // The kills cut this test's own queue connection too: a failed read just counts as -1.
        auto completed = [&] {
            const auto counts = queue.counts();
            return counts ? counts->completed : -1;
        };
        worker.start();
        qint64 cut = 0;
        for (const int at : { 40, 100, 160 }) {
            QTRY_VERIFY_WITH_TIMEOUT(completed() >= at, 20000);
            if (at == 100)
                QVERIFY_RESULT(admin.command({ "SCRIPT", "FLUSH" }));
            auto killed = admin.command({ "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes" });
            QVERIFY_RESULT(killed);
            cut += killed->integer;
        }
        // This test's own queue connection is one per cut; the worker lost at least as many.
        QVERIFY2(cut >= 6, qPrintable(u"only %1 connections were cut"_s.arg(cut)));
        QTRY_COMPARE_WITH_TIMEOUT(completed(), JOBS, 30000);
        worker.close(1000);
        QCOMPARE(runs.size(), JOBS);
        for (auto it = runs.cbegin(); it != runs.cend(); ++it)
            QVERIFY2(it.value() == 1,
                qPrintable(u"job %1 ran %2 times"_s.arg(it.key()).arg(it.value())));
        const JobCounts c = queue.counts().value();
        QCOMPARE(c.waiting + c.active + c.failed + c.delayed, 0);
    }

    //! A lone outcome waits while a finish call is in flight (outcomes go in full batches). When
    //! that call's connection is cut and no job finishes after it (the queue's last jobs), the
    //! waiting outcome is still recorded. CLIENT PAUSE WRITE holds the call in Redis meanwhile.
    void anOutcomeHeldBackForALostCallIsRecorded()
    {
        PrivateServices own; // CLIENT PAUSE and KILL must not hit other tests' connections
        const auto started = startPrivateRedis(own);
        QVERIFY(started);
        const RedisConfig config = *started;
        Queue queue(config, m_queue->settings());
        RedisConnection admin(config);
        auto s = quickWorker(m_queue->settings());
        s.concurrency = 4; // batches of two
        // Nothing of the worker's own may write while Redis is paused.
        s.lockDurationMs = s.stalledIntervalMs = s.guardIntervalMs = 60000;
        Worker worker(config, s);
        QList<std::shared_ptr<JobContext>> running;
        worker.setHandler(u"*"_s, [&running](std::shared_ptr<JobContext> job) { running << job; });
        QSignalSpy completed(&worker, &Worker::jobCompleted);
        QVERIFY_RESULT(queue.add(u"x"_s, 1));
        QVERIFY_RESULT(queue.add(u"x"_s, 2));
        worker.start();
        QTRY_COMPARE(running.size(), 2);

        QVERIFY_RESULT(admin.command({ "CLIENT", "PAUSE", "10000", "WRITE" }));
        running[0]->complete();
        // Its finish call waits in Redis: a client blocked (flags=b) on an EVALSHA.
        QTRY_VERIFY(hasClient(admin, {}, { "flags=b", "cmd=evalsha" }));
        running[1]->complete();
        // No signal says the worker took this outcome and holds it back; it does so at once.
        QTest::qWait(300);
        QVERIFY_RESULT(admin.command({ "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes" }));
        QVERIFY_RESULT(admin.command({ "CLIENT", "UNPAUSE" }));

        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 2, 10000);
        QTRY_COMPARE(queue.counts().value_or(JobCounts {}).completed, 2);
        worker.close(1000);
    }

private:
    //! A Redis of the test's own, for restarts and cut connections that must not touch other
    //! tests; nullopt (with a warning saying why) when it does not start.
    static std::optional<RedisConfig> startPrivateRedis(PrivateServices &own)
    {
        auto services = own.start(u"redis"_s);
        if (!services) {
            qWarning() << "private Redis did not start:" << services.error().message;
            return std::nullopt;
        }
        return RedisConfig::fromUrl(services->redisUrl).value();
    }

    //! A handler that counts its calls and completes each job at once.
    static void countCalls(Worker &worker, int &calls)
    {
        worker.setHandler(u"*"_s, [&calls](std::shared_ptr<JobContext> job) {
            ++calls;
            job->complete();
        });
    }

    //! Whether a worker of this queue waits in BRPOPLPUSH (Redis flags its client `b`).
    bool workerBlocked() const
    {
        return hasClient(*m_redis, m_queue->keys().workerClientName(), { "flags=b" });
    }

    //! A handler that counts each job's runs and completes the job `afterMs` later.
    void countRuns(Worker &worker, QHash<QString, int> &runs, int afterMs)
    {
        worker.setHandler(u"*"_s, [this, &runs, afterMs](std::shared_ptr<JobContext> job) {
            ++runs[job->id()];
            QTimer::singleShot(afterMs, this, [job] { job->complete(); });
        });
    }

    QString m_redisUrl;
    RedisConfig m_redisConfig;
    std::unique_ptr<RedisConnection> m_redis;
    QString m_name;
    std::unique_ptr<Queue> m_queue;
};

QTEST_GUILESS_MAIN(TestWorker)
#include "tst_worker.moc"
