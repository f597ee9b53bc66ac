#include "tokenmanager.h"

#include <QTimer>

#include "core/xero/xerologging.h"

namespace XeroSync {

TokenManager::TokenManager(OAuthClient &oauth, TokenStore &store, RefreshLock &lock,
    const Clock &clock, QString tokenSetId, QObject *parent)
    : QObject(parent)
    , m_oauth(oauth)
    , m_store(store)
    , m_lock(lock)
    , m_clock(clock)
    , m_id(std::move(tokenSetId))
{ }

void TokenManager::accessToken(Callback done)
{
    obtain({}, 0, std::move(done));
}

void TokenManager::refreshAfterRejection(const QString &rejected, Callback done)
{
    obtain(rejected, 0, std::move(done));
}

void TokenManager::refreshIfOlderThan(qint64 maxAgeSeconds, std::function<void(Result<bool>)> done)
{
    const auto stored = m_store.load(m_id);
    if (!stored) {
        done(std::unexpected(stored.error()));
        return;
    }
    if (!*stored || (*stored)->reconnectNeeded || (*stored)->tokens.refreshToken.isEmpty()
        || ((*stored)->savedAt.isValid()
            && (*stored)->savedAt.secsTo(m_clock.now()) < maxAgeSeconds)) {
        done(false);
        return;
    }
    qCInfo(lcXero).noquote() << QStringLiteral("refreshing idle Xero tokens %1 (stored %2)")
                                    .arg(m_id, (*stored)->savedAt.toString(Qt::ISODate));
    // As after a rejection of the current token: under the lock, and a no-op when another agent
    // refreshed meanwhile.
    obtain((*stored)->tokens.accessToken, 0, [done = std::move(done)](Result<QString> token) {
        if (!token)
            done(std::unexpected(token.error()));
        else
            done(true);
    });
}

bool TokenManager::usable(const TokenStore::Stored &stored, const QString &rejected) const
{
    return !stored.tokens.accessToken.isEmpty() && stored.tokens.accessToken != rejected
        && !stored.tokens.expiresWithin(m_clock.now(), RefreshAheadSeconds);
}

void TokenManager::obtain(const QString &rejected, int attempt, Callback done)
{
    auto stored = m_store.load(m_id);
    if (!stored) {
        done(std::unexpected(stored.error()));
        return;
    }
    if (!*stored) {
        done(fail(ErrorCode::NotFound,
            QStringLiteral("Xero is not connected (no tokens for %1)").arg(m_id)));
        return;
    }
    if ((*stored)->reconnectNeeded) {
        // Do not call Xero again with a dead refresh token; a person must reconnect.
        done(fail(ErrorCode::Unauthorized,
            QStringLiteral("The Xero connection must be authorised again: %1")
                .arg((*stored)->reason)));
        return;
    }
    if (usable(**stored, rejected)) {
        done((*stored)->tokens.accessToken);
        return;
    }
    auto lease = m_lock.tryLock(m_id, LockTtlMs);
    if (!lease) {
        done(std::unexpected(lease.error()));
        return;
    }
    if (!*lease) {
        // Another agent is refreshing: wait for its result instead of racing it.
        if (attempt >= 120) {
            done(fail(ErrorCode::Timeout,
                QStringLiteral("Another agent has held the Xero refresh lock for too long"), true));
            return;
        }
        QTimer::singleShot(250, this, [this, rejected, attempt, done = std::move(done)]() mutable {
            obtain(rejected, attempt + 1, std::move(done));
        });
        return;
    }
    // Holding the lock, read again: the previous holder may have refreshed a moment ago.
    stored = m_store.load(m_id);
    if (!stored || !*stored || (*stored)->reconnectNeeded || usable(**stored, rejected)) {
        m_lock.unlock(m_id, **lease);
        obtain(rejected, attempt + 1, std::move(done));
        return;
    }
    refreshWithLease(**lease, **stored, std::move(done));
}

void TokenManager::refreshWithLease(
    const RefreshLock::Lease &lease, const TokenStore::Stored &stored, Callback done)
{
    auto renewed = [this, lease, done = std::move(done)](Result<TokenSet> tokens) {
        if (!tokens) {
            if (tokens.error().code == ErrorCode::Unauthorized && !tokens.error().retryable) {
                qCWarning(lcXero).noquote()
                    << "refresh refused; the connection needs to be authorised again:"
                    << tokens.error().message;
                (void)m_store.markReconnectNeeded(m_id, tokens.error().message);
            }
            m_lock.unlock(m_id, lease);
            done(std::unexpected(tokens.error()));
            return;
        }
        ++m_refreshes;
        // Store the rotated refresh token before anyone uses the new access token.
        const auto saved = m_store.save(m_id, *tokens, lease.fence);
        m_lock.unlock(m_id, lease);
        if (!saved) {
            done(std::unexpected(saved.error()));
            return;
        }
        if (!*saved) {
            done(fail(ErrorCode::Conflict,
                QStringLiteral("A newer Xero token was stored meanwhile"), true));
            return;
        }
        done(tokens->accessToken);
    };
    // A custom connection has no refresh token: its next token is another client_credentials
    // grant (research §8: 30-minute tokens, nothing to expire after 60 days).
    if (stored.tokens.refreshToken.isEmpty())
        m_oauth.clientCredentials(std::move(renewed));
    else
        m_oauth.refresh(stored.tokens.refreshToken, std::move(renewed));
}

} // namespace XeroSync
