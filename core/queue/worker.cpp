#include "worker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QUuid>

#include "core/common/systemclock.h"
#include "core/queue/luascript.h"
#include "core/queue/queuelogging.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr int FINISH_RETRY_MS = 1000; //!< the longest wait between retries of an outcome
//! The first retry of an outcome Redis did not take: a cut connection is usually back at once.
constexpr int FINISH_RETRY_FIRST_MS = 100;
constexpr int FETCH_RETRY_MS = 500;
constexpr int FETCH_ANSWER_MS = 5000; //!< longest wait for a reply, besides a blocking wait
//! A worker not seen for this long (at least) is gone: its staging list is swept.
constexpr int STAGING_GONE_MIN_MS = 60000;

QByteArray num(qint64 v)
{
    return QByteArray::number(v);
}

// Outcomes are retried for as long as Redis cannot be reached, with no last try: their jobs stay
// in the worker's active set meanwhile, so their locks are renewed whenever Redis answers, and a
// lock that lapsed all the same makes the script answer "lock lost" instead of recording twice.
// A give-up after a few tries would instead leave a finished job to be run again.
int outcomeRetryMs(int attempt)
{
    return std::min(FINISH_RETRY_FIRST_MS << std::min(attempt, 4), FINISH_RETRY_MS);
}

// finish.lua and activate.lua pack their answers with MessagePack (startedjob.lua says why);
// discarded when the reply is not one.
nlohmann::json unpackReply(const RedisReply &reply)
{
    if (reply.type != RedisReply::Type::String)
        return nlohmann::json(nlohmann::json::value_t::discarded);
    return nlohmann::json::from_msgpack(reply.string.cbegin(), reply.string.cend(), true, false);
}

// A value of a started job: a string, or false for a field the hash does not have.
QByteArray scriptValue(const nlohmann::json &value)
{
    if (value.is_string())
        return QByteArray::fromStdString(value.get_ref<const std::string &>());
    if (value.is_number())
        return QByteArray::fromStdString(value.dump());
    return {};
}

// Its socket is about to close; this may run inside the notifier's own signal, hence deleteLater.
void dropNotifier(QSocketNotifier *&notifier)
{
    if (!notifier)
        return;
    notifier->setEnabled(false);
    notifier->deleteLater();
    notifier = nullptr;
}

// Calls `readable` when `fd` has data; a reconnect gives the connection a new socket.
template <typename Readable>
void watchSocket(QSocketNotifier *&notifier, int fd, QObject *context, Readable readable)
{
    if (notifier && notifier->socket() == fd)
        return;
    dropNotifier(notifier);
    notifier = new QSocketNotifier(fd, QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, readable);
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
    m_fetchWatchdog.setSingleShot(true);
    // The timer may fire late, after a handler blocked this thread: a reply that came in the
    // meantime is taken, not thrown away with the connection.
    connect(&m_fetchWatchdog, &QTimer::timeout, this, [this] {
        if (!fetchRead())
            fetchFailed(u"Redis did not answer a job fetch in time"_s);
    });
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
    m_blocking->setRecordsClientId(true); // close() unblocks its BRPOPLPUSH
    m_commands = std::make_unique<RedisConnection>(m_redisConfig);
    m_commands->setReconnectBackoff(100, 5000);
    m_finisher = std::make_unique<RedisConnection>(m_redisConfig);
    m_finisher->setReconnectBackoff(100, 5000);

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

    m_fetchReportedError = false;
    fetchNext();
    qCInfo(lcWorker) << "worker started on queue" << m_settings.queue.name << "concurrency"
                     << m_settings.concurrency;
}

