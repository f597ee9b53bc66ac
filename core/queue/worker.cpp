#include "worker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QUuid>

#include "core/common/systemclock.h"
#include "core/queue/luascript.h"
#include "core/queue/queuelogging.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr int FINISH_RETRY_MS = 1000;

QByteArray num(qint64 v)
{
    return QByteArray::number(v);
}
} // namespace

Worker::Worker(RedisConfig redis, WorkerSettings settings, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_redisConfig(std::move(redis))
    , m_settings(std::move(settings))
    , m_keys(m_settings.queue.prefix, m_settings.queue.name)
    , m_clock(clock ? *clock : SystemClock::shared())
    , m_token(QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1())
    , m_slots(std::max(1, m_settings.concurrency))
{
    m_controlThread.setObjectName(u"xerosync-queue-control"_s);
}

Worker::~Worker()
{
    if (m_running)
        close(0);
}

void Worker::setHandler(const QString &name, JobHandler handler)
{
    m_handlers.insert(name, std::move(handler));
}

qint64 Worker::nowMs() const
{
    return m_clock.now().toMSecsSinceEpoch();
}

void Worker::start()
{
    if (m_running)
        return;
    m_running = true;
    m_stopping = false;
    m_blocking = std::make_unique<RedisConnection>(m_redisConfig, m_keys.workerClientName());
    m_blocking->setReconnectBackoff(100, 5000);
    m_commands = std::make_unique<RedisConnection>(m_redisConfig);
    m_commands->setReconnectBackoff(100, 5000);

    m_controlThread.start();
    m_control = new QObject;
    m_control->moveToThread(&m_controlThread);
    QMetaObject::invokeMethod(
        m_control,
        [this] {
            m_renewTimer = new QTimer(m_control);
            m_renewTimer->setInterval(m_settings.lockRenewMs > 0 ? m_settings.lockRenewMs
                                                                 : m_settings.lockDurationMs / 2);
            connect(m_renewTimer, &QTimer::timeout, m_control, [this] { controlRenewLocks(); });
            m_renewTimer->start();
            m_stalledTimer = new QTimer(m_control);
            m_stalledTimer->setInterval(m_settings.stalledIntervalMs);
            connect(m_stalledTimer, &QTimer::timeout, m_control, [this] { controlCheckStalled(); });
            m_stalledTimer->start();
            m_promoteTimer = new QTimer(m_control);
            m_promoteTimer->setSingleShot(true);
            connect(m_promoteTimer, &QTimer::timeout, m_control, [this] { controlPromote(); });
            controlCheckStalled();
            controlPromote();
        },
        Qt::BlockingQueuedConnection);

    // Producers announce new delayed jobs on the `delayed` channel: promote them on time
    // instead of waiting for the guard interval.
    m_events = new QueueEvents(m_redisConfig, m_settings.queue, { "delayed" }, this);
    connect(m_events, &QueueEvents::delayedScheduled, this, [this](qint64 due) {
        if (m_control)
            QMetaObject::invokeMethod(m_control, [this, due] { schedulePromotion(due); });
    });
    m_events->start();

    m_fetchThread = QThread::create([this] { fetchLoop(); });
    m_fetchThread->setObjectName(u"xerosync-queue-fetch"_s);
    m_fetchThread->start();
    qCInfo(lcWorker) << "worker started on queue" << m_settings.queue.name << "concurrency"
                     << m_settings.concurrency;
}

std::optional<Job> Worker::parseActivated(const RedisReply &reply)
{
    if (!reply.isArray() || reply.elements.size() != 2)
        return std::nullopt;
    const QString id = reply.elements[1].toString();
    if (reply.elements[0].isNil()) {
        // activate.lua recorded a hashless id as failed.
        qCWarning(lcWorker) << "job" << id << "had no data in Redis; recorded it as failed";
        emit jobFailed(id, u"job hash is missing"_s, false);
        return std::nullopt;
    }
    return Job::fromHash(id, reply.elements[0].toHash());
}

void Worker::fetchLoop()
{
    const LuaScript &activate = LuaScript::get("activate");
    const QByteArrayList keys { m_keys.wait(), m_keys.active(), m_keys.priority(), m_keys.stalled(),
        m_keys.failed() };
    const QByteArray blockSeconds =
        QByteArray::number(std::max(m_settings.drainDelayMs, 10) / 1000.0, 'f', 3);
    bool reportedError = false;
    auto pause = [this](int ms) {
        for (int waited = 0; waited < ms && !m_stopping; waited += 50)
            QThread::msleep(50);
    };
    while (!m_stopping) {
        if (!m_slots.tryAcquire(1, 200))
            continue;
        auto reply = m_blocking->eval(activate, keys,
            { m_keys.base(), m_token, num(m_settings.lockDurationMs), num(nowMs()), QByteArray() });
        if (reply && reply->isNil() && !m_stopping) {
            auto id = m_blocking->blockingCommand(
                { "BRPOPLPUSH", m_keys.wait(), m_keys.active(), blockSeconds },
                m_settings.drainDelayMs);
            if (id && !id->isNil() && !id->isError()) {
                reply = m_blocking->eval(activate, keys,
                    { m_keys.base(), m_token, num(m_settings.lockDurationMs), num(nowMs()),
                        id->string });
            } else if (!id) {
                reply = std::unexpected(id.error());
            } else if (id->isError()) {
                reply = fail(ErrorCode::Internal, id->toString());
            }
        }
        if (!reply) {
            m_slots.release();
            if (m_stopping)
                break;
            if (!reportedError) {
                const QString message = reply.error().message;
                QMetaObject::invokeMethod(this, [this, message] { emit redisError(message); });
            }
            reportedError = true;
            pause(500); // the connection's own backoff spaces the reconnects
            continue;
        }
        if (reportedError)
            qCInfo(lcWorker) << "fetching jobs again";
        reportedError = false;
        const auto job = reply->isNil() ? std::nullopt : parseActivated(*reply);
        if (!job) {
            m_slots.release();
            continue;
        }
        dispatch({ *job });
    }
}

void Worker::dispatch(const QList<Job> &jobs)
{
    if (jobs.isEmpty())
        return;
    m_activeCount += int(jobs.size());
    if (QThread::currentThread() == &m_controlThread) {
        for (const Job &job : jobs)
            m_activeJobs.insert(job.id, job);
    } else {
        QMetaObject::invokeMethod(m_control, [this, jobs] {
            for (const Job &job : jobs)
                m_activeJobs.insert(job.id, job);
        });
    }
    // One wake-up of the handlers' thread for the whole batch.
    QMetaObject::invokeMethod(this, [this, jobs] {
        for (const Job &job : jobs)
            runHandler(job);
    });
}

void Worker::runHandler(const Job &job)
{
    emit jobStarted(job.id, job.name);
    auto context = std::make_shared<JobContext>(job, QPointer<Worker>(this));
    if (!job.dataValid) {
        context->fail(
            u"job data is not valid JSON: "_s + QString::fromUtf8(job.rawData.left(80)), true);
        return;
    }
    JobHandler handler = m_handlers.value(job.name, m_handlers.value(u"*"_s));
    if (!handler) {
        context->fail(u"Missing process handler for job type "_s + job.name);
        return;
    }
    if (job.options.timeoutMs > 0) {
        QTimer::singleShot(job.options.timeoutMs, this, [context, ms = job.options.timeoutMs] {
            context->fail(u"job timed out after %1 ms"_s.arg(ms));
        });
    }
    try {
        handler(context);
    } catch (const std::exception &e) { // a handler's exception must not unwind the event loop
        context->fail(u"handler threw: "_s + QString::fromUtf8(e.what()));
    } catch (...) {
        context->fail(u"handler threw an unknown exception"_s);
    }
}

void Worker::finishJob(const QString &jobId, bool success, const nlohmann::json &value,
    const QString &reason, bool permanent)
{
    if (!m_control)
        return; // closed: the job was given back to the queue
    bool first = false;
    {
        QMutexLocker lock(&m_inboxMutex);
        first = m_inbox.isEmpty();
        Outcome outcome { {}, success, value, reason, permanent };
        outcome.job.id = jobId;
        m_inbox << outcome;
    }
    // One wake-up of the control thread for all outcomes posted before it gets to them.
    if (first && m_control)
        QMetaObject::invokeMethod(m_control, [this] { controlDrainInbox(); });
}

void Worker::controlDrainInbox()
{
    QList<Outcome> items;
    {
        QMutexLocker lock(&m_inboxMutex);
        items.swap(m_inbox);
    }
    QList<Outcome> early;
    for (Outcome &outcome : items) {
        const auto it = m_activeJobs.constFind(outcome.job.id);
        if (it == m_activeJobs.constEnd()) {
            // A handler that fails at once can post its outcome before this thread has
            // registered the job (the fetcher posts that registration here while the handler
            // runs elsewhere): look again after the events already queued. Dropping it would
            // leave the job active, its lock renewed for ever.
            if (++outcome.deferrals <= 1000)
                early << outcome;
            else
                qCWarning(lcWorker) << "outcome of unknown job" << outcome.job.id << "dropped";
            continue;
        }
        outcome.job = *it;
        controlOutcome(outcome);
    }
    if (early.isEmpty())
        return;
    bool post = false;
    {
        QMutexLocker lock(&m_inboxMutex);
        post = m_inbox.isEmpty();
        m_inbox = early + m_inbox;
    }
    if (post)
        QMetaObject::invokeMethod(
            m_control, [this] { controlDrainInbox(); }, Qt::QueuedConnection);
}

void Worker::controlOutcome(const Outcome &outcome)
{
    const bool willRetry = !outcome.success && !outcome.permanent
        && outcome.job.attemptsMade + 1 < outcome.job.options.attempts;
    if (willRetry) {
        controlRetry(outcome, 0);
        return;
    }
    // Outcomes that arrive together (every handler that finished since the last pass of this
    // thread's event loop) are recorded in one script call.
    m_finished << outcome;
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(
            m_control,
            [this] {
                m_flushScheduled = false;
                controlFlushFinished(std::exchange(m_finished, {}), 0);
            },
            Qt::QueuedConnection);
    }
}

