#include "redisconnection.h"

#include <hiredis/hiredis.h>
#include <poll.h>
#include <sys/socket.h>

#include <QElapsedTimer>

#include "core/queue/luascript.h"
#include "core/queue/queuelogging.h"
#include "core/queue/sigpipeblocker.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

struct RedisConnection::Private
{
    redisContext *context = nullptr;
    int commandTimeoutMs = 5000;
    int backoffInitialMs = 100;
    int backoffMaxMs = 5000;
    int nextBackoffMs = 100;
    qint64 clientId = -1;
    bool recordsClientId = false;
    QElapsedTimer sinceFailure;
    bool everConnected = false;
    bool failing = false;
};

namespace {
timeval toTimeval(int ms)
{
    return { ms / 1000, (ms % 1000) * 1000 };
}

RedisReply convert(const redisReply *r)
{
    RedisReply out;
    if (!r)
        return out;
    switch (r->type) {
    case REDIS_REPLY_INTEGER:
        out.type = RedisReply::Type::Integer;
        out.integer = r->integer;
        break;
    case REDIS_REPLY_STRING:
        out.type = RedisReply::Type::String;
        out.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_STATUS:
        out.type = RedisReply::Type::Status;
        out.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_ERROR:
        out.type = RedisReply::Type::Error;
        out.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_ARRAY:
        out.type = RedisReply::Type::Array;
        out.elements.reserve(qsizetype(r->elements));
        for (size_t i = 0; i < r->elements; ++i)
            out.elements.append(convert(r->element[i]));
        break;
    default:
        break;
    }
    return out;
}

struct ArgvBuffer
{
    std::vector<const char *> argv;
    std::vector<size_t> lengths;

    explicit ArgvBuffer(const QByteArrayList &args)
    {
        argv.reserve(size_t(args.size()));
        lengths.reserve(size_t(args.size()));
        for (const QByteArray &a : args) {
            argv.push_back(a.constData());
            lengths.push_back(size_t(a.size()));
        }
    }
};
} // namespace

RedisConnection::RedisConnection(RedisConfig config, QByteArray clientName)
    : m_config(std::move(config))
    , m_clientName(std::move(clientName))
    , d(std::make_unique<Private>())
{ }

RedisConnection::~RedisConnection()
{
    disconnect();
}

void RedisConnection::setCommandTimeout(int ms)
{
    d->commandTimeoutMs = ms;
    if (d->context)
        redisSetTimeout(d->context, toTimeval(ms));
}

void RedisConnection::setReconnectBackoff(int initialMs, int maxMs)
{
    d->backoffInitialMs = initialMs;
    d->backoffMaxMs = maxMs;
    d->nextBackoffMs = initialMs;
}

bool RedisConnection::isConnected() const
{
    return d->context && d->context->err == 0;
}

void RedisConnection::disconnect()
{
    if (d->context) {
        redisFree(d->context);
        d->context = nullptr;
    }
    d->clientId = -1;
}

void RedisConnection::dropConnection(const QString &reason)
{
    if (!d->failing)
        qCWarning(lcRedis) << "connection to" << m_config.redacted() << "failed:" << reason;
    d->failing = true;
    disconnect();
    d->sinceFailure.start();
}

