#include "queue.h"

#include <QUuid>

#include "core/common/systemclock.h"
#include "core/queue/luascript.h"
#include "core/queue/queuelogging.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
QByteArray utf8(const QString &s)
{
    return s.toUtf8();
}

Result<void> checkId(const QString &id)
{
    if (id.isEmpty() || id.size() > 256)
        return fail(ErrorCode::BadRequest, u"a job id is 1 to 256 characters"_s);
    return {};
}

Result<RedisReply> ok(Result<RedisReply> reply)
{
    if (reply && reply->isError())
        return fail(ErrorCode::Internal, u"Redis: "_s + reply->toString());
    return reply;
}
} // namespace

Queue::Queue(RedisConfig redis, QueueSettings settings, const Clock *clock)
    : m_settings(std::move(settings))
    , m_keys(m_settings.prefix, m_settings.name)
    , m_clock(clock ? *clock : SystemClock::shared())
    , m_token(QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1())
    , m_redis(std::move(redis))
{ }

Queue::~Queue() = default;

QByteArrayList Queue::addArgs(
    const QString &name, const nlohmann::json &data, JobOptions &options) const
{
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    if (options.timestamp == 0)
        options.timestamp = now;
    return { m_keys.base(), utf8(options.jobId), utf8(name.isEmpty() ? u"__default__"_s : name),
        QByteArray::fromStdString(data.dump()), QByteArray::fromStdString(options.toJson().dump()),
        QByteArray::number(options.timestamp), QByteArray::number(options.delayMs),
        QByteArray::number(options.priority), options.lifo ? "1" : "", m_token };
}

Result<QString> Queue::add(const QString &name, const nlohmann::json &data, JobOptions options)
{
    QMutexLocker lock(&m_mutex);
    return addLocked(name, data, std::move(options));
}

Result<QString> Queue::addLocked(
    const QString &name, const nlohmann::json &data, JobOptions options)
{
    if (auto valid = options.validate(); !valid)
        return std::unexpected(valid.error());
    const QByteArrayList keys { m_keys.wait(), m_keys.paused(), m_keys.metaPaused(), m_keys.id(),
        m_keys.delayed(), m_keys.priority() };
    auto reply = m_redis.eval(LuaScript::get("add"), keys, addArgs(name, data, options));
    if (!reply)
        return std::unexpected(reply.error());
    return reply->toString();
}

Result<QStringList> Queue::addBulk(const QList<NewJob> &jobs)
{
    QMutexLocker lock(&m_mutex);
    const LuaScript &script = LuaScript::get("add");
    QList<QByteArrayList> commands;
    commands.reserve(jobs.size());
    for (NewJob job : jobs) {
        if (auto valid = job.options.validate(); !valid)
            return std::unexpected(valid.error());
        QByteArrayList cmd { "EVALSHA", script.sha1(), "6", m_keys.wait(), m_keys.paused(),
            m_keys.metaPaused(), m_keys.id(), m_keys.delayed(), m_keys.priority() };
        cmd << addArgs(job.name, job.data, job.options);
        commands << cmd;
    }
    // Load the script once so the pipelined EVALSHAs cannot meet NOSCRIPT.
    if (auto loaded = ok(m_redis.command({ "SCRIPT", "LOAD", script.source() })); !loaded)
        return std::unexpected(loaded.error());
    auto replies = m_redis.pipeline(commands);
    if (!replies)
        return std::unexpected(replies.error());
    QStringList ids;
    for (const RedisReply &r : *replies) {
        if (r.isError())
            return fail(ErrorCode::Internal, u"adding a job failed: "_s + r.toString());
        ids << r.toString();
    }
    return ids;
}

Result<void> Queue::pauseLocked(bool pause)
{
    const QByteArrayList keys = pause
        ? QByteArrayList { m_keys.wait(), m_keys.paused(), m_keys.metaPaused(),
              m_keys.key("paused"), m_keys.meta() }
        : QByteArrayList { m_keys.paused(), m_keys.wait(), m_keys.metaPaused(),
              m_keys.key("resumed"), m_keys.meta() };
    auto reply = m_redis.eval(LuaScript::get("pause"), keys, { pause ? "paused" : "resumed" });
    if (!reply)
        return std::unexpected(reply.error());
    qCInfo(lcQueue) << (pause ? "paused" : "resumed") << "queue" << m_settings.name;
    return {};
}

Result<void> Queue::pause()
{
    QMutexLocker lock(&m_mutex);
    return pauseLocked(true);
}

