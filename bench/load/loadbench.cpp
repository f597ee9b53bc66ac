// xerosync load benchmark: the agent serving dashboards while a pay run flows through it.
// Prints "metric loaded anchor ratio target" lines (ratio = loaded / anchor).
//   loadbench AGENT_URL ADMIN_TOKEN AGENT_PID REDIS_URL QUEUE DATABASE_URL COUNT [CLIENTS] [RPS]
// The agent must be connected to Xero and COUNT + 40 submitted (not approved) timesheets must
// wait in the database; bench/load/run prepares all of it.
//
// Two phases against the same agent:
//   anchor: 1 WebSocket client, RPS API reads a second, 40 approvals trickled at 4 a second;
//   loaded: CLIENTS WebSocket clients, RPS API reads a second, COUNT approvals at 500 a second.
// API latency is measured per request (send to last byte); push latency from the moment Redis
// announces a job completed (Bull's global:completed, which the bench hears on its own
// subscription) to the moment each client receives the event.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QTimer>
#include <QWebSocket>

#include "core/queue/queueevents.h"
#include "core/queue/redisconfig.h"
#include "core/store/database.h"

using namespace XeroSync;
using Json = nlohmann::json;

namespace {

constexpr int AnchorApprovals = 40;
constexpr int AnchorSeconds = 10;
constexpr int LoadChunk = 500; // approvals per second in the loaded phase

struct Samples
{
    std::vector<double> values;

    void add(double value) { values.push_back(value); }