Result<void> RedisConnection::connect()
{
    disconnect();
    const timeval timeout = toTimeval(d->commandTimeoutMs);
    redisContext *c = m_config.unixSocket.isEmpty()
        ? redisConnectWithTimeout(m_config.host.toUtf8().constData(), m_config.port, timeout)
        : redisConnectUnixWithTimeout(m_config.unixSocket.toUtf8().constData(), timeout);
    if (!c || c->err) {
        const QString reason = c ? QString::fromUtf8(c->errstr) : u"out of memory"_s;
        if (c)
            redisFree(c);
        return fail(ErrorCode::Unavailable,
            u"cannot connect to Redis at %1: %2"_s.arg(m_config.redacted(), reason), true);
    }
    redisSetTimeout(c, timeout);
    redisEnableKeepAlive(c);
    d->context = c;

    QList<QByteArrayList> setup;
    if (!m_config.password.isEmpty()) {
        setup << (m_config.username.isEmpty()
                ? QByteArrayList { "AUTH", m_config.password.toUtf8() }
                : QByteArrayList {
                    "AUTH", m_config.username.toUtf8(), m_config.password.toUtf8() });
    }
    if (m_config.database != 0)
        setup << QByteArrayList { "SELECT", QByteArray::number(m_config.database) };
    if (!m_clientName.isEmpty())
        setup << QByteArrayList { "CLIENT", "SETNAME", m_clientName };
    for (const QByteArrayList &cmd : std::as_const(setup)) {
        auto reply = roundTrip(cmd);
        if (!reply) {
            disconnect();
            return std::unexpected(reply.error());
        }
        if (reply->isError()) {
            disconnect();
            // AUTH errors must not echo the password; Redis's own text never contains it.
            return fail(cmd.first() == "AUTH" ? ErrorCode::Unauthorized : ErrorCode::Unavailable,
                u"Redis refused %1: %2"_s.arg(QString::fromLatin1(cmd.first()), reply->toString()));
        }
    }
    // Optional: a user whose ACL forbids CLIENT still gets a working connection.
    if (d->recordsClientId) {
        auto id = roundTrip({ "CLIENT", "ID" });
        if (!id)
            return std::unexpected(id.error());
        if (id->type == RedisReply::Type::Integer)
            d->clientId = id->integer;
    }
    if (d->failing || d->everConnected)
        qCInfo(lcRedis) << "connected to" << m_config.redacted();
    d->everConnected = true;
    d->failing = false;
    d->nextBackoffMs = d->backoffInitialMs;
    return {};
}

Result<void> RedisConnection::ensureConnected()
{
    if (isConnected())
        return {};
    if (d->failing && d->sinceFailure.isValid() && d->sinceFailure.elapsed() < d->nextBackoffMs) {
        return fail(ErrorCode::Unavailable,
            u"Redis at %1 is unavailable; retrying in %2 ms"_s.arg(m_config.redacted())
                .arg(d->nextBackoffMs - d->sinceFailure.elapsed()),
            true);
    }
    auto connected = connect();
    if (!connected) {
        if (!d->failing)
            qCWarning(lcRedis) << connected.error().message;
        d->failing = true;
        d->sinceFailure.start();
        d->nextBackoffMs = std::min(d->nextBackoffMs * 2, d->backoffMaxMs);
    }
    return connected;
}

Result<RedisReply> RedisConnection::roundTrip(const QByteArrayList &args)
{
    ArgvBuffer buffer(args);
    const SigPipeBlocker noSigPipe;
    auto *raw = static_cast<redisReply *>(
        redisCommandArgv(d->context, int(args.size()), buffer.argv.data(), buffer.lengths.data()));
    if (!raw) {
        const QString reason = QString::fromUtf8(d->context->errstr);
        dropConnection(reason);
        return fail(ErrorCode::Unavailable, u"Redis connection lost: "_s + reason, true);
    }
    RedisReply reply = convert(raw);
    freeReplyObject(raw);
    return reply;
}