Result<void> Queue::resume()
{
    QMutexLocker lock(&m_mutex);
    return pauseLocked(false);
}

Result<bool> Queue::isPaused()
{
    QMutexLocker lock(&m_mutex);
    auto replies = m_redis.pipeline(
        { { "EXISTS", m_keys.metaPaused() }, { "HEXISTS", m_keys.meta(), "paused" } });
    if (!replies)
        return std::unexpected(replies.error());
    return replies->at(0).integer == 1 || replies->at(1).integer == 1;
}

Result<JobCounts> Queue::counts()
{
    QMutexLocker lock(&m_mutex);
    auto r = m_redis.pipeline({ { "LLEN", m_keys.wait() }, { "LLEN", m_keys.active() },
        { "ZCARD", m_keys.delayed() }, { "ZCARD", m_keys.completed() },
        { "ZCARD", m_keys.failed() }, { "LLEN", m_keys.paused() } });
    if (!r)
        return std::unexpected(r.error());
    for (const auto &reply : *r) {
        if (reply.isError())
            return fail(ErrorCode::Internal, u"counting jobs failed: "_s + reply.toString());
    }
    return JobCounts { r->at(0).integer, r->at(1).integer, r->at(2).integer, r->at(3).integer,
        r->at(4).integer, r->at(5).integer };
}

Result<QStringList> Queue::jobIds(JobState state, int start, int end)
{
    QMutexLocker lock(&m_mutex);
    auto ids = idsLocked(state, start, end);
    if (!ids)
        return std::unexpected(ids.error());
    QStringList out;
    out.reserve(ids->size());
    for (const QByteArray &id : std::as_const(*ids))
        out << QString::fromUtf8(id);
    return out;
}

Result<QList<QByteArray>> Queue::idsLocked(JobState state, int start, int end)
{
    QByteArrayList rangeCmd;
    switch (state) {
    case JobState::Waiting:
    case JobState::Active:
    case JobState::Paused: {
        // Lists run from the right: position 0 is the next to run (or the newest active).
        const QByteArray key = state == JobState::Waiting ? m_keys.wait()
            : state == JobState::Active                   ? m_keys.active()
                                                          : m_keys.paused();
        rangeCmd = state == JobState::Active
            ? QByteArrayList { "LRANGE", key, QByteArray::number(start), QByteArray::number(end) }
            : QByteArrayList { "LRANGE", key, QByteArray::number(-end - 1),
                  QByteArray::number(-start - 1) };
        break;
    }
    case JobState::Delayed:
        rangeCmd = { "ZRANGE", m_keys.delayed(), QByteArray::number(start),
            QByteArray::number(end) };
        break;
    case JobState::Completed:
    case JobState::Failed:
        rangeCmd = { "ZREVRANGE",
            state == JobState::Completed ? m_keys.completed() : m_keys.failed(),
            QByteArray::number(start), QByteArray::number(end) };
        break;
    case JobState::Unknown:
        return fail(ErrorCode::BadRequest, u"no jobs are listed for an unknown state"_s);
    }
    auto ids = ok(m_redis.command(rangeCmd));
    if (!ids)
        return std::unexpected(ids.error());
    QList<QByteArray> idList;
    for (const auto &e : ids->elements)
        idList << e.string;
    if (state == JobState::Waiting || state == JobState::Paused)
        std::reverse(idList.begin(), idList.end());
    return idList;
}

Result<QList<Job>> Queue::jobs(JobState state, int start, int end)
{
    QMutexLocker lock(&m_mutex);
    auto ids = idsLocked(state, start, end);
    if (!ids)
        return std::unexpected(ids.error());
    const QList<QByteArray> &idList = *ids;
    QList<QByteArrayList> gets;
    for (const auto &id : idList)
        gets << QByteArrayList { "HGETALL", m_keys.job(id) };
    auto hashes = m_redis.pipeline(gets);
    if (!hashes)
        return std::unexpected(hashes.error());
    QList<Job> out;
    for (qsizetype i = 0; i < idList.size(); ++i) {
        if (!hashes->at(i).elements.isEmpty())
            out << Job::fromHash(QString::fromUtf8(idList[i]), hashes->at(i).toHash());
    }
    return out;
}

