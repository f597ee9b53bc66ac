#pragma once

#include <atomic>

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSemaphore>
#include <QSet>
#include <QSocketNotifier>
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
//! work with it. Handlers are picked by job name and run in this object's thread, which also
//! fetches jobs (BRPOPLPUSH and activation on a connection watched by a socket notifier, with a
//! watchdog timer for a Redis that stops answering), so a new job reaches its handler without a
//! hop between threads. A control thread of its own records outcomes (pipelined), renews locks,
//! retries, promotes delayed jobs and recovers stalled ones; lock renewal therefore goes on while
//! a handler blocks this thread, so a slow handler is never mistaken for a dead worker.
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
    enum class Fetch
    {
        Idle,
        Activating, //!< activate.lua taking a job from wait (or one left in staging)
        Blocking, //!< BRPOPLPUSH into staging, with the activation of what it moves behind it
        Staged //!< that activation, its BRPOPLPUSH answered
    };
    void fetchNext();
    void fetchSend(Fetch state, bool withSource = false);
    //! Close: reads the fetch's last replies; runs a job they activated.
    void fetchSettle();
    //! Handles the fetch's reply if it is in; false while it is still on its way.
    bool fetchRead();
    void fetchFailed(const QString &message);
    //! Frees job slots (any thread) and wakes a fetch that waits for one.
    void releaseSlots(int count);
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
    };

    //! Control thread: records the outcomes handlers posted to the inbox.
    void controlDrainInbox();
    //! Control thread: adopts the jobs this object's thread started and, `withOutcomes`, takes
    //! the outcomes handlers posted.
    QList<Outcome> controlTakeArrivals(bool withOutcomes = false);
    void controlOutcome(const Outcome &outcome);
    void controlRetry(const Outcome &outcome, int attempt);
    QByteArrayList finishKeys() const;
    QByteArrayList finishArgs(const QList<Outcome> &batch) const;
    //! Sends the waiting outcomes without waiting for Redis (pipelined on m_finisher).
    void controlSendFinished();
    void controlReadFinished(int waitMs = 0);
    void controlFinisherLost();
    //! Records a batch with a synchronous call (retries and the rare NOSCRIPT reply).
    void controlFlushFinished(QList<Outcome> batch, int attempt);
    void controlFinishReply(const QList<Outcome> &batch, const Result<RedisReply> &reply);
    void settle(const Outcome &outcome, bool recorded, bool willRetry);
    void controlRenewLocks();
    void controlCheckStalled();
    void controlPromote();
    void schedulePromotion(qint64 dueMs);
    qint64 nowMs() const;
    std::optional<Job> parseActivated(const nlohmann::json &answer);
    Job startedJob(const nlohmann::json &items) const;

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
    std::unique_ptr<RedisConnection> m_blocking; // this thread only: BRPOPLPUSH and activation
    Fetch m_fetch = Fetch::Idle; // this thread only
    bool m_fetchBlocks = false; // this thread only: the last blocking fetch emptied the queue
    QSocketNotifier *m_fetchNotifier = nullptr;
    QTimer m_fetchWatchdog;
    bool m_fetchReportedError = false;
    std::atomic<bool> m_fetchWantsSlot { false };

    QThread m_controlThread;
    QObject *m_control = nullptr; // lives in m_controlThread; context for its work
    std::unique_ptr<RedisConnection> m_commands; // control thread only
    std::unique_ptr<RedisConnection> m_finisher; // control thread only: pipelined finish calls
    QSocketNotifier *m_finisherNotifier = nullptr;
    QList<QList<Outcome>> m_inFlight; // control thread only: finish calls sent, oldest first
    QTimer *m_renewTimer = nullptr;
    QTimer *m_stalledTimer = nullptr;
    QTimer *m_promoteTimer = nullptr;
    qint64 m_promoteDueMs = 0;
    QHash<QString, Job> m_activeJobs; // control thread only: id -> job
    QList<Outcome> m_finished; // control thread only: outcomes waiting for the next flush

    QMutex m_inboxMutex;
    QList<Outcome> m_inbox; // from handlers, not yet taken by the control thread (only job.id set)
    QList<Job> m_arrived; // started by this object's thread, not yet in m_activeJobs
    bool m_flushScheduled = false;
    QueueEvents *m_events = nullptr;
};

} // namespace XeroSync