bool RedisConnection::closedByServer() const
{
    if (!isConnected() || d->context->reader->pos < d->context->reader->len)
        return false; // a reply is buffered: the caller reads it first
    pollfd pfd { d->context->fd, POLLIN | POLLRDHUP, 0 };
    if (::poll(&pfd, 1, 0) <= 0)
        return false;
    if (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR))
        return true;
    // Readable on a connection that expects no reply: only an end of stream closes it.
    char byte = 0;
    return ::recv(d->context->fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

Result<void> RedisConnection::ensureOpen()
{
    // A server that closed an idle connection (a restart, CLIENT KILL, its `timeout` setting, a
    // proxy's idle cut) never sees a command written to it, so opening a new one first is safe;
    // sending anyway would turn a command Redis could have run into a "may have run" error.
    if (closedByServer()) {
        qCInfo(lcRedis) << "Redis at" << m_config.redacted()
                        << "closed an idle connection; reconnecting";
        disconnect();
        d->failing = false; // not a failure: no backoff before the new connection
    }
    return ensureConnected();
}

Result<RedisReply> RedisConnection::command(const QByteArrayList &args)
{
    if (auto connected = ensureOpen(); !connected)
        return std::unexpected(connected.error());
    return roundTrip(args);
}

Result<QList<RedisReply>> RedisConnection::pipeline(const QList<QByteArrayList> &commands)
{
    if (auto connected = ensureOpen(); !connected)
        return std::unexpected(connected.error());
    for (const QByteArrayList &args : commands) {
        ArgvBuffer buffer(args);
        if (redisAppendCommandArgv(
                d->context, int(args.size()), buffer.argv.data(), buffer.lengths.data())
            != REDIS_OK) {
            dropConnection(QString::fromUtf8(d->context->errstr));
            return fail(ErrorCode::Unavailable, u"Redis connection lost while pipelining"_s, true);
        }
    }
    const SigPipeBlocker noSigPipe;
    QList<RedisReply> replies;
    replies.reserve(commands.size());
    for (qsizetype i = 0; i < commands.size(); ++i) {
        void *raw = nullptr;
        if (redisGetReply(d->context, &raw) != REDIS_OK) {
            const QString reason = QString::fromUtf8(d->context->errstr);
            dropConnection(reason);
            return fail(ErrorCode::Unavailable, u"Redis connection lost: "_s + reason, true);
        }
        replies.append(convert(static_cast<redisReply *>(raw)));
        freeReplyObject(raw);
    }
    return replies;
}

Result<void> RedisConnection::send(const QByteArrayList &args)
{
    return send(QList<QByteArrayList> { args });
}

Result<void> RedisConnection::send(const QList<QByteArrayList> &commands)
{
    if (auto connected = ensureConnected(); !connected)
        return std::unexpected(connected.error());
    int done = 0;
    const SigPipeBlocker noSigPipe;
    for (const QByteArrayList &args : commands) {
        ArgvBuffer buffer(args);
        if (redisAppendCommandArgv(
                d->context, int(args.size()), buffer.argv.data(), buffer.lengths.data())
            != REDIS_OK) {
            done = -1;
            break;
        }
    }
    while (done == 0) {
        if (redisBufferWrite(d->context, &done) != REDIS_OK)
            done = -1;
    }
    if (done < 0) {
        const QString reason = QString::fromUtf8(d->context->errstr);
        dropConnection(reason);
        return fail(ErrorCode::Unavailable, u"Redis connection lost: "_s + reason, true);
    }
    return {};
}

Result<std::optional<RedisReply>> RedisConnection::poll(int timeoutMs)
{
    if (auto connected = ensureConnected(); !connected)
        return std::unexpected(connected.error());
    auto take = [this]() -> Result<std::optional<RedisReply>> {
        void *raw = nullptr;
        if (redisGetReplyFromReader(d->context, &raw) != REDIS_OK) {
            const QString reason = QString::fromUtf8(d->context->errstr);
            dropConnection(reason);
            return fail(ErrorCode::Unavailable, u"Redis protocol error: "_s + reason, true);
        }
        if (!raw)
            return std::optional<RedisReply> {};
        RedisReply reply = convert(static_cast<redisReply *>(raw));
        freeReplyObject(raw);
        return std::optional<RedisReply>(reply);
    };
    auto buffered = take();
    if (!buffered || *buffered)
        return buffered;
    pollfd pfd { d->context->fd, POLLIN, 0 };
    const int ready = ::poll(&pfd, 1, timeoutMs);
    if (ready == 0)
        return std::optional<RedisReply> {};
    if (ready < 0 || redisBufferRead(d->context) != REDIS_OK) {
        const QString reason = ready < 0 ? u"poll failed"_s : QString::fromUtf8(d->context->errstr);
        dropConnection(reason);
        return fail(ErrorCode::Unavailable, u"Redis connection lost: "_s + reason, true);
    }
    return take();
}

int RedisConnection::socketDescriptor() const
{
    return isConnected() ? d->context->fd : -1;
}

void RedisConnection::setRecordsClientId(bool on)
{
    d->recordsClientId = on;
}

qint64 RedisConnection::clientId() const
{
    return isConnected() ? d->clientId : -1;
}

QByteArrayList RedisConnection::evalCommand(const LuaScript &script, const QByteArrayList &keys,
    const QByteArrayList &args, bool withSource)
{
    QByteArrayList cmd { withSource ? "EVAL" : "EVALSHA",
        withSource ? script.source() : script.sha1(), QByteArray::number(keys.size()) };
    cmd.reserve(cmd.size() + keys.size() + args.size());
    cmd << keys << args;
    return cmd;
}

Result<RedisReply> RedisConnection::eval(
    const LuaScript &script, const QByteArrayList &keys, const QByteArrayList &args)
{
    auto reply = command(evalCommand(script, keys, args));
    if (reply && reply->isError() && reply->string.startsWith("NOSCRIPT"))
        reply = command(evalCommand(script, keys, args, true));
    if (reply && reply->isError())
        return fail(ErrorCode::Internal,
            u"Redis script %1 failed: %2"_s.arg(
                QString::fromLatin1(script.name()), reply->toString()));
    return reply;
}

} // namespace XeroSync
