#pragma once

#include <atomic>

#include <QObject>
#include <QThread>

#include "core/queue/queue.h"

namespace XeroSync {

//! Bull's pub/sub events of one queue as Qt signals, from any producer or worker, Node or ours
//! (the `global:*` events of Bull). A thread of its own reads the subscription; signals are
//! delivered queued to this object's thread. Pub/sub is lossy: a listener that was away
//! re-reads counts instead of trusting it saw everything. Reconnects by itself, with a PING
//! watchdog so a silently dead server is noticed.
class QueueEvents final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueEvents)

public:
    //! `channels`: event types to follow ("delayed", "completed", ...); empty follows all of them
    //! through one pattern subscription. Each followed event costs Redis a message per job, so
    //! a worker follows only "delayed".
    QueueEvents(RedisConfig redis, QueueSettings settings, QByteArrayList channels = {},
        QObject *parent = nullptr);
    ~QueueEvents() override;

    void start();
    void stop();

    //! True once the subscription is in place (after start() or a reconnect).
    bool isSubscribed() const { return m_subscribed; }

    bool isStarted() const { return m_thread != nullptr; }

signals:
    void subscribed();
    void jobWaiting(const QString &jobId);
    void jobActive(const QString &jobId);
    void jobProgress(const QString &jobId, const QByteArray &progressJson);
    void jobCompleted(const QString &jobId, const QByteArray &returnValueJson);
    void jobFailed(const QString &jobId, const QString &reason);
    void jobStalled(const QString &jobId);
    void jobDuplicated(const QString &jobId);
    void delayedScheduled(qint64 dueMs);
    void paused();
    void resumed();
    void drained();
    //! Fresh counts after events, at most every 200 ms (and once after subscribing), so a
    //! dashboard follows the queue without every client polling Redis.
    void countsChanged(const XeroSync::JobCounts &counts);

private:
    void run();
    void dispatch(const QByteArray &channel, const QByteArray &message);

    const RedisConfig m_redis;
    const QueueSettings m_settings;
    const QueueKeys m_keys;
    const QByteArrayList m_channels;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_stopping { false };
    std::atomic<bool> m_subscribed { false };
};

} // namespace XeroSync
