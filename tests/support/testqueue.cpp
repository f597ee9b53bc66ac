#include "testqueue.h"

#include <algorithm>
#include <atomic>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace XeroSync::Test {

QueueSettings uniqueQueue(const char *tag)
{
    static std::atomic<int> counter { 0 };
    QueueSettings settings;
    settings.name = u"%1-%2-%3"_s.arg(QLatin1StringView(tag))
                        .arg(QCoreApplication::applicationPid())
                        .arg(++counter);
    return settings;
}

WorkerSettings quickWorker(const QueueSettings &queue)
{
    WorkerSettings s;
    s.queue = queue;
    s.drainDelayMs = 500;
    s.guardIntervalMs = 500;
    s.lockDurationMs = 5000;
    s.stalledIntervalMs = 5000;
    s.metricsMaxDataPoints = 60;
    return s;
}

bool hasClient(RedisConnection &redis, const QByteArray &name, const QByteArrayList &fields)
{
    const auto clients = redis.command({ "CLIENT", "LIST" });
    if (!clients)
        return false;
    QByteArrayList wanted { "name=" + name };
    for (const QByteArray &field : fields)
        wanted << field;
    const QByteArrayList lines = clients->string.split('\n');
    return std::any_of(lines.cbegin(), lines.cend(), [&](const QByteArray &line) {
        const QByteArrayList lineFields = line.trimmed().split(' ');
        return std::all_of(wanted.cbegin(), wanted.cend(),
            [&](const QByteArray &field) { return lineFields.contains(field); });
    });
}

} // namespace XeroSync::Test
