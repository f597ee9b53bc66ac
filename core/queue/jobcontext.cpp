#include "jobcontext.h"

#include "core/queue/worker.h"

namespace XeroSync {

JobContext::JobContext(Job job, QPointer<Worker> worker)
    : m_job(std::move(job))
    , m_worker(std::move(worker))
{ }

void JobContext::complete(const nlohmann::json &returnValue)
{
    if (m_finished.exchange(true))
        return;
    if (Worker *w = m_worker.data())
        w->finishJob(m_job.id, true, returnValue, {}, false);
}

void JobContext::fail(const QString &reason, bool permanent)
{
    if (m_finished.exchange(true))
        return;
    if (Worker *w = m_worker.data())
        w->finishJob(m_job.id, false, nullptr, reason, permanent);
}

void JobContext::progress(const nlohmann::json &progress)
{
    if (Worker *w = m_worker.data(); w && !m_finished)
        w->sendProgress(m_job.id, progress);
}

void JobContext::log(const QString &line)
{
    if (Worker *w = m_worker.data(); w && !m_finished)
        w->sendLog(m_job.id, line);
}

} // namespace XeroSync
