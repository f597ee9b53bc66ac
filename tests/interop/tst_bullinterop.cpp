#include <QProcess>
#include <QTest>

#include "core/queue/queue.h"
#include "core/queue/redisconnection.h"
#include "core/queue/worker.h"
#include "support/testhelpers.h"
#include "support/testqueue.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

//! Our queue against the real Node.js `bull` 4.16.5 on the same Redis keys.
class TestBullInterop : public QObject
{
    Q_OBJECT

private slots:

    void initTestCase()
    {
        auto services = TestServices::load();
        QVERIFY_RESULT(services);
        m_redisUrl = services->redisUrl;
        m_redisConfig = RedisConfig::fromUrl(m_redisUrl).value();
        m_peerDir = qEnvironmentVariable("XEROSYNC_BULL_PEER_DIR");
        QVERIFY2(QFile::exists(m_peerDir + u"/node_modules/bull/package.json"_s),
            "the bull peer is not installed (the bull_peer_install fixture does it)");
    }

    void init()
    {
        const QueueSettings settings = uniqueQueue("interop");
        m_name = settings.name;
        m_queue = std::make_unique<Queue>(m_redisConfig, settings);
    }

    void cleanup()
    {
        QVERIFY_RESULT(m_queue->destroy()); // keep the shared server small
        m_queue.reset();
    }

    void nodeProducerOurWorker()
    {
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        worker.setHandler(u"sync-timesheet"_s, [](std::shared_ptr<JobContext> job) {
            job->complete({ { "synced", job->job().data["n"] }, { "by", "xerosync" } });
        });
        worker.start();
        const auto out = peer({ u"produce"_s, u"6"_s });
        worker.close(2000);
        QVERIFY_RESULT(out);
        // job.finished() resolved in Node with our return values: our completion events and
        // job hashes are what Bull expects.
        QCOMPARE((*out)["results"].size(), size_t(6));
        for (int i = 0; i < 6; ++i) {
            QCOMPARE((*out)["results"][i]["synced"].get<int>(), i);
            QCOMPARE((*out)["results"][i]["by"].get<std::string>(), std::string("xerosync"));
        }
        QCOMPARE(m_queue->counts().value().completed, 6);
    }

