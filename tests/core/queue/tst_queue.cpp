#include <QRegularExpression>
#include <QTest>

#include "core/common/manualclock.h"
#include "core/queue/queue.h"
#include "core/queue/redisconnection.h"
#include "support/privateservices.h"
#include "support/testhelpers.h"
#include "support/testqueue.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

namespace {
JobOptions withPriority(int p)
{
    JobOptions o;
    o.priority = p;
    return o;
}
} // namespace

class TestQueue : public QObject
{
    Q_OBJECT

private slots:

    void initTestCase()
    {
        auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto config = RedisConfig::fromUrl(services->redisUrl);
        QVERIFY_RESULT(config);
        m_redisConfig = *config;
        m_redis = std::make_unique<RedisConnection>(m_redisConfig);
    }

    void init()
    {
        const QueueSettings settings = uniqueQueue("tq");
        m_queue = std::make_unique<Queue>(m_redisConfig, settings, &m_clock);
    }

    void cleanup()
    {
        QVERIFY_RESULT(m_queue->destroy()); // keep the shared server small
        m_queue.reset();
    }

    void addWritesBullLayout()
    {
        JobOptions o;
        o.attempts = 5;
        o.backoff = BackoffOptions { u"exponential"_s, 1000 };
        o.removeOnComplete = KeepJobs { 100, 0 };
        const auto id = m_queue->add(u"sync-timesheet"_s, { { "submissionId", "s-1" } }, o);
        QVERIFY_RESULT(id);
        QCOMPARE(*id, u"1"_s);
        auto hash = m_redis->command({ "HGETALL", m_queue->keys().job("1") });
        QVERIFY_RESULT(hash);
        const auto f = hash->toHash();
        QCOMPARE(f.value("name"), QByteArray("sync-timesheet"));
        QCOMPARE(f.value("data"), QByteArray("{\"submissionId\":\"s-1\"}"));
        QCOMPARE(f.value("timestamp").toLongLong(), m_clock.now().toMSecsSinceEpoch());
        QCOMPARE(f.value("delay"), QByteArray("0"));
        QCOMPARE(f.value("priority"), QByteArray("0"));
        const auto opts = nlohmann::json::parse(f.value("opts").toStdString());
        QCOMPARE(opts["attempts"].get<int>(), 5);
        QCOMPARE(opts["backoff"]["type"].get<std::string>(), std::string("exponential"));
        QCOMPARE(opts["removeOnComplete"].get<int>(), 100);
        QCOMPARE(opts["timestamp"].get<qint64>(), m_clock.now().toMSecsSinceEpoch());
        auto wait = m_redis->command({ "LRANGE", m_queue->keys().wait(), "0", "-1" });
        QCOMPARE(wait->elements.size(), 1);
        QCOMPARE(wait->elements[0].string, QByteArray("1"));
        QCOMPARE(m_redis->command({ "GET", m_queue->keys().id() })->string, QByteArray("1"));

        const auto job = m_queue->job(u"1"_s);
        QVERIFY_RESULT(job);
        QVERIFY(job->has_value());
        QCOMPARE((*job)->name, u"sync-timesheet"_s);
        QVERIFY((*job)->data["submissionId"] == "s-1");
        QCOMPARE((*job)->options.attempts, 5);
        QVERIFY(!m_queue->job(u"999"_s).value().has_value());
        QVERIFY_ERROR(m_queue->job(QString()), ErrorCode::BadRequest);
    }

    void prioritiesOrderTheWaitList()
    {
        // Same order Bull produces: prioritised jobs first by priority (FIFO within one),
        // then unprioritised jobs FIFO.
        QStringList expected;
        QVERIFY_RESULT(m_queue->add(u"a"_s, 1)); // id 1, no priority
        QVERIFY_RESULT(m_queue->add(u"b"_s, 2, withPriority(5))); // 2
        QVERIFY_RESULT(m_queue->add(u"c"_s, 3, withPriority(1))); // 3
        QVERIFY_RESULT(m_queue->add(u"d"_s, 4)); // 4
        QVERIFY_RESULT(m_queue->add(u"e"_s, 5, withPriority(5))); // 5
        QVERIFY_RESULT(m_queue->add(u"f"_s, 6, withPriority(10))); // 6
        QVERIFY_RESULT(m_queue->add(u"g"_s, 7, withPriority(1))); // 7
        const auto waiting = m_queue->jobs(JobState::Waiting, 0, -1);
        QVERIFY_RESULT(waiting);
        QStringList order;
        for (const auto &j : *waiting)
            order << j.id;
        QCOMPARE(order, (QStringList { u"3"_s, u"7"_s, u"2"_s, u"5"_s, u"6"_s, u"1"_s, u"4"_s }));
        // Both insert paths (pop-and-push near the front, LINSERT deep in the list) keep it.
        for (int i = 0; i < 20; ++i)
            QVERIFY_RESULT(m_queue->add(u"p"_s, i, withPriority(2)));
        const auto after = m_queue->jobs(JobState::Waiting, 0, 4);
        QStringList head;
        for (const auto &j : *after)
            head << j.id;
        QCOMPARE(head, (QStringList { u"3"_s, u"7"_s, u"8"_s, u"9"_s, u"10"_s }));
        const auto tail = m_queue->jobs(JobState::Waiting, 22, 26);
        QStringList tailIds;
        for (const auto &j : *tail)
            tailIds << j.id;
        QCOMPARE(tailIds, (QStringList { u"2"_s, u"5"_s, u"6"_s, u"1"_s, u"4"_s }));
    }

