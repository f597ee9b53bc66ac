// xerosync queue benchmark: the same workload as bullbench.js, on our engine.
// Prints "metric value" lines; bench/queue/run pairs them with Bull's.
//   queuebench REDIS_URL [scale]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QTimer>

#include "core/queue/queue.h"
#include "core/queue/queueevents.h"
#include "core/queue/redisconnection.h"
#include "core/queue/worker.h"

using namespace XeroSync;
using namespace Qt::StringLiterals;

namespace {
RedisConfig g_redis;
int g_queueSeq = 0;

qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void report(const char *metric, double value)
{
    std::printf("%s %.3f\n", metric, value);
    std::fflush(stdout);
}

QueueSettings freshQueue()
{
    QueueSettings s;
    s.name = u"bench-ours-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(++g_queueSeq);
    return s;
}

void dropQueue(const QueueSettings &s)
{
    (void)Queue(g_redis, s).destroy();
}

// Redis's own CPU time (user + system) so far; `system` gets the system part alone.
double redisCpuUs(double *system = nullptr)
{
    RedisConnection redis(g_redis);
    auto info = redis.command({ "INFO", "cpu" });
    double total = 0;
    for (const QByteArray &line : info->string.split('\n')) {
        if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
            const double seconds = line.mid(line.indexOf(':') + 1).trimmed().toDouble();
            total += seconds;
            if (system && line.startsWith("used_cpu_sys:"))
                *system = seconds * 1e6;
        }
    }
    return total * 1e6;
}

long peakRssKb()
{
    QFile status(u"/proc/self/status"_s);
    status.open(QIODevice::ReadOnly);
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return 0;
}

JobOptions removeOnComplete()
{
    JobOptions o;
    o.removeOnComplete = KeepJobs { 0, 0 };
    return o;
}

// Runs the event loop (where the handlers run) until `done`, checking every millisecond; a
// processEvents() spin would burn the CPU the worker and Redis need.
void runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QEventLoop loop;
    QElapsedTimer t;
    t.start();
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || t.elapsed() >= timeoutMs)
            loop.quit();
    });
    check.start(1);
    if (!done())
        loop.exec();
}

// A phase ends when its handler says so, as Bull's side resolves a promise from its handler: a
// 1 ms poll on the handlers' thread (the worker's own) woke it a thousand times a second and took
// CPU from the worker on this 2-core machine.
QEventLoop *g_phase = nullptr;

void endPhaseIf(bool done)
{
    if (done && g_phase)
        g_phase->quit();
}

void runPhase(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return;
    QEventLoop loop;
    g_phase = &loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    g_phase = nullptr;
}

// Jobs are generated a chunk at a time, as Bull's side does, so the process's peak RSS is the
// worker's, not a list of every benchmark job.
QList<NewJob> chunk(int first, int count, const JobOptions &options)
{
    QList<NewJob> jobs;
    jobs.reserve(count);
    for (int i = first; i < first + count; ++i)
        jobs << NewJob { u"bench"_s, { { "i", i } }, options };
    return jobs;
}

void enqueue(int n)
{
    auto s = freshQueue();
    Queue queue(g_redis, s);
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < n; ++i)
        (void)queue.add(u"bench"_s, { { "i", i } }, removeOnComplete());
    report("enqueue_single_jobs_per_s", n / (t.nsecsElapsed() / 1e9));
    t.restart();
    for (int i = 0; i < n; i += 500)
        (void)queue.addBulk(chunk(i, std::min(500, n - i), removeOnComplete()));
    report("enqueue_bulk_jobs_per_s", n / (t.nsecsElapsed() / 1e9));
    dropQueue(s);
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values[values.size() / 2];
}