Result<std::optional<Job>> Queue::job(const QString &id)
{
    if (auto valid = checkId(id); !valid)
        return std::unexpected(valid.error());
    QMutexLocker lock(&m_mutex);
    auto reply = ok(m_redis.command({ "HGETALL", m_keys.job(utf8(id)) }));
    if (!reply)
        return std::unexpected(reply.error());
    if (reply->elements.isEmpty())
        return std::optional<Job> {};
    return std::optional<Job>(Job::fromHash(id, reply->toHash()));
}

Result<JobState> Queue::state(const QString &id)
{
    if (auto valid = checkId(id); !valid)
        return std::unexpected(valid.error());
    QMutexLocker lock(&m_mutex);
    const QByteArray jobId = utf8(id);
    auto r = m_redis.pipeline(
        { { "ZSCORE", m_keys.completed(), jobId }, { "ZSCORE", m_keys.failed(), jobId },
            { "ZSCORE", m_keys.delayed(), jobId }, { "LPOS", m_keys.active(), jobId },
            { "LPOS", m_keys.wait(), jobId }, { "LPOS", m_keys.paused(), jobId } });
    if (!r)
        return std::unexpected(r.error());
    const JobState order[] = { JobState::Completed, JobState::Failed, JobState::Delayed,
        JobState::Active, JobState::Waiting, JobState::Paused };
    for (int i = 0; i < 6; ++i) {
        if (!r->at(i).isNil() && !r->at(i).isError())
            return order[i];
    }
    return JobState::Unknown;
}

Result<void> Queue::retryFailed(const QString &id)
{
    if (auto valid = checkId(id); !valid)
        return std::unexpected(valid.error());
    QMutexLocker lock(&m_mutex);
    const QByteArray jobKey = m_keys.job(utf8(id));
    auto reply = m_redis.eval(LuaScript::get("reprocess"),
        { jobKey, jobKey + ":lock", m_keys.failed(), m_keys.wait(), m_keys.metaPaused(),
            m_keys.paused() },
        { utf8(id), "", m_token, QByteArray::number(m_clock.now().toMSecsSinceEpoch()) });
    if (!reply)
        return std::unexpected(reply.error());
    switch (reply->integer) {
    case 1:
        return {};
    case 0:
        return fail(ErrorCode::NotFound, u"job '%1' does not exist"_s.arg(id));
    case -1:
        return fail(ErrorCode::Conflict, u"job '%1' is being processed"_s.arg(id));
    default:
        return fail(ErrorCode::Conflict, u"job '%1' has not failed"_s.arg(id));
    }
}

Result<qint64> Queue::retryAllFailed()
{
    QMutexLocker lock(&m_mutex);
    qint64 total = 0;
    while (true) {
        auto reply = m_redis.eval(LuaScript::get("retryall"),
            { m_keys.failed(), m_keys.wait(), m_keys.metaPaused(), m_keys.paused() },
            { m_keys.base(), "1000" });
        if (!reply)
            return std::unexpected(reply.error());
        total += reply->elements.value(0).integer;
        if (reply->elements.value(1).integer == 0 || reply->elements.value(0).integer == 0)
            return total;
    }
}

Result<void> Queue::remove(const QString &id)
{
    if (auto valid = checkId(id); !valid)
        return std::unexpected(valid.error());
    QMutexLocker lock(&m_mutex);
    auto exists = ok(m_redis.command({ "EXISTS", m_keys.job(utf8(id)) }));
    if (!exists)
        return std::unexpected(exists.error());
    if (exists->integer == 0)
        return fail(ErrorCode::NotFound, u"job '%1' does not exist"_s.arg(id));
    auto reply = m_redis.eval(LuaScript::get("remove"),
        { m_keys.active(), m_keys.wait(), m_keys.delayed(), m_keys.paused(), m_keys.completed(),
            m_keys.failed(), m_keys.priority(), m_keys.job(utf8(id)), m_keys.stalled() },
        { utf8(id), m_token });
    if (!reply)
        return std::unexpected(reply.error());
    if (reply->integer != 1)
        return fail(
            ErrorCode::Conflict, u"job '%1' is being processed and cannot be removed"_s.arg(id));
    return {};
}