// activate.lua's reply: {status, started job}, or {-1, id} for an id without a hash.
std::optional<Job> Worker::parseActivated(const nlohmann::json &answer)
{
    if (!answer.is_array() || answer.size() < 2)
        return std::nullopt;
    if (answer[0].is_number() && answer[0].get<int>() < 0) {
        // activate.lua recorded a hashless id as failed.
        const QString id = QString::fromUtf8(scriptValue(answer[1]));
        qCWarning(lcWorker) << "job" << id << "had no data in Redis; recorded it as failed";
        emit jobFailed(id, u"job hash is missing"_s, false);
        return std::nullopt;
    }
    return startedJob(answer[1]);
}

// A job the scripts started: values of Job::startFields() (all, or all but the last three for a
// job that never ran; processedOn as the script set it), then its id.
Job Worker::startedJob(const nlohmann::json &items) const
{
    QByteArrayList values;
    if (!items.is_array() || items.empty())
        return Job::fromStartFields({}, values);
    values.reserve(qsizetype(items.size()) - 1);
    for (size_t i = 0; i + 1 < items.size(); ++i)
        values << scriptValue(items[i]);
    return Job::fromStartFields(QString::fromUtf8(scriptValue(items.back())), values);
}

// The fetch runs on this object's thread, driven by the blocking connection's socket, so a job
// goes from Redis to its handler without a hop between threads: on a small machine each hop
// costs as much as a Redis round trip. Lock renewal stays on the control thread, so a handler
// that blocks this thread delays new jobs (which have nowhere to run anyway) but loses no lock.
void Worker::fetchNext()
{
    if (m_stopping || m_fetch != Fetch::Idle)
        return;
    // Set before trying, so a slot freed in between still posts a new attempt.
    m_fetchWantsSlot = true;
    if (!m_slots.tryAcquire(1))
        return; // releaseSlots() calls again
    m_fetchWantsSlot = false;
    // After a blocking fetch that emptied the queue, block at once rather than look first.
    fetchSend(m_fetchBlocks ? Fetch::Blocking : Fetch::Activating);
}

void Worker::releaseSlots(int count)
{
    if (count <= 0)
        return;
    m_slots.release(count);
    if (m_fetchWantsSlot.exchange(false))
        QMetaObject::invokeMethod(this, &Worker::fetchNext, Qt::QueuedConnection);
}

// An idle worker blocks in BRPOPLPUSH, which moves the job into this worker's own staging list;
// the activation is sent in the same write, right behind it, and Redis runs it as soon as the
// BRPOPLPUSH is served. A new job thus reaches its handler after one reply instead of two round
// trips. Activating a job popped into `active` the same way is not safe: the script could not
// tell ours from one a Node worker popped at the same moment, and both would run it.
void Worker::fetchSend(Fetch state, bool withSource)
{
    m_fetch = state;
    auto activate = [&](const QByteArray &mode) {
        return RedisConnection::evalCommand(LuaScript::get("activate"),
            { m_keys.wait(), m_keys.active(), m_keys.priority(), m_keys.failed(),
                m_keys.staging(m_token) },
            { m_keys.base(), m_token, num(m_settings.lockDurationMs), num(nowMs()), mode },
            withSource);
    };
    QList<QByteArrayList> commands;
    int answerWithinMs = FETCH_ANSWER_MS;
    if (state == Fetch::Blocking) {
        commands << QByteArrayList { "BRPOPLPUSH", m_keys.wait(), m_keys.staging(m_token),
            QByteArray::number(std::max(m_settings.drainDelayMs, 10) / 1000.0, 'f', 3) }
                 << activate("staged");
        // A server that vanished without closing the socket (a network cut, a frozen VM) is
        // noticed after the blocking time plus this margin: the watchdog.
        answerWithinMs += m_settings.drainDelayMs;
    } else {
        commands << activate(state == Fetch::Staged ? "staged" : "wait");
    }
    if (auto sent = m_blocking->send(commands); !sent) {
        fetchFailed(sent.error().message);
        return;
    }
    watchSocket(m_fetchNotifier, m_blocking->socketDescriptor(), this, [this] { fetchRead(); });
    m_fetchWatchdog.start(answerWithinMs);
}

