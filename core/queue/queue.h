#pragma once

#include <optional>

#include <QMutex>

#include "core/common/clock.h"
#include "core/queue/job.h"
#include "core/queue/queuekeys.h"
#include "core/queue/redisconnection.h"

namespace XeroSync {

struct QueueSettings
{
    QString prefix = QStringLiteral("bull"); //!< "{xerosync}" for Redis Cluster
    QString name = QStringLiteral("xero-sync");
};

struct JobCounts
{
    qint64 waiting = 0; //!< excludes paused, as Bull counts
    qint64 active = 0;
    qint64 delayed = 0;
    qint64 completed = 0;
    qint64 failed = 0;
    qint64 paused = 0;
    bool operator==(const JobCounts &) const = default;
};

struct NewJob
{
    QString name;
    nlohmann::json data;
    JobOptions options;
};

//! The producer and admin side of a Bull v4 queue: add jobs, pause, count, inspect, retry,
//! remove, clean. Calls are synchronous Redis round trips (well under a millisecond on
//! loopback); they are serialised, so one Queue may be shared between threads.
class Queue final
{
public:
    explicit Queue(RedisConfig redis, QueueSettings settings = {}, const Clock *clock = nullptr);
    ~Queue();
    Q_DISABLE_COPY_MOVE(Queue)

    const QueueKeys &keys() const { return m_keys; }

    const QueueSettings &settings() const { return m_settings; }

    //! Adds a job; returns its id (the existing id when a custom jobId is already there).
    Result<QString> add(const QString &name, const nlohmann::json &data, JobOptions options = {});
    //! Adds several jobs in one pipelined round trip; ids in the same order.
    Result<QStringList> addBulk(const QList<NewJob> &jobs);

    Result<void> pause();
    Result<void> resume();
    Result<bool> isPaused();

    Result<JobCounts> counts();
    //! Jobs in a state; `start`/`end` are inclusive positions as Bull's getJobs takes them
    //! (finished and delayed jobs newest or soonest first, waiting jobs in run order).
    Result<QList<Job>> jobs(JobState state, int start = 0, int end = 49);
    //! Only the ids of jobs in a state, in the same order as jobs() (one round trip, no hashes).
    Result<QStringList> jobIds(JobState state, int start = 0, int end = 49);
    Result<std::optional<Job>> job(const QString &id);
    Result<JobState> state(const QString &id);

    //! Moves a failed job back to waiting (keeps attemptsMade). NotFound / Conflict when the
    //! job is not failed or is running.
    Result<void> retryFailed(const QString &id);
    //! Retries every failed job, in batches; returns how many.
    Result<qint64> retryAllFailed();
    //! Removes a job from every state; Conflict while a worker holds it.
    Result<void> remove(const QString &id);
    //! Removes jobs in `state` finished (or created) more than `graceMs` ago; at most `limit`
    //! (0 = all). Returns the removed ids.
    Result<QStringList> clean(JobState state, qint64 graceMs, int limit = 0);

    Result<void> updateProgress(const QString &id, const nlohmann::json &progress);
    Result<int> addLog(const QString &id, const QString &line, int keep = 0);
    Result<QStringList> logs(const QString &id, int start = 0, int end = -1);

    //! Client names of the workers connected to this queue (as Bull's getWorkers finds them).
    Result<QStringList> workers();

    //! Deletes every key of this queue, whatever state its jobs are in (tests, benchmarks and
    //! decommissioning; it ignores locks, so stop the workers first). Returns how many keys.
    Result<qint64> destroy();

private:
    Result<QString> addLocked(const QString &name, const nlohmann::json &data, JobOptions options);
    QByteArrayList addArgs(
        const QString &name, const nlohmann::json &data, JobOptions &options) const;
    Result<void> pauseLocked(bool pause);
    Result<QList<QByteArray>> idsLocked(JobState state, int start, int end);

    const QueueSettings m_settings;
    const QueueKeys m_keys;
    const Clock &m_clock;
    const QByteArray m_token;
    QMutex m_mutex;
    RedisConnection m_redis;
};

} // namespace XeroSync

Q_DECLARE_METATYPE(XeroSync::JobCounts)