namespace {
nlohmann::json stacktraceWith(const Job &job, const QString &reason)
{
    QStringList stack = job.stacktrace;
    stack << reason;
    if (job.options.stackTraceLimit > 0 && stack.size() > job.options.stackTraceLimit)
        stack = stack.mid(stack.size() - job.options.stackTraceLimit);
    nlohmann::json out = nlohmann::json::array();
    for (const QString &line : stack)
        out.push_back(line.toStdString());
    return out;
}
} // namespace

void Worker::controlRetry(const Outcome &o, int attempt)
{
    const QByteArray id = o.job.id.toUtf8();
    const qint64 now = nowMs();
    const int attemptsMade = o.job.attemptsMade + 1;
    const qint64 delay = o.job.options.backoffDelayMs(attemptsMade);
    const nlohmann::json extra { "failedReason", o.reason.toStdString(), "attemptsMade",
        attemptsMade, "stacktrace", stacktraceWith(o.job, o.reason).dump() };
    auto reply = m_commands->eval(LuaScript::get("retry"),
        { m_keys.active(), m_keys.wait(), m_keys.job(id), m_keys.metaPaused(), m_keys.paused(),
            m_keys.stalled(), m_keys.priority(), m_keys.delayed() },
        { id, m_token, QByteArray::fromStdString(extra.dump()),
            delay > 0 ? num(now + delay) : QByteArray(), o.job.options.lifo ? "1" : "",
            m_keys.base() });
    if (!reply && reply.error().retryable
        && (attempt + 1) * FINISH_RETRY_MS < m_settings.lockDurationMs) {
        // Redis is away: keep the outcome and try again; the lock still covers the job.
        QTimer::singleShot(
            FINISH_RETRY_MS, m_control, [this, o, attempt] { controlRetry(o, attempt + 1); });
        return;
    }
    if (!reply) {
        qCWarning(lcWorker) << "could not record the failed attempt of job" << o.job.id << ":"
                            << reply.error().message << "- the stalled check will run it again";
    } else if (reply->integer < 0) {
        qCWarning(lcWorker) << "job" << o.job.id << "failed but the attempt was not recorded: code"
                            << reply->integer;
    } else if (delay > 0) {
        schedulePromotion(now + delay);
    }
    settle(o, reply && reply->integer >= 0, true);
    m_slots.release();
}