// `listened`: a client follows every event of the queue (PSUBSCRIBE, as the agent's dashboard
// push does), so events cost what they cost when someone listens. `runs` > 1 repeats the phase
// on fresh queues and reports the medians: a single run on this VM can be off by a sixth.
void process(int n, int concurrency, const char *metric, bool measureCpu,
    const char *cpuMetric = "redis_cpu_us_per_job", bool listened = false, int runs = 1)
{
    QList<double> rates, cpus;
    for (int run = 0; run < runs; ++run) {
        auto s = freshQueue();
        std::unique_ptr<QueueEvents> listener;
        if (listened) {
            listener = std::make_unique<QueueEvents>(g_redis, s);
            listener->start();
            runUntil([&] { return listener->isSubscribed(); }, 5000);
        }
        Queue queue(g_redis, s);
        for (int i = 0; i < n; i += 500)
            (void)queue.addBulk(chunk(i, std::min(500, n - i), removeOnComplete()));
        WorkerSettings ws;
        ws.queue = s;
        ws.concurrency = concurrency;
        Worker worker(g_redis, ws);
        int done = 0;
        worker.setHandler(u"bench"_s, [&done, n](std::shared_ptr<JobContext> job) {
            ++done;
            job->complete();
            endPhaseIf(done >= n);
        });
        double sysBefore = 0;
        const double cpuBefore = measureCpu ? redisCpuUs(&sysBefore) : 0;
        const bool stats = measureCpu && qEnvironmentVariableIsSet("XEROSYNC_BENCH_STATS");
        if (stats)
            (void)RedisConnection(g_redis).command({ "CONFIG", "RESETSTAT" });
        QElapsedTimer t;
        t.start();
        worker.start();
        runPhase([&] { return done >= n; }, 120000);
        const double seconds = t.nsecsElapsed() / 1e9;
        // Let the last completions land before reading Redis's CPU.
        runUntil([&] { return worker.activeCount() == 0; }, 5000);
        rates << done / seconds;
        double sysAfter = 0;
        if (measureCpu)
            cpus << (redisCpuUs(&sysAfter) - cpuBefore) / n;
        if (stats) // where Redis spent its time, for tuning (stderr, not a metric)
            std::fprintf(stderr,
                "# %s run %d: %.0f jobs/s, Redis CPU %.1f us per job, of which system %.1f\n%s\n",
                metric, run + 1, rates.last(), measureCpu ? cpus.last() : 0.0,
                (sysAfter - sysBefore) / n,
                RedisConnection(g_redis).command({ "INFO", "commandstats" })->string.constData());
        worker.close(5000);
        dropQueue(s);
    }
    report(metric, median(rates));
    if (measureCpu)
        report(cpuMetric, median(cpus));
}

struct Latencies
{
    double startP50 = 0, startP99 = 0, completeP50 = 0, completeP99 = 0; // ms
};

Latencies latencyRun(int rate, int seconds)
{
    Latencies out;
    auto s = freshQueue();
    WorkerSettings ws;
    ws.queue = s;
    ws.concurrency = 10;
    Worker worker(g_redis, ws);
    const int total = rate * seconds;
    QList<qint64> toStart;
    QMutex mutex; // completions are reported on the worker's control thread
    QHash<QString, qint64> addedAt;
    QList<qint64> toComplete;
    worker.setHandler(u"bench"_s, [&](std::shared_ptr<JobContext> job) {
        const qint64 t = job->job().data["t"].get<qint64>();
        toStart << nowUs() - t;
        {
            QMutexLocker lock(&mutex);
            addedAt.insert(job->id(), t);
        }
        job->complete();
    });
    // Complete means recorded in Redis: the signal comes once finish.lua has answered.
    QObject::connect(
        &worker, &Worker::jobCompleted, &worker,
        [&](const QString &id) {
            const qint64 now = nowUs();
            QMutexLocker lock(&mutex);
            toComplete << now - addedAt.take(id);
            if (toComplete.size() >= total)
                QMetaObject::invokeMethod(
                    qApp, [] { endPhaseIf(true); }, Qt::QueuedConnection);
        },
        Qt::DirectConnection);
    worker.start();
    QThread::msleep(300);
    std::vector<qint64> addRtt;
    std::thread producer([&] {
        Queue queue(g_redis, s);
        const qint64 start = nowUs();
        for (int i = 0; i < total; ++i) {
            const qint64 due = start + qint64(i) * 1'000'000 / rate;
            // One wake-up per job, as Bull's producer (a 1 ms timer) does, not a 100 µs poll
            // that takes CPU from the worker on a small machine.
            if (const qint64 wait = due - nowUs(); wait > 0)
                std::this_thread::sleep_for(std::chrono::microseconds(wait));
            const qint64 t0 = nowUs();
            (void)queue.add(u"bench"_s, { { "t", t0 } }, removeOnComplete());
            addRtt.push_back(nowUs() - t0);
        }
    });
    runPhase(
        [&] {
            QMutexLocker lock(&mutex);
            return int(toComplete.size()) >= total;
        },
        (seconds + 30) * 1000);
    producer.join();
    std::sort(toStart.begin(), toStart.end());
    if (qEnvironmentVariableIsSet("XEROSYNC_BENCH_STATS") && !toStart.isEmpty()
        && !addRtt.empty()) {
        // The tail's shape, and the producer's own round trip (which the add-to-start time
        // includes): on this VM both move with the scheduler, not with the queue alone.
        for (int pm : { 500, 900, 950, 980, 990, 995, 999 })
            fprintf(
                stderr, "p%.1f %.3f\n", pm / 10.0, toStart[toStart.size() * pm / 1000] / 1000.0);
        fprintf(stderr, "max %.3f\n", toStart.last() / 1000.0);
        std::sort(addRtt.begin(), addRtt.end());
        for (int pm : { 500, 900, 990 })
            fprintf(stderr, "addRtt p%.1f %.3f\n", pm / 10.0,
                addRtt[addRtt.size() * pm / 1000] / 1000.0);
    }
    if (!toStart.isEmpty()) {
        out.startP50 = toStart[toStart.size() / 2] / 1000.0;
        out.startP99 = toStart[toStart.size() * 99 / 100] / 1000.0;
    }
    QMutexLocker lock(&mutex);
    std::sort(toComplete.begin(), toComplete.end());
    if (!toComplete.isEmpty()) {
        out.completeP50 = toComplete[toComplete.size() / 2] / 1000.0;
        out.completeP99 = toComplete[toComplete.size() * 99 / 100] / 1000.0;
    }
    lock.unlock();
    worker.close(5000);
    dropQueue(s);
    return out;
}