bool Worker::fetchRead()
{
    for (;;) {
        if (m_fetch == Fetch::Idle)
            return true;
        auto reply = m_blocking->poll(0);
        if (!reply) {
            fetchFailed(reply.error().message);
            return true;
        }
        if (!*reply)
            return false; // the rest is still on its way
        m_fetchWatchdog.stop();
        const RedisReply r = std::move(**reply);
        if (m_fetchReportedError)
            qCInfo(lcWorker) << "fetching jobs again";
        m_fetchReportedError = false;
        // close() takes over a fetch in flight and drops the notifier, so this never runs
        // stopping.
        const Fetch state = std::exchange(m_fetch, Fetch::Idle);
        if (r.isError()) {
            if (state != Fetch::Blocking && r.string.startsWith("NOSCRIPT")) {
                // Redis lost its scripts: the call did nothing, and a job BRPOPLPUSH staged is
                // still there for the next one.
                fetchSend(state, true);
                return true;
            }
            fetchFailed(u"Redis answered a job fetch with: "_s + r.toString());
            return true;
        }
        if (state == Fetch::Blocking) {
            // BRPOPLPUSH staged a job or timed out; the activation's reply comes next.
            m_fetch = Fetch::Staged;
            m_fetchWatchdog.start(FETCH_ANSWER_MS);
            continue;
        }
        if (r.isNil()) {
            // Nothing waiting: block until a job comes. After a blocking wait that timed out,
            // look (and announce the queue drained) once more first.
            fetchSend(state == Fetch::Activating ? Fetch::Blocking : Fetch::Activating);
            return true;
        }
        // A staged job that left the queue empty: the next fetch blocks at once. With a backlog
        // the single activation script is cheaper for Redis than BRPOPLPUSH and script.
        const nlohmann::json answer = unpackReply(r);
        m_fetchBlocks = answer.is_array() && !answer.empty() && answer[0] == 1;
        if (const auto job = parseActivated(answer))
            dispatch({ *job });
        else
            releaseSlots(1);
        fetchNext();
        return true;
    }
}

void Worker::fetchSettle()
{
    if (m_fetch == Fetch::Blocking) {
        // Makes a BRPOPLPUSH still waiting answer now (nil), so the activation behind it runs on
        // an empty staging list; one already served is told apart by the replies below.
        if (const qint64 id = m_blocking->clientId(); id >= 0) {
            RedisConnection unblocker(m_redisConfig);
            unblocker.setCommandTimeout(1000); // a Redis gone silent must not hold close() up
            if (!unblocker.command({ "CLIENT", "UNBLOCK", num(id) }))
                qCDebug(lcWorker) << "could not cut the blocking fetch short";
        }
    }
    QElapsedTimer waited;
    waited.start();
    while (m_fetch != Fetch::Idle && waited.elapsed() < 1000) {
        auto reply = m_blocking->poll(100);
        if (!reply)
            break;
        if (!*reply)
            continue;
        if (m_fetch == Fetch::Blocking) {
            m_fetch = Fetch::Staged;
            continue;
        }
        // A job on its way is already active and locked for us (dashboards show it running):
        // it runs and is waited for like the others, rather than go back to the queue.
        m_fetch = Fetch::Idle;
        if (const auto job = parseActivated(unpackReply(**reply)))
            dispatch({ *job }); // keeps the fetch's slot
        else
            m_slots.release();
    }
    if (m_fetch != Fetch::Idle) {
        // No answer: a job staged for us goes back to the queue when the control thread leaves
        // (leave.lua); one activated at the last moment is recovered by the stalled check once
        // its lock expires, as for a worker that died there (Bull behaves the same).
        m_fetch = Fetch::Idle;
        m_slots.release();
    }
}

