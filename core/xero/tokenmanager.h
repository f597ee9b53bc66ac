#pragma once

#include <functional>

#include <QObject>

#include "core/common/clock.h"
#include "core/xero/oauthclient.h"
#include "core/xero/tokenstore.h"

namespace XeroSync {

//! Hands out a valid access token for one authorisation. Refreshes shortly before expiry or
//! after a 401, with exactly one refresher across all agents (RefreshLock), and stores the
//! rotated refresh token before the new access token is used. An `invalid_grant` marks the
//! authorisation "reconnect needed" and stops calling Xero for it (research §8.3, §13 #1–3).
//! A custom connection (stored without a refresh token) renews with a client_credentials grant.
class TokenManager : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<QString>)>;

    TokenManager(OAuthClient &oauth, TokenStore &store, RefreshLock &lock, const Clock &clock,
        QString tokenSetId, QObject *parent = nullptr);

    //! A token valid for at least the next minute.
    void accessToken(Callback done);
    //! After a 401: a new token, unless another agent has already replaced `rejected`.
    void refreshAfterRejection(const QString &rejected, Callback done);

    //! Refreshes when the stored tokens are older than `maxAgeSeconds`, so an idle connection
    //! never reaches Xero's 60-day refresh-token expiry; otherwise (and for a connection that
    //! needs a person) does nothing. `done` gets whether it refreshed.
    void refreshIfOlderThan(qint64 maxAgeSeconds, std::function<void(Result<bool>)> done);

    int refreshes() const { return m_refreshes; }

    static constexpr int RefreshAheadSeconds = 60;
    static constexpr int LockTtlMs = 30'000;

private:
    void obtain(const QString &rejected, int attempt, Callback done);
    void refreshWithLease(
        const RefreshLock::Lease &lease, const TokenStore::Stored &stored, Callback done);
    bool usable(const TokenStore::Stored &stored, const QString &rejected) const;

    OAuthClient &m_oauth;
    TokenStore &m_store;
    RefreshLock &m_lock;
    const Clock &m_clock;
    QString m_id;
    int m_refreshes = 0;
};

} // namespace XeroSync
