#pragma once

#include <atomic>
#include <functional>

#include <QPointer>

#include "core/queue/job.h"

namespace XeroSync {

class Worker;

//! What a job handler gets: the job, and the one way to end it. Exactly one of complete() or
//! fail() counts; later calls are ignored. Thread-safe, so a handler may finish from any thread.
class JobContext final
{
public:
    JobContext(Job job, QPointer<Worker> worker);
    Q_DISABLE_COPY_MOVE(JobContext)

    const Job &job() const { return m_job; }

    const QString &id() const { return m_job.id; }

    void complete(const nlohmann::json &returnValue = nullptr);
    //! A failure; retried per the job's attempts and backoff unless `permanent` (a bad input
    //! that no retry can fix, such as a Xero validation error).
    void fail(const QString &reason, bool permanent = false);
    void progress(const nlohmann::json &progress);
    void log(const QString &line);

    bool isFinished() const { return m_finished; }

private:
    Job m_job;
    QPointer<Worker> m_worker;
    std::atomic<bool> m_finished { false };
};

using JobHandler = std::function<void(std::shared_ptr<JobContext>)>;

} // namespace XeroSync