void Worker::fetchFailed(const QString &message)
{
    m_fetchWatchdog.stop();
    m_fetch = Fetch::Idle;
    m_fetchBlocks = false;
    dropNotifier(m_fetchNotifier);
    m_blocking->disconnect(); // a reply may still be on its way: start on a fresh connection
    m_slots.release();
    if (m_stopping)
        return;
    if (!m_fetchReportedError) {
        qCWarning(lcWorker) << "cannot fetch jobs:" << message;
        emit redisError(message);
    }
    m_fetchReportedError = true;
    // The connection's own backoff spaces the reconnects beyond this.
    QTimer::singleShot(FETCH_RETRY_MS, this, &Worker::fetchNext);
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
        // Handed over under the inbox's lock rather than by waking the control thread: it
        // takes them before it reads outcomes or renews locks, and on a small machine every
        // thread wake-up on the way to a handler shows in the latency.
        QMutexLocker lock(&m_inboxMutex);
        m_arrived << jobs;
    }
    if (QThread::currentThread() == thread()) {
        for (const Job &job : jobs)
            runHandler(job);
        return;
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

QList<Worker::Outcome> Worker::controlTakeArrivals(bool withOutcomes)
{
    QList<Job> arrived;
    QList<Outcome> outcomes;
    {
        // Under one lock: a job reaches m_arrived before its handler can run, so an outcome
        // taken here always finds its job.
        QMutexLocker lock(&m_inboxMutex);
        arrived.swap(m_arrived);
        if (withOutcomes)
            outcomes.swap(m_inbox);
    }
    for (const Job &job : std::as_const(arrived))
        m_activeJobs.insert(job.id, job);
    return outcomes;
}

void Worker::controlDrainInbox()
{
    for (Outcome &outcome : controlTakeArrivals(true)) {
        const auto it = m_activeJobs.constFind(outcome.job.id);
        if (it == m_activeJobs.constEnd()) {
            qCWarning(lcWorker) << "outcome of unknown job" << outcome.job.id << "dropped";
            continue;
        }
        outcome.job = *it;
        controlOutcome(outcome);
    }
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
                controlSendFinished();
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
    if (!reply && reply.error().retryable && m_running) {
        if (attempt == 0)
            qCWarning(lcWorker) << "cannot record the failed attempt of job" << o.job.id
                                << "yet:" << reply.error().message << "- retrying";
        QTimer::singleShot(outcomeRetryMs(attempt), m_control,
            [this, o, attempt] { controlRetry(o, attempt + 1); });
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
    releaseSlots(1);
}

QByteArrayList Worker::finishKeys() const
{
    return { m_keys.active(), m_keys.completed(), m_keys.failed(), m_keys.wait(), m_keys.priority(),
        m_keys.stalled(), m_keys.key("metrics:completed"), m_keys.key("metrics:failed") };
}

namespace {
// finish.lua's keep argument: "count", or "count/age" when an age limit is set.
QByteArray keepArg(const KeepJobs &keep)
{
    return keep.ageSeconds > 0 ? num(keep.count) + '/' + num(keep.ageSeconds) : num(keep.count);
}
} // namespace

QByteArrayList Worker::finishArgs(const QList<Outcome> &batch) const
{
    QByteArrayList args { m_keys.base(), num(nowMs()), m_token, num(m_settings.lockDurationMs),
        m_settings.metricsMaxDataPoints > 0 ? num(m_settings.metricsMaxDataPoints) : QByteArray(),
        num(m_stopping ? 0 : batch.size()) };
    args.reserve(args.size() + batch.size() * 5);
    for (const Outcome &o : batch) {
        if (o.success) {
            args << o.job.id.toUtf8() << "completed" << QByteArray::fromStdString(o.value.dump())
                 << keepArg(o.job.options.removeOnComplete.value_or(KeepJobs {})) << QByteArray();
        } else {
            const nlohmann::json extra { "attemptsMade", o.job.attemptsMade + 1, "stacktrace",
                stacktraceWith(o.job, o.reason).dump() };
            args << o.job.id.toUtf8() << "failed" << o.reason.toUtf8()
                 << keepArg(o.job.options.removeOnFail.value_or(KeepJobs {}))
                 << QByteArray::fromStdString(extra.dump());
        }
    }
    return args;
}

void Worker::controlSendFinished()
{
    // Two calls of at most half the slots each in flight: while Redis records one, this thread
    // reads the reply of the other and the handlers run the jobs it brought, so Redis and the
    // worker work at the same time instead of taking turns (c10: 10,000 -> 20,000 jobs/s).
    constexpr qsizetype MaxInFlight = 2;
    const qsizetype most = std::max(1, (m_settings.concurrency + 1) / 2);
    while (!m_finished.isEmpty() && m_inFlight.size() < MaxInFlight) {
        // While one call is in flight a partial batch waits for it to come back (Nagle's rule):
        // outcomes then go in full batches, fewer requests for Redis to read (Redis CPU per job
        // at c10 about 5% less in alternating runs), and an idle worker still sends at once.
        if (!m_inFlight.isEmpty() && m_finished.size() < most && !m_stopping)
            break;
        QList<Outcome> batch = m_finished.mid(0, most);
        m_finished.remove(0, batch.size());
        if (auto sent = m_finisher->send(RedisConnection::evalCommand(
                LuaScript::get("finish"), finishKeys(), finishArgs(batch)));
            !sent) {
            controlFinisherLost();
            QTimer::singleShot(
                outcomeRetryMs(0), m_control, [this, batch] { controlFlushFinished(batch, 1); });
            return;
        }
        m_inFlight << batch;
    }
    if (!m_inFlight.isEmpty()) {
        watchSocket(m_finisherNotifier, m_finisher->socketDescriptor(), m_control,
            [this] { controlReadFinished(); });
    }
}

void Worker::controlReadFinished(int waitMs)
{
    while (!m_inFlight.isEmpty()) {
        auto reply = m_finisher->poll(waitMs);
        if (!reply) {
            qCWarning(lcWorker) << "lost the connection that records job outcomes:"
                                << reply.error().message;
            controlFinisherLost();
            return;
        }
        if (!*reply)
            return; // the rest of the reply is still on its way
        const QList<Outcome> batch = m_inFlight.takeFirst();
        controlSendFinished(); // give Redis the next batch before working on this reply
        const RedisReply &r = **reply;
        if (r.isError() && r.string.startsWith("NOSCRIPT")) {
            controlFlushFinished(batch, 0); // Redis lost its scripts: the call did nothing
            continue;
        }
        if (r.isError()) {
            controlFinishReply(
                batch, fail(ErrorCode::Internal, u"Redis script finish failed: "_s + r.toString()));
            continue;
        }
        controlFinishReply(batch, r);
    }
}

void Worker::controlFinisherLost()
{
    dropNotifier(m_finisherNotifier);
    m_finisher->disconnect();
    // Whether Redis ran them is unknown: record them again; a job that was recorded reports that
    // it is no longer active, and the stalled check requeues a next job whose reply was lost.
    for (const QList<Outcome> &batch : std::exchange(m_inFlight, {})) {
        QTimer::singleShot(
            outcomeRetryMs(0), m_control, [this, batch] { controlFlushFinished(batch, 1); });
    }
    // Outcomes held back for those calls' replies (a partial batch waits for a full one) would
    // otherwise wait for the next outcome, which after a queue's last jobs never comes.
    if (!m_finished.isEmpty()) {
        QTimer::singleShot(outcomeRetryMs(0), m_control,
            [this, batch = std::exchange(m_finished, {})] { controlFlushFinished(batch, 1); });
    }
}

void Worker::controlFlushFinished(QList<Outcome> batch, int attempt)
{
    if (batch.isEmpty())
        return;
    auto reply = m_commands->eval(LuaScript::get("finish"), finishKeys(), finishArgs(batch));
    if (!reply && reply.error().retryable && m_running) {
        if (attempt == 1)
            qCWarning(lcWorker) << "cannot record the outcome of" << batch.size()
                                << "jobs yet:" << reply.error().message << "- retrying";
        QTimer::singleShot(outcomeRetryMs(attempt), m_control,
            [this, batch, attempt] { controlFlushFinished(batch, attempt + 1); });
        return;
    }
    controlFinishReply(batch, reply);
}

void Worker::controlFinishReply(const QList<Outcome> &batch, const Result<RedisReply> &reply)
{
    if (!reply)
        qCWarning(lcWorker) << "could not record the outcome of" << batch.size()
                            << "jobs:" << reply.error().message
                            << "- the stalled check will run them again";
    const nlohmann::json answer = reply ? unpackReply(*reply) : nlohmann::json();
    const bool answered =
        answer.is_array() && answer.size() == 2 && answer[0].is_array() && answer[1].is_array();
    if (reply && !answered)
        qCWarning(lcWorker) << "finish.lua gave an answer the worker cannot read";
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const auto at = size_t(i);
        const qint64 code = answered && at < answer[0].size() && answer[0][at].is_number()
            ? answer[0][at].get<qint64>()
            : -100;
        if (answered && code < 0)
            qCWarning(lcWorker) << "job" << batch[i].job.id
                                << "finished but its outcome was not recorded: code" << code
                                << (code == -2 || code == -6 ? "(lock lost)" : "");
        settle(batch[i], code == 0, false);
    }
    QList<Job> nextJobs;
    if (answered) {
        for (const nlohmann::json &item : answer[1])
            nextJobs << startedJob(item); // a freed slot passes straight on
    }
    dispatch(nextJobs);
    releaseSlots(int(batch.size() - nextJobs.size()));
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
    controlTakeArrivals();
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
            m_keys.metaPaused(), m_keys.paused(), m_keys.stagingWorkers(), m_keys.stagingCheck() },
        { num(m_settings.maxStalledCount), m_keys.base(), num(nowMs()),
            num(m_settings.stalledIntervalMs), m_token,
            num(std::max(3 * m_settings.stalledIntervalMs, STAGING_GONE_MIN_MS)) });
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
    for (const auto &id : reply->elements.value(2).elements)
        qCWarning(lcWorker) << "job" << id.toString()
                            << "was left staged by a worker that is gone; requeued";
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
    m_fetchWatchdog.stop();
    fetchSettle();
    dropNotifier(m_fetchNotifier);
    if (m_blocking)
        m_blocking->disconnect();
    QElapsedTimer timer;
    timer.start();
    while (m_activeCount > 0 && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const bool allFinished = m_activeCount == 0;
    QMetaObject::invokeMethod(
        m_control,
        [this] {
            // Outcomes on their way to Redis are settled first, so their jobs are not given
            // back after all; a reply that does not come leaves them to the release below.
            QElapsedTimer waited;
            waited.start();
            while (!m_inFlight.isEmpty() && waited.elapsed() < 2000)
                controlReadFinished(100);
            m_inFlight.clear();
            controlTakeArrivals();
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
            if (auto r = m_commands->eval(LuaScript::get("leave"),
                    { m_keys.staging(m_token), m_keys.wait(), m_keys.paused(), m_keys.metaPaused(),
                        m_keys.stagingWorkers() },
                    { m_token });
                r && !r->elements.isEmpty())
                qCInfo(lcWorker) << "gave" << r->elements.size() << "staged job(s) back";
            m_finished.clear();
            {
                QMutexLocker lock(&m_inboxMutex);
                m_inbox.clear(); // outcomes of jobs already given back
                m_arrived.clear();
            }
            delete m_control; // its timers go with it
            m_control = nullptr;
            m_renewTimer = m_stalledTimer = m_promoteTimer = nullptr;
            m_commands.reset();
            m_finisherNotifier = nullptr; // deleted with m_control
            m_finisher.reset();
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