void Worker::controlFlushFinished(QList<Outcome> batch, int attempt)
{
    if (batch.isEmpty())
        return;
    const qint64 now = nowMs();
    QByteArrayList args { m_keys.base(), num(now), m_token, num(m_settings.lockDurationMs),
        m_settings.metricsMaxDataPoints > 0 ? num(m_settings.metricsMaxDataPoints) : QByteArray(),
        num(m_stopping ? 0 : batch.size()) };
    for (const Outcome &o : std::as_const(batch)) {
        const std::string idText = o.job.id.toStdString();
        if (o.success) {
            const std::string returnValue = o.value.dump();
            const KeepJobs keep = o.job.options.removeOnComplete.value_or(KeepJobs {});
            args << o.job.id.toUtf8() << "completed" << QByteArray::fromStdString(returnValue)
                 << num(keep.count) << num(keep.ageSeconds)
                 << QByteArray::fromStdString(
                        nlohmann::json { { "jobId", idText }, { "val", returnValue } }.dump())
                 << "[]";
        } else {
            const std::string reason = o.reason.toStdString();
            const KeepJobs keep = o.job.options.removeOnFail.value_or(KeepJobs {});
            const nlohmann::json extra { "attemptsMade", o.job.attemptsMade + 1, "stacktrace",
                stacktraceWith(o.job, o.reason).dump() };
            args << o.job.id.toUtf8() << "failed" << QByteArray::fromStdString(reason)
                 << num(keep.count) << num(keep.ageSeconds)
                 << QByteArray::fromStdString(
                        nlohmann::json { { "jobId", idText }, { "val", reason } }.dump())
                 << QByteArray::fromStdString(extra.dump());
        }
    }
    auto reply = m_commands->eval(LuaScript::get("finish"),
        { m_keys.active(), m_keys.completed(), m_keys.failed(), m_keys.wait(), m_keys.priority(),
            m_keys.stalled(), m_keys.key("metrics:completed"), m_keys.key("metrics:failed") },
        args);
    if (!reply && reply.error().retryable
        && (attempt + 1) * FINISH_RETRY_MS < m_settings.lockDurationMs) {
        QTimer::singleShot(FINISH_RETRY_MS, m_control,
            [this, batch, attempt] { controlFlushFinished(batch, attempt + 1); });
        return;
    }
    if (!reply)
        qCWarning(lcWorker) << "could not record the outcome of" << batch.size()
                            << "jobs:" << reply.error().message
                            << "- the stalled check will run them again";
    const auto &codes = reply ? reply->elements.value(0).elements : QList<RedisReply> {};
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const qint64 code = i < codes.size() ? codes[i].integer : -100;
        if (reply && code < 0)
            qCWarning(lcWorker) << "job" << batch[i].job.id
                                << "finished but its outcome was not recorded: code" << code
                                << (code == -2 || code == -6 ? "(lock lost)" : "");
        settle(batch[i], reply && code == 0, false);
    }
    const auto &next = reply ? reply->elements.value(1).elements : QList<RedisReply> {};
    QList<Job> nextJobs;
    for (const RedisReply &pair : next) {
        if (const auto job = parseActivated(pair))
            nextJobs << *job; // a freed slot passes straight to the next job
        else
            m_slots.release();
    }
    dispatch(nextJobs);
    m_slots.release(int(batch.size() - next.size()));
}

