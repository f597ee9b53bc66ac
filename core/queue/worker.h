#pragma once

#include <atomic>

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSemaphore>
#include <QSet>
#include <QThread>
#include <QTimer>

#include "core/common/clock.h"
#include "core/queue/jobcontext.h"
#include "core/queue/queue.h"
#include "core/queue/queueevents.h"

namespace XeroSync {

struct WorkerSettings
{
    QueueSettings queue;
    int concurrency = 1;
    int lockDurationMs = 30000;
    int lockRenewMs = 0; //!< 0: half the lock duration
    int stalledIntervalMs = 30000;
    int maxStalledCount = 1;
    int drainDelayMs = 5000; //!< longest blocking wait for a job (also the watchdog period)
    int guardIntervalMs = 5000; //!< longest wait between delayed-job promotions
    int metricsMaxDataPoints = 0; //!< per-minute metrics for bull-board; 0 = off
};

//! Processes jobs of a Bull v4 queue, as Bull's worker does, so Node producers and dashboards
//! work with it. Handlers are picked by job name and run in this object's thread; Redis work
//! happens on two threads of its own: a fetcher (blocking BRPOPLPUSH, with a timeout that doubles
//! as the watchdog after a Redis restart) and a control thread (lock renewal, completion,
//! retries, delayed promotion, stalled recovery). Lock renewal therefore goes on while a handler
//! blocks this thread, so a slow handler is never mistaken for a dead worker.
class Worker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Worker)

public:
    Worker(RedisConfig redis, WorkerSettings settings, const Clock *clock = nullptr,
        QObject *parent = nullptr);
    ~Worker() override;

    //! A handler for jobs named `name`; "*" handles names without a handler of their own.
    void setHandler(const QString &name, JobHandler handler);

    void start();
    //! Stops taking jobs, waits up to `timeoutMs` for running ones (processing events), then
    //! gives any still running back to the queue. Returns true if all finished in time.
    bool close(int timeoutMs = 10000);

    int activeCount() const { return m_activeCount; }

    bool isRunning() const { return m_running; }

    const QByteArray &token() const { return m_token; }

signals:
    void jobStarted(const QString &jobId, const QString &name);
    void jobCompleted(const QString &jobId);
    void jobFailed(const QString &jobId, const QString &reason, bool willRetry);
    void jobStalled(const QString &jobId); //!< requeued by this worker's stalled check
    void lockLost(const QString &jobId);
    void redisError(const QString &message);

private:
    friend class JobContext;
    void fetchLoop();
    void dispatch(const QList<Job> &jobs);
    void runHandler(const Job &job);
    void finishJob(const QString &jobId, bool success, const nlohmann::json &value,
        const QString &reason, bool permanent);
    void sendProgress(const QString &jobId, const nlohmann::json &progress);
    void sendLog(const QString &jobId, const QString &line);

    // control-thread work
    struct Outcome
    {
        Job job;
        bool success = false;
        nlohmann::json value;
        QString reason;
        bool permanent = false;
        int deferrals = 0; //!< passes over the inbox that did not know the job yet
    };

    //! Control thread: records the outcomes handlers posted to the inbox.
    void controlDrainInbox();
    void controlOutcome(const Outcome &outcome);
    void controlRetry(const Outcome &outcome, int attempt);
    void controlFlushFinished(QList<Outcome> batch, int attempt);
    void settle(const Outcome &outcome, bool recorded, bool willRetry);
    void controlRenewLocks();
    void controlCheckStalled();
    void controlPromote();
    void schedulePromotion(qint64 dueMs);
    qint64 nowMs() const;
    std::optional<Job> parseActivated(const RedisReply &reply);

    const RedisConfig m_redisConfig;
    const WorkerSettings m_settings;
    const QueueKeys m_keys;
    const Clock &m_clock;
    const QByteArray m_token;
    QHash<QString, JobHandler> m_handlers;

    std::atomic<bool> m_running { false };
    std::atomic<bool> m_stopping { false };
    std::atomic<int> m_activeCount { 0 };
    QSemaphore m_slots;
    QThread *m_fetchThread = nullptr;
    std::unique_ptr<RedisConnection> m_blocking; // fetcher thread only

    QThread m_controlThread;
    QObject *m_control = nullptr; // lives in m_controlThread; context for its work
    std::unique_ptr<RedisConnection> m_commands; // control thread only
    QTimer *m_renewTimer = nullptr;
    QTimer *m_stalledTimer = nullptr;
    QTimer *m_promoteTimer = nullptr;
    qint64 m_promoteDueMs = 0;
    QHash<QString, Job> m_activeJobs; // control thread only: id -> job
    QList<Outcome> m_finished; // control thread only: outcomes waiting for the next flush

    QMutex m_inboxMutex;
    QList<Outcome> m_inbox; // from handlers, not yet taken by the control thread (only job.id set)
    bool m_flushScheduled = false;
    QueueEvents *m_events = nullptr;
};

} // namespace XeroSync