Result<QStringList> Queue::clean(JobState state, qint64 graceMs, int limit)
{
    if (graceMs < 0 || limit < 0)
        return fail(ErrorCode::BadRequest, u"grace and limit cannot be negative"_s);
    QByteArray key;
    bool isList = false;
    switch (state) {
    case JobState::Waiting:
        key = m_keys.wait();
        isList = true;
        break;
    case JobState::Active:
        key = m_keys.active();
        isList = true;
        break;
    case JobState::Paused:
        key = m_keys.paused();
        isList = true;
        break;
    case JobState::Delayed:
        key = m_keys.delayed();
        break;
    case JobState::Completed:
        key = m_keys.completed();
        break;
    case JobState::Failed:
        key = m_keys.failed();
        break;
    case JobState::Unknown:
        return fail(ErrorCode::BadRequest, u"cannot clean an unknown state"_s);
    }
    QMutexLocker lock(&m_mutex);
    const qint64 cutoff = m_clock.now().toMSecsSinceEpoch() - graceMs;
    auto reply = m_redis.eval(LuaScript::get("clean"), { key, m_keys.priority() },
        { m_keys.base(), QByteArray::number(cutoff), QByteArray::number(limit),
            isList ? "list" : "zset" });
    if (!reply)
        return std::unexpected(reply.error());
    QStringList ids;
    for (const auto &e : reply->elements)
        ids << e.toString();
    return ids;
}

Result<void> Queue::updateProgress(const QString &id, const nlohmann::json &progress)
{
    if (auto valid = checkId(id); !valid)
        return std::unexpected(valid.error());
    QMutexLocker lock(&m_mutex);
    const nlohmann::json event { { "jobId", id.toStdString() }, { "progress", progress } };
    auto reply = m_redis.eval(LuaScript::get("progress"), { m_keys.job(utf8(id)) },
        { QByteArray::fromStdString(progress.dump()), QByteArray::fromStdString(event.dump()),
            m_keys.key("progress") });
    if (!reply)
        return std::unexpected(reply.error());
    if (reply->integer < 0)
        return fail(ErrorCode::NotFound, u"job '%1' does not exist"_s.arg(id));
    return {};
}

Result<int> Queue::addLog(const QString &id, const QString &line, int keep)
{
    if (auto valid = checkId(id); !valid)
        return std::unexpected(valid.error());
    QMutexLocker lock(&m_mutex);
    const QByteArray jobKey = m_keys.job(utf8(id));
    auto reply = m_redis.eval(LuaScript::get("log"), { jobKey, jobKey + ":logs" },
        { utf8(line), QByteArray::number(std::max(keep, 0)) });
    if (!reply)
        return std::unexpected(reply.error());
    if (reply->integer < 0)
        return fail(ErrorCode::NotFound, u"job '%1' does not exist"_s.arg(id));
    return int(reply->integer);
}

Result<QStringList> Queue::logs(const QString &id, int start, int end)
{
    if (auto valid = checkId(id); !valid)
        return std::unexpected(valid.error());
    QMutexLocker lock(&m_mutex);
    auto reply = ok(m_redis.command({ "LRANGE", m_keys.job(utf8(id)) + ":logs",
        QByteArray::number(start), QByteArray::number(end) }));
    if (!reply)
        return std::unexpected(reply.error());
    QStringList lines;
    for (const auto &e : reply->elements)
        lines << e.toString();
    return lines;
}

Result<QStringList> Queue::workers()
{
    QMutexLocker lock(&m_mutex);
    auto reply = ok(m_redis.command({ "CLIENT", "LIST" }));
    if (!reply)
        return std::unexpected(reply.error());
    QStringList names;
    const QByteArray wanted = m_keys.workerClientName();
    for (const QByteArray &line : reply->string.split('\n')) {
        for (const QByteArray &field : line.split(' ')) {
            if (field.startsWith("name=") && field.mid(5).startsWith(wanted))
                names << QString::fromUtf8(field.mid(5));
        }
    }
    return names;
}

Result<qint64> Queue::destroy()
{
    QMutexLocker lock(&m_mutex);
    // SCAN, not KEYS: this may run against a server with other data on it.
    QByteArray cursor = "0";
    qint64 deleted = 0;
    const QByteArray pattern = m_keys.pattern();
    do {
        auto page = ok(m_redis.command({ "SCAN", cursor, "MATCH", pattern, "COUNT", "1000" }));
        if (!page)
            return std::unexpected(page.error());
        cursor = page->elements.value(0).string;
        QByteArrayList del { "UNLINK" };
        for (const auto &key : page->elements.value(1).elements)
            del << key.string;
        if (del.size() > 1) {
            auto removed = ok(m_redis.command(del));
            if (!removed)
                return std::unexpected(removed.error());
            deleted += removed->integer;
        }
    } while (cursor != "0");
    return deleted;
}

} // namespace XeroSync