    double percentile(double p)
    {
        if (values.empty())
            return 0;
        std::sort(values.begin(), values.end());
        const auto index = static_cast<size_t>(p / 100.0 * double(values.size() - 1) + 0.5);
        return values[std::min(index, values.size() - 1)];
    }
};

struct PhaseResult
{
    Samples api;
    std::map<std::string, Samples> apiByPath;
    Samples push;
    int apiErrors = 0;
    int clientsLost = 0;
    qint64 droppedEvents = 0; //!< events the hub summarised as "more" instead of listing
    double peakRssMb = 0;
    double cpuPercent = 0; //!< of one core, over the phase
    double seconds = 0;
    int synced = 0;
    Samples approvalToXero; //!< ms from approved_at to the sync's SUCCESS row, per timesheet
};

//! Resident memory (VmRSS) of a process in MB, and its CPU time (user + system) in seconds.
double rssMb(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

double cpuSeconds(qint64 pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string content((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // Fields after the command (which may hold spaces) start behind the last ')'.
    const auto close = content.rfind(')');
    if (close == std::string::npos)
        return 0;
    const QList<QByteArray> fields =
        QByteArray::fromStdString(content.substr(close + 2)).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command.
    const double ticks = fields.value(11).toDouble() + fields.value(12).toDouble();
    return ticks / double(sysconf(_SC_CLK_TCK));
}

class LoadBench final : public QObject
{
public:
    LoadBench(QUrl agent, QByteArray token, qint64 pid, std::unique_ptr<Database> db)
        : m_agent(std::move(agent))
        , m_token(std::move(token))
        , m_pid(pid)
        , m_db(std::move(db))
    {
        m_clock.start();
    }

    void listen(QueueEvents &events)
    {
        connect(&events, &QueueEvents::jobCompleted, this,
            [this](const QString &jobId, const QByteArray &) { completed(jobId); });
    }

    int synced()
    {
        auto q = m_db->exec(
            QStringLiteral("SELECT count(*) FROM xero_sync_state WHERE status = 'SYNCED'"));
        return q && q->next() ? q->value(0).toInt() : -1;
    }

    PhaseResult run(const QString &phase, int clients, int approvals, int perTick, int tickMs,
        int minSeconds, int readsPerSecond, int timeoutSeconds)
    {
        PhaseResult result;
        m_phase = phase;
        m_result = &result;
        m_completedAt.clear();
        m_waiting.clear();
        const int target = synced() + approvals;
        openClients(clients);

        QTimer reads;
        int endpoint = 0;
        connect(&reads, &QTimer::timeout, this, [this, &endpoint] { read(endpoint++); });
        reads.start(1000 / std::max(1, readsPerSecond));
        QTimer sampler;
        connect(&sampler, &QTimer::timeout, this,
            [this, &result] { result.peakRssMb = std::max(result.peakRssMb, rssMb(m_pid)); });
        sampler.start(500);
        int approved = 0;
        QTimer approver;
        connect(&approver, &QTimer::timeout, this, [&] {
            const int n = std::min(perTick, approvals - approved);
            if (n <= 0) {
                approver.stop();
                return;
            }
            approve(n);
            approved += n;
        });
        const double cpuBefore = cpuSeconds(m_pid);
        QElapsedTimer wall;
        wall.start();
        approver.start(tickMs);
        const QDeadlineTimer deadline(qint64(timeoutSeconds) * 1000);
        int done = 0;
        qint64 lastProgress = 0;
        while (!deadline.hasExpired()) {
            QCoreApplication::processEvents(
                QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
            if (wall.elapsed() - lastProgress < 1000)
                continue;
            lastProgress = wall.elapsed();
            done = synced();
            std::fprintf(stderr, "\r  %d clients: %d of %d synced, %.0f s   ",
                int(m_clients.size()), done - (target - approvals), approvals,
                double(wall.elapsed()) / 1000.0);
            if (done >= target && wall.elapsed() >= qint64(minSeconds) * 1000)
                break;
        }
        std::fprintf(stderr, "\n");
        // The last events are on their way: give them one flush interval and a little.
        const QDeadlineTimer tail(600);
        while (!tail.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        reads.stop();
        sampler.stop();
        approver.stop();
        result.seconds = double(wall.elapsed()) / 1000.0;
        result.cpuPercent = 100.0 * (cpuSeconds(m_pid) - cpuBefore) / result.seconds;
        result.synced = synced() - (target - approvals);
        // Approval to Xero, per timesheet: the approving statement's time to the end of the
        // attempt that wrote it (both stamped by PostgreSQL's clock).
        auto latency = m_db->exec(
            QStringLiteral(
                "SELECT extract(epoch FROM min(l.updated_at) - s.approved_at) * 1000"
                " FROM timesheet_submissions s JOIN xero_sync_log l ON l.submission_id = s.id"
                " AND l.operation = 'sync-timesheet' AND l.status = 'SUCCESS'"
                " WHERE s.approved_by = ? GROUP BY s.id, s.approved_at"),
            { QString(QStringLiteral("bench:") + phase) });
        while (latency && latency->next())
            result.approvalToXero.add(latency->value(0).toDouble());
        closeClients();
        m_result = nullptr;
        return result;
    }

private:
    qint64 now() const { return m_clock.nsecsElapsed() / 1000; } // microseconds

    void completed(const QString &jobId)
    {
        const qint64 at = now();
        m_completedAt.insert(jobId, at);
        // A client that heard it first (its socket was read before the subscription's): 0 ms.
        if (const auto waiting = m_waiting.take(jobId); m_result) {
            for (const qint64 received : waiting)
                m_result->push.add(std::max<qint64>(0, received - at) / 1000.0);
        }
    }

    void received(const QString &text)
    {
        const qint64 at = now();
        const Json message = Json::parse(text.toStdString(), nullptr, false);
        if (message.is_object() && message.value("type", "") == "hello")
            ++m_hellos;
        if (!message.is_object() || message.value("type", "") != "events")
            return;
        if (!m_result)
            return;
        m_result->droppedEvents += message.value("more", 0);
        for (const auto &event : message.value("events", Json::array())) {
            if (event.value("type", "") != "completed")
                continue;
            const QString jobId = QString::fromStdString(event.value("jobId", ""));
            if (const auto it = m_completedAt.constFind(jobId); it != m_completedAt.cend())
                m_result->push.add(double(at - *it) / 1000.0);
            else
                m_waiting[jobId].append(at);
        }
    }

    void openClients(int count)
    {
        QUrl url = m_agent;
        url.setScheme(
            url.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
        url.setPath(QStringLiteral("/api/xero/sync/events"));
        m_hellos = 0;
        for (int i = 0; i < count; ++i) {
            auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
            connect(socket, &QWebSocket::textMessageReceived, this,
                [this](const QString &text) { received(text); });
            connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                if (m_result && std::ranges::find(m_clients, socket) != m_clients.end())
                    ++m_result->clientsLost;
            });
            QNetworkRequest request(url);
            request.setRawHeader("Authorization", "Bearer " + m_token);
            socket->open(request);
            m_clients.push_back(socket);
        }
        const QDeadlineTimer deadline(20'000);
        while (m_hellos < count && !deadline.hasExpired())
            QCoreApplication::processEvents(
                QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
        if (m_hellos < count)
            std::fprintf(
                stderr, "only %d of %d WebSocket clients got their hello\n", m_hellos, count);
    }

    void closeClients()
    {
        const auto clients = std::exchange(m_clients, {});
        for (QWebSocket *socket : clients) {
            socket->close();
            socket->deleteLater();
        }
    }

    //! One API read, rotating over what a dashboard polls.
    void read(int index)
    {
        static const char *const paths[] = { "/api/xero/sync/queue/status",
            "/api/xero/sync/logs?limit=50", "/api/xero/sync/stats?hours=24",
            "/api/xero/sync/jobs?state=failed" };
        QUrl url = m_agent;
        const QByteArray path(paths[index % 4]);
        const auto query = path.indexOf('?');
        url.setPath(QString::fromLatin1(path.left(query < 0 ? path.size() : query)));
        if (query >= 0)
            url.setQuery(QString::fromLatin1(path.mid(query + 1)));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + m_token);
        const qint64 sent = now();
        QNetworkReply *reply = m_network.get(request);
        PhaseResult *result = m_result;
        connect(reply, &QNetworkReply::finished, this, [this, reply, sent, result, path] {
            reply->readAll();
            if (result == m_result && result) {
                if (reply->error() == QNetworkReply::NoError) {
                    const double ms = double(now() - sent) / 1000.0;
                    result->api.add(ms);
                    result->apiByPath[path.toStdString()].add(ms);
                } else
                    ++result->apiErrors;
            }
            reply->deleteLater();
        });
    }

    void approve(int count)
    {
        // A manager approving part of the pay run: one statement, one NOTIFY per timesheet.
        auto q = m_db->exec(
            QStringLiteral("UPDATE timesheet_submissions SET status = 'APPROVED', approved_by = ?,"
                           " approved_at = now() WHERE id IN (SELECT id FROM timesheet_submissions"
                           " WHERE status = 'SUBMITTED' ORDER BY id LIMIT %1)")
                .arg(count),
            { QString(QStringLiteral("bench:") + m_phase) });
        if (!q)
            std::fprintf(stderr, "approving failed: %s\n", qPrintable(q.error().message));
    }

    QUrl m_agent;
    QByteArray m_token;
    qint64 m_pid;
    std::unique_ptr<Database> m_db;
    QNetworkAccessManager m_network;
    QElapsedTimer m_clock;
    std::vector<QWebSocket *> m_clients;
    QHash<QString, qint64> m_completedAt;
    QHash<QString, QList<qint64>> m_waiting;
    PhaseResult *m_result = nullptr;
    QString m_phase;
    int m_hellos = 0;
};

void print(const char *metric, double loaded, double anchor, const char *target)
{
    const double ratio = anchor > 0 ? loaded / anchor : 0;
    std::printf("%-22s %10.2f %10.2f %7.2f  %s\n", metric, loaded, anchor, ratio, target);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 8) {
        std::fprintf(stderr,
            "usage: loadbench AGENT_URL ADMIN_TOKEN AGENT_PID REDIS_URL QUEUE DATABASE_URL COUNT"
            " [CLIENTS] [READS_PER_S]\n");
        return 2;
    }
    const QUrl agent(args[1]);
    const QByteArray token = args[2].toUtf8();
    const qint64 pid = args[3].toLongLong();
    const int count = args[7].toInt();
    const int clients = args.size() > 8 ? args[8].toInt() : 50;
    const int rps = args.size() > 9 ? args[9].toInt() : 20;
    auto redis = RedisConfig::fromUrl(args[4]);
    auto db = Database::fromUrl(args[6]);
    if (!redis || !db) {
        std::fprintf(stderr, "bad REDIS_URL or DATABASE_URL\n");
        return 2;
    }
    QueueSettings settings;
    settings.name = args[5];
    QueueEvents events(*redis, settings);
    LoadBench bench(agent, token, pid, std::move(*db));
    bench.listen(events);
    events.start();
    QDeadlineTimer subscribed(10'000);
    while (!events.isSubscribed() && !subscribed.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);

    std::fprintf(
        stderr, "anchor: 1 client, %d reads/s, %d approvals at 4/s\n", rps, AnchorApprovals);
    PhaseResult anchor =
        bench.run(QStringLiteral("anchor"), 1, AnchorApprovals, 1, 250, AnchorSeconds, rps, 120);
    std::fprintf(stderr, "loaded: %d clients, %d reads/s, %d approvals at %d/s\n", clients, rps,
        count, LoadChunk);
    PhaseResult loaded = bench.run(
        QStringLiteral("loaded"), clients, count, LoadChunk, 1000, AnchorSeconds, rps, 3600);

    std::printf("%-22s %10s %10s %7s  %s\n", "metric", "loaded", "anchor", "ratio", "target");
    print("api_p50_ms", loaded.api.percentile(50), anchor.api.percentile(50), "");
    print("api_p99_ms", loaded.api.percentile(99), anchor.api.percentile(99), "< 50 ms");
    print("push_p50_ms", loaded.push.percentile(50), anchor.push.percentile(50), "");
    print("push_p99_ms", loaded.push.percentile(99), anchor.push.percentile(99), "< 250 ms");
    print("approval_xero_p50_ms", loaded.approvalToXero.percentile(50),
        anchor.approvalToXero.percentile(50), "");
    print("approval_xero_p99_ms", loaded.approvalToXero.percentile(99),
        anchor.approvalToXero.percentile(99), "anchor < 1000 ms");
    print("agent_peak_rss_mb", loaded.peakRssMb, anchor.peakRssMb, "< 60 MB");
    print("agent_cpu_percent", loaded.cpuPercent, anchor.cpuPercent, "");
    print("syncs_per_s", loaded.synced / loaded.seconds, anchor.synced / anchor.seconds, "");
    for (auto &[path, samples] : loaded.apiByPath)
        std::printf("# loaded p50/p99 ms %-30s %7.2f %7.2f (anchor %.2f %.2f)\n", path.c_str(),
            samples.percentile(50), samples.percentile(99), anchor.apiByPath[path].percentile(50),
            anchor.apiByPath[path].percentile(99));
    std::printf("# loaded: %d synced in %.1f s, %zu API reads (%d errors), %zu push samples, %lld "
                "events summarised, %d clients lost\n",
        loaded.synced, loaded.seconds, loaded.api.values.size(), loaded.apiErrors,
        loaded.push.values.size(), static_cast<long long>(loaded.droppedEvents),
        loaded.clientsLost);
    std::printf("# anchor: %d synced in %.1f s, %zu API reads (%d errors), %zu push samples\n",
        anchor.synced, anchor.seconds, anchor.api.values.size(), anchor.apiErrors,
        anchor.push.values.size());
    return loaded.synced == count && anchor.synced == AnchorApprovals ? 0 : 1;
}
