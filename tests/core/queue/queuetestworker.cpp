// Test helper: runs a Worker whose handler announces each job on stdout and never finishes,
// so a test can kill -9 this process while it holds a job.
//   queue_test_worker REDIS_URL QUEUE_NAME LOCK_MS STALLED_INTERVAL_MS
#include <cstdio>

#include <QCoreApplication>

#include "core/queue/worker.h"

using namespace XeroSync;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 5)
        return 2;
    auto redis = RedisConfig::fromUrl(QString::fromLocal8Bit(argv[1]));
    if (!redis)
        return 2;
    WorkerSettings settings;
    settings.queue.name = QString::fromLocal8Bit(argv[2]);
    settings.lockDurationMs = QByteArray(argv[3]).toInt();
    settings.stalledIntervalMs = QByteArray(argv[4]).toInt();
    Worker worker(*redis, settings);
    worker.setHandler(QStringLiteral("*"), [](std::shared_ptr<JobContext> job) {
        std::printf("started %s\n", job->id().toUtf8().constData());
        std::fflush(stdout);
        // Keep the context alive for ever: the job never finishes.
        static std::vector<std::shared_ptr<JobContext>> held;
        held.push_back(job);
    });
    worker.start();
    return app.exec();
}
