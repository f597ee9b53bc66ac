#include "queueevents.h"

#include <QElapsedTimer>
#include <QMetaMethod>

#include "core/queue/queuelogging.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr int POLL_MS = 250;
constexpr int PING_EVERY_MS = 5000;
constexpr int DEAD_AFTER_MS = 15000;
constexpr int COUNTS_EVERY_MS = 200;

} // namespace

QueueEvents::QueueEvents(
    RedisConfig redis, QueueSettings settings, QByteArrayList channels, QObject *parent)
    : QObject(parent)
    , m_redis(std::move(redis))
    , m_settings(settings)
    , m_keys(settings.prefix, settings.name)
    , m_channels(std::move(channels))
{ }

QueueEvents::~QueueEvents()
{
    stop();
}

void QueueEvents::start()
{
    if (m_thread)
        return;
    m_stopping = false;
    m_thread = QThread::create([this] { run(); });
    m_thread->start();
}

void QueueEvents::stop()
{
    if (!m_thread)
        return;
    m_stopping = true;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_subscribed = false;
}

void QueueEvents::run()
{
    // Named so operators (and tests) can tell it in CLIENT LIST; not Bull's worker name, which
    // Bull's dashboards count as a worker by its start.
    RedisConnection connection(m_redis, m_keys.eventsClientName());
    connection.setReconnectBackoff(100, 5000);
    // Counts need a connection of their own: this one is in subscriber mode.
    Queue counter(m_redis, m_settings);
    bool countsDirty = true;
    QElapsedTimer sinceCounts;
    sinceCounts.start();
    QElapsedTimer sinceTraffic;
    QElapsedTimer sincePing;
    bool subscribedHere = false;
    while (!m_stopping) {
        if (!subscribedHere) {
            m_subscribed = false;
            QByteArrayList subscribe { "PSUBSCRIBE", m_keys.pattern() };
            if (!m_channels.isEmpty()) {
                subscribe = { "SUBSCRIBE" };
                for (const QByteArray &channel : m_channels)
                    subscribe << m_keys.base() + channel;
            }
            if (auto sent = connection.send(subscribe); !sent) {
                QThread::msleep(POLL_MS);
                continue;
            }
            subscribedHere = true;
            sinceTraffic.start();
            sincePing.start();
        }
        // Counts only for listeners that asked for them (a worker's own subscription does not).
        const bool wantCounts =
            countsDirty && isSignalConnected(QMetaMethod::fromSignal(&QueueEvents::countsChanged));
        if (wantCounts && sinceCounts.elapsed() >= COUNTS_EVERY_MS) {
            sinceCounts.start();
            if (const auto counts = counter.counts()) {
                countsDirty = false;
                QMetaObject::invokeMethod(
                    this, [this, c = *counts] { emit countsChanged(c); }, Qt::QueuedConnection);
            }
        }
        auto next = connection.poll(wantCounts && countsDirty ? 50 : POLL_MS);
        if (!next) {
            subscribedHere = false;
            continue;
        }
        if (*next) {
            sinceTraffic.start();
            const RedisReply &r = **next;
            if (r.isArray() && r.elements.size() == 4 && r.elements[0].string == "pmessage") {
                dispatch(r.elements[2].string, r.elements[3].string);
                countsDirty = true;
            } else if (r.isArray() && r.elements.size() == 3 && r.elements[0].string == "message") {
                dispatch(r.elements[1].string, r.elements[2].string);
                countsDirty = true;
            } else if (r.isArray() && r.elements.size() == 3
                && (r.elements[0].string == "psubscribe" || r.elements[0].string == "subscribe")
                && r.elements[2].integer == qint64(m_channels.isEmpty() ? 1 : m_channels.size())) {
                m_subscribed = true;
                QMetaObject::invokeMethod(
                    this, [this] { emit subscribed(); }, Qt::QueuedConnection);
            }
            continue;
        }
        // Idle: prove the server is still there.
        if (sinceTraffic.elapsed() > DEAD_AFTER_MS) {
            qCWarning(lcRedis) << "event subscription silent for" << DEAD_AFTER_MS
                               << "ms; reconnecting";
            connection.disconnect();
            subscribedHere = false;
        } else if (sincePing.elapsed() > PING_EVERY_MS) {
            if (!connection.send({ "PING" }))
                subscribedHere = false;
            sincePing.start();
        }
    }
    m_subscribed = false;
}

void QueueEvents::dispatch(const QByteArray &channel, const QByteArray &message)
{
    if (!channel.startsWith(m_keys.base()))
        return;
    const QByteArray type = channel.mid(m_keys.base().size());
    const QString text = QString::fromUtf8(message);
    auto post = [this](auto fn) { QMetaObject::invokeMethod(this, fn, Qt::QueuedConnection); };
    auto jsonField = [&message](const char *key) -> std::optional<nlohmann::json> {
        auto v = nlohmann::json::parse(message.begin(), message.end(), nullptr, false);
        if (v.is_discarded() || !v.is_object() || !v.contains(key))
            return std::nullopt;
        return v[key];
    };
    if (type.startsWith("waiting@")) {
        post([this, text] { emit jobWaiting(text); });
    } else if (type.startsWith("active@")) {
        post([this, text] { emit jobActive(text); });
    } else if (type == "stalled@" || type.startsWith("stalled@")) {
        post([this, text] { emit jobStalled(text); });
    } else if (type.startsWith("duplicated@")) {
        post([this, text] { emit jobDuplicated(text); });
    } else if (type == "completed" || type == "failed" || type == "progress") {
        const auto id = jsonField("jobId");
        if (!id)
            return;
        const QString jobId = id->is_string() ? QString::fromStdString(id->get<std::string>())
                                              : QString::fromStdString(id->dump());
        if (type == "progress") {
            const auto p = jsonField("progress");
            const QByteArray progress = p ? QByteArray::fromStdString(p->dump()) : QByteArray("0");
            post([this, jobId, progress] { emit jobProgress(jobId, progress); });
        } else {
            const auto val = jsonField("val");
            // Bull sends the return value as JSON text inside the "val" string.
            const QByteArray value = val && val->is_string()
                ? QByteArray::fromStdString(val->get<std::string>())
                : QByteArray();
            if (type == "completed")
                post([this, jobId, value] { emit jobCompleted(jobId, value); });
            else
                post([this, jobId, value] { emit jobFailed(jobId, QString::fromUtf8(value)); });
        }
    } else if (type == "delayed") {
        const qint64 due = qint64(message.toDouble());
        post([this, due] { emit delayedScheduled(due); });
    } else if (type == "paused") {
        post([this] { emit paused(); });
    } else if (type == "resumed") {
        post([this] { emit resumed(); });
    } else if (type == "drained") {
        post([this] { emit drained(); });
    }
}

} // namespace XeroSync