    void customIdDeduplicates()
    {
        JobOptions o;
        o.jobId = u"approval:s-1:v1"_s;
        QCOMPARE(m_queue->add(u"sync-timesheet"_s, 1, o).value(), o.jobId);
        QCOMPARE(m_queue->add(u"sync-timesheet"_s, 2, o).value(), o.jobId);
        QCOMPARE(m_queue->counts().value().waiting, 1);
        QVERIFY(m_queue->job(o.jobId).value().value().data == 1); // the first one stays
        QVERIFY_RESULT(m_queue->remove(o.jobId));
        QVERIFY_RESULT(m_queue->add(u"sync-timesheet"_s, 3, o)); // free again once removed
        QCOMPARE(m_queue->counts().value().waiting, 1);
    }

    void lifoAndDelay()
    {
        QVERIFY_RESULT(m_queue->add(u"x"_s, 1));
        JobOptions lifo;
        lifo.lifo = true;
        QVERIFY_RESULT(m_queue->add(u"x"_s, 2, lifo));
        QCOMPARE(m_queue->jobs(JobState::Waiting, 0, 0).value().first().id, u"2"_s);
        JobOptions delayed;
        delayed.delayMs = 60'000;
        const auto id = m_queue->add(u"x"_s, 3, delayed);
        QVERIFY_RESULT(id);
        auto score = m_redis->command({ "ZSCORE", m_queue->keys().delayed(), id->toUtf8() });
        QVERIFY_RESULT(score);
        const double due = std::floor(score->string.toDouble() / 4096.0);
        QCOMPARE(qint64(due), m_clock.now().toMSecsSinceEpoch() + 60'000);
        QCOMPARE(m_queue->state(*id).value(), JobState::Delayed);
        const JobCounts counts = m_queue->counts().value();
        QCOMPARE(counts.waiting, 2);
        QCOMPARE(counts.delayed, 1);
    }

    void pauseRenamesWaitToPaused()
    {
        QVERIFY_RESULT(m_queue->add(u"x"_s, 1));
        QVERIFY_RESULT(m_queue->pause());
        QVERIFY(m_queue->isPaused().value());
        QCOMPARE(m_redis->command({ "EXISTS", m_queue->keys().metaPaused() })->integer, 1);
        QCOMPARE(m_redis->command({ "HGET", m_queue->keys().meta(), "paused" })->string,
            QByteArray("1"));
        QVERIFY_RESULT(m_queue->add(u"x"_s, 2)); // lands in paused
        JobCounts c = m_queue->counts().value();
        QCOMPARE(c.waiting, 0);
        QCOMPARE(c.paused, 2);
        QCOMPARE(m_queue->state(u"2"_s).value(), JobState::Paused);
        QVERIFY_RESULT(m_queue->resume());
        QVERIFY(!m_queue->isPaused().value());
        c = m_queue->counts().value();
        QCOMPARE(c.waiting, 2);
        QCOMPARE(c.paused, 0);
    }

    void bulkAddIsOneRoundTrip()
    {
        QList<NewJob> jobs;
        for (int i = 0; i < 50; ++i)
            jobs << NewJob { u"batch-child"_s, { { "i", i } }, withPriority(i % 2 ? 10 : 0) };
        const auto ids = m_queue->addBulk(jobs);
        QVERIFY_RESULT(ids);
        QCOMPARE(ids->size(), 50);
        QCOMPARE(ids->first(), u"1"_s);
        QCOMPARE(ids->last(), u"50"_s);
        QCOMPARE(m_queue->counts().value().waiting, 50);
        JobOptions bad;
        bad.attempts = 0;
        QVERIFY_ERROR(m_queue->addBulk({ NewJob { u"x"_s, 1, bad } }), ErrorCode::BadRequest);
        // Ids alone come in the same order as the jobs, without reading a hash per job.
        const auto waiting = m_queue->jobs(JobState::Waiting, 0, -1);
        const auto waitingIds = m_queue->jobIds(JobState::Waiting, 0, -1);
        QVERIFY_RESULT(waitingIds);
        QCOMPARE(waitingIds->size(), 50);
        for (qsizetype i = 0; i < waitingIds->size(); ++i)
            QCOMPARE(waitingIds->at(i), waiting->at(i).id);
        QCOMPARE(m_queue->jobIds(JobState::Waiting, 0, 9).value(), waitingIds->mid(0, 10));
        QVERIFY(m_queue->jobIds(JobState::Delayed, 0, -1).value().isEmpty());
        QVERIFY_ERROR(m_queue->jobIds(JobState::Unknown), ErrorCode::BadRequest);
    }

    void logsAndProgress()
    {
        const QString id = m_queue->add(u"x"_s, 1).value();
        QCOMPARE(m_queue->addLog(id, u"first"_s).value(), 1);
        QCOMPARE(m_queue->addLog(id, u"second"_s).value(), 2);
        QCOMPARE(m_queue->addLog(id, u"third"_s, 2).value(), 2);
        QCOMPARE(m_queue->logs(id).value(), (QStringList { u"second"_s, u"third"_s }));
        QVERIFY_RESULT(m_queue->updateProgress(id, { { "done", 3 }, { "total", 10 } }));
        QVERIFY(m_queue->job(id).value()->progress["done"] == 3);
        QVERIFY_ERROR(m_queue->addLog(u"nope"_s, u"x"_s), ErrorCode::NotFound);
        QVERIFY_ERROR(m_queue->updateProgress(u"nope"_s, 1), ErrorCode::NotFound);
    }

    void cleanAndRemoveRespectLocks()
    {
        QVERIFY_RESULT(m_queue->add(u"x"_s, 1));
        QVERIFY_RESULT(m_queue->add(u"x"_s, 2));
        QVERIFY_RESULT(m_queue->add(u"x"_s, 3));
        // Job 3 is "running" elsewhere: locked.
        QVERIFY_RESULT(m_redis->command(
            { "SET", m_queue->keys().job("3") + ":lock", "other", "PX", "60000" }));
        m_clock.advance(10'000);
        QVERIFY_ERROR(m_queue->remove(u"3"_s), ErrorCode::Conflict);
        QVERIFY_ERROR(m_queue->remove(u"77"_s), ErrorCode::NotFound);
        QCOMPARE(m_queue->clean(JobState::Waiting, 60'000).value(), QStringList {}); // too young
        const auto cleaned = m_queue->clean(JobState::Waiting, 5'000, 1);
        QCOMPARE(cleaned.value().size(), 1);
        const auto rest = m_queue->clean(JobState::Waiting, 5'000);
        QCOMPARE(rest.value().size(), 1); // job 3 stays: locked
        QCOMPARE(m_queue->counts().value().waiting, 1);
        QCOMPARE(m_redis->command({ "EXISTS", m_queue->keys().job("1") })->integer, 0);
    }

    void destroyDeletesOnlyThisQueue()
    {
        QueueSettings otherSettings = m_queue->settings();
        otherSettings.name += u"-other"_s;
        Queue other(m_redisConfig, otherSettings);
        QVERIFY_RESULT(other.add(u"x"_s, 1));
        for (int i = 0; i < 5; ++i)
            QVERIFY_RESULT(m_queue->add(u"x"_s, i));
        QVERIFY_RESULT(m_queue->addLog(u"1"_s, u"line"_s));
        const auto deleted = m_queue->destroy();
        QVERIFY_RESULT(deleted);
        QVERIFY(*deleted >= 7); // 5 jobs, wait, id, logs
        auto left = m_redis->command({ "KEYS", m_queue->keys().base() + '*' });
        QCOMPARE(left->elements.size(), 0);
        QCOMPARE(other.counts().value().waiting, 1);
        QVERIFY_RESULT(other.destroy());
    }

    void selectsTheConfiguredDatabase()
    {
        RedisConfig db5 = m_redisConfig;
        db5.database = 5;
        Queue queue(db5, m_queue->settings());
        QVERIFY_RESULT(queue.add(u"x"_s, 1));
        QCOMPARE(queue.counts().value().waiting, 1);
        QCOMPARE(m_queue->counts().value().waiting, 0); // database 0 holds nothing of it
        RedisConnection raw(db5);
        QCOMPARE(raw.command({ "LLEN", m_queue->keys().wait() })->integer, 1);
        QVERIFY_RESULT(queue.destroy());
    }

    void authenticates()
    {
        // CONFIG SET requirepass on a private server, then a wrong and a right password.
        PrivateServices own;
        auto services = own.start(u"redis"_s);
        QVERIFY_RESULT(services);
        RedisConfig config = RedisConfig::fromUrl(services->redisUrl).value();
        QVERIFY_RESULT(
            RedisConnection(config).command({ "CONFIG", "SET", "requirepass", "s3cret" }));
        config.password = u"wrong"_s;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Redis refused AUTH"_s));
        const auto refused = Queue(config).add(u"x"_s, 1);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Unauthorized);
        QVERIFY(!refused.error().message.contains(u"wrong"_s));
        config.password = u"s3cret"_s;
        Queue queue(config);
        QVERIFY_RESULT(queue.add(u"x"_s, 1));
        QCOMPARE(queue.counts().value().waiting, 1);
    }

    void badRedisIsAClearError()
    {
        RedisConfig dead = m_redisConfig;
        dead.port = 1;
        Queue queue(dead);
        const auto r = queue.add(u"x"_s, 1);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Unavailable);
        QVERIFY(r.error().retryable);
        QVERIFY(r.error().message.contains(u"127.0.0.1:1"_s));
    }

private:
    RedisConfig m_redisConfig;
    std::unique_ptr<RedisConnection> m_redis;
    ManualClock m_clock { QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC) };
    std::unique_ptr<Queue> m_queue;
};

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