void Worker::settle(const Outcome &o, bool recorded, bool willRetry)
{
    m_activeJobs.remove(o.job.id);
    --m_activeCount;
    if (!recorded)
        return;
    if (o.success)
        emit jobCompleted(o.job.id);
    else
        emit jobFailed(o.job.id, o.reason, willRetry);
}

void Worker::sendProgress(const QString &jobId, const nlohmann::json &progress)
{
    if (!m_control)
        return;
    QMetaObject::invokeMethod(m_control, [this, jobId, progress] {
        const nlohmann::json event { { "jobId", jobId.toStdString() }, { "progress", progress } };
        auto r = m_commands->eval(LuaScript::get("progress"), { m_keys.job(jobId.toUtf8()) },
            { QByteArray::fromStdString(progress.dump()), QByteArray::fromStdString(event.dump()),
                m_keys.key("progress") });
        if (!r)
            qCDebug(lcWorker) << "progress for" << jobId << "not saved:" << r.error().message;
    });
}

void Worker::sendLog(const QString &jobId, const QString &line)
{
    if (!m_control)
        return;
    QMetaObject::invokeMethod(m_control, [this, jobId, line] {
        const QByteArray jobKey = m_keys.job(jobId.toUtf8());
        auto r = m_commands->eval(
            LuaScript::get("log"), { jobKey, jobKey + ":logs" }, { line.toUtf8(), "0" });
        if (!r)
            qCDebug(lcWorker) << "log line for" << jobId << "not saved:" << r.error().message;
    });
}

void Worker::controlRenewLocks()
{
    if (m_activeJobs.isEmpty())
        return;
    QByteArrayList args { m_keys.base(), m_token, num(m_settings.lockDurationMs) };
    for (auto it = m_activeJobs.cbegin(); it != m_activeJobs.cend(); ++it)
        args << it.key().toUtf8();
    auto reply = m_commands->eval(LuaScript::get("extendlocks"), { m_keys.stalled() }, args);
    if (!reply) {
        qCWarning(lcWorker) << "could not renew job locks:" << reply.error().message;
        return;
    }
    for (const auto &lost : reply->elements) {
        qCWarning(lcWorker) << "lost the lock of job" << lost.toString();
        emit lockLost(lost.toString());
    }
}