// Each percentile is the median over `runs` phases on fresh queues: one run's p99 is a few dozen
// samples, and on this VM either side's can be off by half (Bull's ranged 2.1-4.9 ms over five
// single runs).
void latency(int rate, int seconds, int runs)
{
    QList<double> startP50, startP99, completeP50, completeP99;
    for (int run = 0; run < runs; ++run) {
        const Latencies l = latencyRun(rate, seconds);
        startP50 << l.startP50;
        startP99 << l.startP99;
        completeP50 << l.completeP50;
        completeP99 << l.completeP99;
        if (qEnvironmentVariableIsSet("XEROSYNC_BENCH_STATS"))
            std::fprintf(stderr, "# latency run %d: add-to-start p50 %.3f p99 %.3f ms\n", run + 1,
                l.startP50, l.startP99);
    }
    report("add_to_start_p50_ms", median(startP50));
    report("add_to_start_p99_ms", median(startP99));
    report("add_to_complete_p50_ms", median(completeP50));
    report("add_to_complete_p99_ms", median(completeP99));
}

void priorityBacklog(int backlog, int inserts)
{
    auto s = freshQueue();
    Queue queue(g_redis, s);
    for (int i = 0; i < backlog; i += 1000)
        (void)queue.addBulk(chunk(i, std::min(1000, backlog - i), {}));
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < inserts; ++i) {
        JobOptions o;
        o.priority = 1 + (i % 10);
        (void)queue.add(u"bench"_s, i, o);
    }
    report("priority_insert_100k_backlog_ms", t.nsecsElapsed() / 1e6 / inserts);
    dropQueue(s);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "xerosync.*.info=false");
    if (argc < 2)
        return 2;
    g_redis = RedisConfig::fromUrl(QString::fromLocal8Bit(argv[1])).value();
    const double scale = argc > 2 ? QByteArray(argv[2]).toDouble() : 1.0;
    const int n = int(5000 * scale);
    // XEROSYNC_BENCH_ONLY=c10,latency runs only those phases, for looking into one of them.
    const QByteArrayList only = qgetenv("XEROSYNC_BENCH_ONLY").split(',');
    auto want = [&only](const char *phase) {
        return only == QByteArrayList { "" } || only.contains(phase);
    };
    if (want("enqueue"))
        enqueue(n);
    if (want("c1"))
        process(int(2000 * scale), 1, "process_c1_jobs_per_s", false);
    if (want("c10"))
        process(n, 10, "process_c10_jobs_per_s", true, "redis_cpu_us_per_job", false, 3);
    if (want("c10listened"))
        process(n, 10, "process_c10_listened_jobs_per_s", true, "redis_cpu_us_per_job_listened",
            true, 3);
    if (want("c50"))
        process(n, 50, "process_c50_jobs_per_s", false);
    if (want("latency"))
        latency(500, std::max(2, int(6 * scale)), 3);
    if (want("priority"))
        priorityBacklog(int(100000 * std::min(scale, 1.0)), 200);
    report("worker_peak_rss_mb", peakRssKb() / 1024.0);
    return 0;
}