    void ourProducerNodeWorker()
    {
        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            JobOptions o;
            o.attempts = 3;
            o.backoff = BackoffOptions { u"exponential"_s, 100 };
            o.priority = i == 4 ? 1 : 0;
            o.removeOnComplete = KeepJobs { 100, 0 };
            ids << m_queue
                       ->add(u"sync-timesheet"_s,
                           { { "submissionId", u"s-%1"_s.arg(i).toStdString() } }, o)
                       .value();
        }
        const auto out = peer({ u"consume"_s, u"5"_s });
        QVERIFY_RESULT(out);
        QCOMPARE(
            (*out)["processed"][0].get<std::string>(), ids[4].toStdString()); // priority 1 first
        QCOMPARE(m_queue->counts().value().completed, 5);
        const auto job = m_queue->job(ids[2]).value().value();
        QVERIFY(job.returnValue["echo"]["submissionId"] == "s-2");
        QVERIFY(job.returnValue["by"] == "node");
        QVERIFY(job.progress == 100);
        QVERIFY(job.finishedOn >= job.processedOn);
    }

    void nodeSeesOurJobsAsBullWould()
    {
        // One of each: completed, failed for good, delayed, waiting.
        JobOptions failing;
        failing.attempts = 1;
        const QString done = m_queue->add(u"ok"_s, { { "a", 1 } }).value();
        const QString bad = m_queue->add(u"bad"_s, { { "b", 2 } }, failing).value();
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        worker.setHandler(u"ok"_s, [](std::shared_ptr<JobContext> job) {
            job->log(u"sent to Xero"_s);
            job->complete({ { "xeroTimesheetId", "ts-9" } });
        });
        worker.setHandler(
            u"bad"_s, [](std::shared_ptr<JobContext> job) { job->fail(u"Employee not mapped"_s); });
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_queue->counts().value().completed + m_queue->counts().value().failed, 2, 10000);
        // Dashboards count workers by the blocking connection's client name, as Bull names it.
        const auto live = peer({ u"inspect"_s });
        QVERIFY_RESULT(live);
        QCOMPARE((*live)["workers"].get<int>(), 1);
        QCOMPARE(m_queue->workers().value().size(), 1);
        worker.close(1000);
        JobOptions later;
        later.delayMs = 3'600'000;
        const QString delayed = m_queue->add(u"ok"_s, 3, later).value();
        const QString waiting = m_queue->add(u"ok"_s, 4).value();

        const auto out = peer({ u"inspect"_s, done, bad, delayed, waiting });
        QVERIFY_RESULT(out);
        const auto &counts = (*out)["counts"];
        const JobCounts ours = m_queue->counts().value();
        QCOMPARE(counts["waiting"].get<qint64>(), ours.waiting);
        QCOMPARE(counts["completed"].get<qint64>(), ours.completed);
        QCOMPARE(counts["failed"].get<qint64>(), ours.failed);
        QCOMPARE(counts["delayed"].get<qint64>(), ours.delayed);
        QCOMPARE(ours.waiting, 1);
        const auto &jobs = (*out)["jobs"];
        QCOMPARE(jobs[0]["state"].get<std::string>(), std::string("completed"));
        QVERIFY(jobs[0]["returnvalue"]["xeroTimesheetId"] == "ts-9");
        QVERIFY(jobs[0]["finishedOn"].is_number());
        QVERIFY(jobs[0]["processedOn"].is_number());
        QCOMPARE(jobs[1]["state"].get<std::string>(), std::string("failed"));
        QCOMPARE(jobs[1]["failedReason"].get<std::string>(), std::string("Employee not mapped"));
        QCOMPARE(jobs[1]["attemptsMade"].get<int>(), 1);
        QVERIFY(jobs[1]["stacktrace"].is_array());
        QVERIFY(jobs[1]["data"]["b"] == 2);
        QCOMPARE(jobs[2]["state"].get<std::string>(), std::string("delayed"));
        QCOMPARE(jobs[3]["state"].get<std::string>(), std::string("waiting"));
        QCOMPARE(jobs[3]["name"].get<std::string>(), std::string("ok"));
        QCOMPARE(jobs[3]["opts"]["attempts"].get<int>(), 1);

        const auto logs = peer({ u"logs"_s, done });
        QVERIFY_RESULT(logs);
        QCOMPARE((*logs)["logs"][0].get<std::string>(), std::string("sent to Xero"));
        const auto metrics = peer({ u"metrics"_s, u"completed"_s });
        QVERIFY_RESULT(metrics);
        QCOMPARE((*metrics)["total"].get<int>(), 1); // what bull-board charts from
    }

    void nodeOperatesOnOurJobs()
    {
        JobOptions once;
        once.attempts = 1;
        QStringList ids;
        for (int i = 0; i < 3; ++i)
            ids << m_queue->add(u"flaky"_s, i, once).value();
        bool healthy = false;
        Worker worker(m_redisConfig, quickWorker(m_queue->settings()));
        worker.setHandler(u"flaky"_s, [&healthy](std::shared_ptr<JobContext> job) {
            if (healthy)
                job->complete(u"ok"_s.toStdString());
            else
                job->fail(u"Xero is down"_s);
        });
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().failed, 3, 10000);

        // Node pauses (global): our worker must stop taking jobs; our side sees the pause.
        QVERIFY_RESULT(peer({ u"pause"_s }));
        QVERIFY(m_queue->isPaused().value());
        healthy = true;
        QVERIFY_RESULT(peer({ u"job-retry"_s, ids[0] }));
        QTest::qWait(800);
        QCOMPARE(m_queue->counts().value().paused, 1);
        QCOMPARE(m_queue->counts().value().completed, 0);
        QVERIFY_RESULT(peer({ u"resume"_s }));
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 1, 10000);

        // Node retries the rest of our failed jobs in bulk; our worker runs them.
        QVERIFY_RESULT(peer({ u"retry-jobs"_s }));
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 3, 10000);
        worker.close(1000);
        QCOMPARE(m_queue->counts().value().failed, 0);

        // Node cleans what our worker completed.
        const auto cleaned = peer({ u"clean"_s, u"0"_s, u"completed"_s });
        QVERIFY_RESULT(cleaned);
        QCOMPARE((*cleaned)["removed"].size(), size_t(3));
        QCOMPARE(m_queue->counts().value().completed, 0);
        QVERIFY(!m_queue->job(ids[1]).value().has_value());
    }

    void mixedProducersOneWorker()
    {
        QHash<QString, int> runs;
        Worker worker(m_redisConfig, [&] {
            auto s = quickWorker(m_queue->settings());
            s.concurrency = 4;
            return s;
        }());
        worker.setHandler(u"*"_s, [&runs](std::shared_ptr<JobContext> job) {
            ++runs[job->id()];
            job->complete();
        });
        worker.start();
        QProcess node;
        node.setWorkingDirectory(m_peerDir);
        node.start(u"node"_s, { u"bullpeer.js"_s, m_redisUrl, m_name, u"produce"_s, u"15"_s });
        for (int i = 0; i < 15; ++i)
            QVERIFY_RESULT(m_queue->add(u"ours"_s, i));
        // Our worker runs in this thread: keep its event loop turning while Node waits.
        QTRY_VERIFY_WITH_TIMEOUT(node.state() == QProcess::NotRunning, 60000);
        QVERIFY2(node.exitCode() == 0, node.readAllStandardError().constData());
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->counts().value().completed, 30, 10000);
        worker.close(1000);
        QCOMPARE(runs.size(), 30);
        for (auto it = runs.cbegin(); it != runs.cend(); ++it)
            QCOMPARE(it.value(), 1);
    }

private:
    Result<nlohmann::json> peer(const QStringList &args)
    {
        QProcess node;
        node.setWorkingDirectory(m_peerDir);
        node.start(u"node"_s, QStringList { u"bullpeer.js"_s, m_redisUrl, m_name } + args);
        // Keep our event loop turning: our worker runs in this thread.
        QElapsedTimer timer;
        timer.start();
        while (node.state() != QProcess::NotRunning && timer.elapsed() < 60000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            node.waitForFinished(20);
        }
        if (node.state() != QProcess::NotRunning) {
            node.kill();
            node.waitForFinished();
            return fail(
                ErrorCode::Timeout, u"node bullpeer.js %1 timed out"_s.arg(args.join(u' ')));
        }
        if (node.exitCode() != 0)
            return fail(ErrorCode::Internal,
                u"node bullpeer.js %1 failed: %2"_s.arg(
                    args.join(u' '), QString::fromUtf8(node.readAllStandardError())));
        const QByteArray out = node.readAllStandardOutput();
        auto parsed = nlohmann::json::parse(out.begin(), out.end(), nullptr, false);
        if (parsed.is_discarded())
            return fail(
                ErrorCode::Internal, u"bullpeer printed no JSON: "_s + QString::fromUtf8(out));
        return parsed;
    }

    QString m_redisUrl;
    RedisConfig m_redisConfig;
    QString m_peerDir;
    QString m_name;
    std::unique_ptr<Queue> m_queue;
};

QTEST_GUILESS_MAIN(TestBullInterop)
#include "tst_bullinterop.moc"