void Worker::controlCheckStalled()
{
    auto reply = m_commands->eval(LuaScript::get("stalled"),
        { m_keys.stalled(), m_keys.wait(), m_keys.active(), m_keys.failed(), m_keys.stalledCheck(),
            m_keys.metaPaused(), m_keys.paused() },
        { num(m_settings.maxStalledCount), m_keys.base(), num(nowMs()),
            num(m_settings.stalledIntervalMs) });
    if (!reply) {
        qCDebug(lcWorker) << "stalled check skipped:" << reply.error().message;
        return;
    }
    for (const auto &id : reply->elements.value(0).elements) {
        qCWarning(lcWorker) << "job" << id.toString() << "stalled too often; failed";
        emit jobFailed(id.toString(), u"job stalled more than allowable limit"_s, false);
    }
    for (const auto &id : reply->elements.value(1).elements) {
        qCWarning(lcWorker) << "job" << id.toString() << "stalled (its worker died?); requeued";
        emit jobStalled(id.toString());
    }
}

void Worker::controlPromote()
{
    auto reply = m_commands->eval(LuaScript::get("promote"),
        { m_keys.delayed(), m_keys.active(), m_keys.wait(), m_keys.priority(), m_keys.paused(),
            m_keys.metaPaused() },
        { m_keys.base(), num(nowMs()), m_token });
    m_promoteDueMs = 0;
    if (!reply) {
        schedulePromotion(-1);
        return;
    }
    if (reply->elements.value(0).integer >= 1000)
        schedulePromotion(nowMs()); // more are due
    else
        schedulePromotion(reply->elements.value(1).integer);
}

void Worker::schedulePromotion(qint64 dueMs)
{
    if (!m_promoteTimer || m_stopping)
        return;
    const qint64 now = nowMs();
    const qint64 wait = dueMs < 0 ? m_settings.guardIntervalMs
                                  : std::clamp<qint64>(dueMs - now, 0, m_settings.guardIntervalMs);
    const qint64 fireAt = now + wait;
    if (m_promoteTimer->isActive() && m_promoteDueMs > 0 && m_promoteDueMs <= fireAt)
        return;
    m_promoteDueMs = fireAt;
    m_promoteTimer->start(int(wait));
}

bool Worker::close(int timeoutMs)
{
    if (!m_running)
        return true;
    m_stopping = true;
    if (m_blocking)
        m_blocking->interrupt();
    if (m_fetchThread) {
        m_fetchThread->wait();
        delete m_fetchThread;
        m_fetchThread = nullptr;
    }
    QElapsedTimer timer;
    timer.start();
    while (m_activeCount > 0 && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const bool allFinished = m_activeCount == 0;
    QMetaObject::invokeMethod(
        m_control,
        [this] {
            for (auto it = m_activeJobs.cbegin(); it != m_activeJobs.cend(); ++it) {
                const QByteArray id = it.key().toUtf8();
                auto r = m_commands->eval(LuaScript::get("release"),
                    { m_keys.active(), m_keys.wait(), m_keys.job(id), m_keys.metaPaused(),
                        m_keys.paused(), m_keys.stalled() },
                    { id, m_token });
                qCInfo(lcWorker) << "gave job" << it.key() << "back to the queue on shutdown"
                                 << (r ? "" : "(failed)");
            }
            m_activeJobs.clear();
            m_finished.clear();
            {
                QMutexLocker lock(&m_inboxMutex);
                m_inbox.clear(); // outcomes of jobs already given back
            }
            delete m_control; // its timers go with it
            m_control = nullptr;
            m_renewTimer = m_stalledTimer = m_promoteTimer = nullptr;
            m_commands.reset();
        },
        Qt::BlockingQueuedConnection);
    m_controlThread.quit();
    m_controlThread.wait();
    if (m_events) {
        m_events->stop();
        delete m_events;
        m_events = nullptr;
    }
    m_blocking.reset();
    m_activeCount = 0;
    m_slots.release(m_settings.concurrency - m_slots.available());
    m_running = false;
    qCInfo(lcWorker) << "worker stopped"
                     << (allFinished ? "" : "(unfinished jobs were given back)");
    return allFinished;
}

} // namespace XeroSync
