#pragma once

#include <memory>
#include <optional>

#include <QByteArrayList>

#include "core/common/error.h"
#include "core/queue/redisconfig.h"
#include "core/queue/redisreply.h"

namespace XeroSync {

class LuaScript;

//! One synchronous hiredis connection, used by one thread at a time (the queue's worker threads
//! each own one; STYLE.md §7). Reconnects by itself on the next call after a failure, with a
//! capped backoff, and re-runs AUTH, SELECT and CLIENT SETNAME. A connection the server closed
//! while it was idle is replaced before command() or pipeline() writes to it. Commands are not
//! retried: after a connection is lost with a command on it, a write may or may not have happened,
//! so the caller decides.
class RedisConnection final
{
public:
    explicit RedisConnection(RedisConfig config, QByteArray clientName = {});
    ~RedisConnection();
    Q_DISABLE_COPY_MOVE(RedisConnection)

    const RedisConfig &config() const { return m_config; }

    //! Connects now (otherwise the first command does); an Unavailable error when Redis is down.
    Result<void> connect();
    bool isConnected() const;
    void disconnect();

    //! Socket timeout for ordinary commands (default 5 s): a silent server becomes an error.
    void setCommandTimeout(int ms);
    //! Backoff between reconnect attempts: doubles from `initialMs` up to `maxMs`.
    void setReconnectBackoff(int initialMs, int maxMs);

    Result<RedisReply> command(const QByteArrayList &args);
    //! Sends all commands, then reads all replies: one round trip. Error replies stay in the list.
    Result<QList<RedisReply>> pipeline(const QList<QByteArrayList> &commands);
    //! EVALSHA, falling back to EVAL once when the server does not know the script (after a
    //! restart or SCRIPT FLUSH). A Lua error comes back as an Internal error.
    Result<RedisReply> eval(
        const LuaScript &script, const QByteArrayList &keys, const QByteArrayList &args);
    //! The EVALSHA command eval() sends (EVAL with the source when `withSource`), for callers
    //! that send() it and read the reply later; they handle a NOSCRIPT reply themselves.
    static QByteArrayList evalCommand(const LuaScript &script, const QByteArrayList &keys,
        const QByteArrayList &args, bool withSource = false);

    //! Sends a command without waiting for its reply (pub/sub: SUBSCRIBE, PING).
    Result<void> send(const QByteArrayList &args);
    //! Sends several commands in one write; their replies come back in order through poll().
    Result<void> send(const QList<QByteArrayList> &commands);
    //! The next reply or message within `timeoutMs`; nullopt on timeout (the connection stays
    //! usable, unlike a socket timeout in hiredis 0.14). For pub/sub readers.
    Result<std::optional<RedisReply>> poll(int timeoutMs);

    //! The socket while connected (for a QSocketNotifier), otherwise -1.
    int socketDescriptor() const;
    //! Asks the server for the connection's CLIENT ID on every connect (one more round trip).
    void setRecordsClientId(bool on);
    //! The server's CLIENT ID for this connection (for CLIENT UNBLOCK from another one), -1 while
    //! disconnected, when not recorded or when the server would not tell.
    qint64 clientId() const;

private:
    struct Private;
    Result<void> ensureConnected();
    //! ensureConnected(), and first a new connection when the server closed this one while it
    //! was idle (command() and pipeline(): nothing of theirs can be in flight then).
    Result<void> ensureOpen();
    bool closedByServer() const;
    Result<RedisReply> roundTrip(const QByteArrayList &args);
    void dropConnection(const QString &reason);

    const RedisConfig m_config;
    const QByteArray m_clientName;
    std::unique_ptr<Private> d;
};

} // namespace XeroSync
