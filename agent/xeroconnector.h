#pragma once

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QUrl>

#include "core/store/xeroconnectionrecord.h"
#include "core/sync/syncjobs.h"

namespace XeroSync {

class Clock;
class OAuthClient;
class RefreshLock;
class TokenManager;
class TokenStore;
class XeroClient;
class XeroConnectionStore;

//! The agent's side of "connect to Xero": the authorize redirect with PKCE, the callback that
//! exchanges the code and records the organisations, the token for the organisation jobs sync
//! to, and disconnecting. Tokens go through TokenManager, so refreshes are shared across agents.
class XeroConnector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(XeroConnector)

public:
    XeroConnector(OAuthClient &oauth, XeroClient &xero, TokenStore &tokens, RefreshLock &lock,
        XeroConnectionStore &connections, const Clock &clock, QString preferredTenant,
        QString payroll, QObject *parent = nullptr);
    ~XeroConnector() override;

    //! Time goes to Xero Projects as time entries instead of payroll timesheets (xero/target).
    void setProjectsTarget(bool projects) { m_projects = projects; }

    //! Xero's authorize URL for a new consent (state and PKCE verifier kept for 10 minutes).
    QUrl beginAuthorization();
    //! The callback: checks the state, exchanges the code, lists the organisations, reads each
    //! one's region (Accounting's Organisation: it picks the payroll API), stores all.
    void completeAuthorization(const QString &code, const QString &state,
        std::function<void(Result<QList<XeroConnectionRecord>>)> done);
    //! A custom connection (client credentials, one organisation, no consent page): a token by
    //! client_credentials, the organisation and its region from Accounting's Organisation (no
    //! tenant header needed), stored like a consent's. Renewed later by TokenManager with
    //! another client_credentials grant. Several agents share one token set.
    void connectCustom(std::function<void(Result<XeroConnectionRecord>)> done);
    static constexpr auto CustomTokenSetId = "custom-connection";
    //! Where a job syncs to: `organisation` (an employee's xero_tenant_id) or, when empty, the
    //! default organisation (config's xero/tenant_id, else the first connected). Unavailable
    //! (retryable) while it is not connected.
    Result<SyncJobs::Tenant> tenant(const QString &organisation = QString());
    //! A valid access token for the default organisation.
    void accessToken(std::function<void(Result<QString>)> done);
    //! Refreshes every connected authorisation whose tokens were stored more than `maxAgeSeconds`
    //! ago (one refresher across agents, as always).
    void keepAlive(qint64 maxAgeSeconds);
    static constexpr qint64 KeepAliveAgeSeconds = 7 * 86'400;
    //! Revokes the consent at Xero (best effort) and marks every organisation disconnected.
    void disconnect(std::function<void(Result<void>)> done);
    //! For GET /api/xero/connection and the status route.
    Result<nlohmann::json> status();

signals:
    void connectionChanged();

private:
    //! The connection `organisation` names (empty: the default one); `isDefault`, when given,
    //! says whether it is also the default one.
    Result<XeroConnectionRecord> active(
        const QString &organisation = QString(), bool *isDefault = nullptr);
    //! The payroll API of an organisation: its region decides; config picks AU 1.0 or 2.0 for
    //! AU and covers organisations whose region is unknown.
    QString payrollFor(const XeroConnectionRecord &record) const;
    //! Reads the region of records[index..] one after the other, then calls `done`.
    void readRegions(std::shared_ptr<QList<XeroConnectionRecord>> records, qsizetype index,
        const QString &accessToken, std::function<void()> done);
    TokenManager *managerFor(const QString &tokenSetId);

    struct Pending
    {
        QByteArray verifier;
        QElapsedTimer age;
    };

    OAuthClient &m_oauth;
    XeroClient &m_xero;
    TokenStore &m_tokens;
    RefreshLock &m_lock;
    XeroConnectionStore &m_connections;
    const Clock &m_clock;
    const QString m_preferredTenant;
    const QString m_payroll;
    bool m_projects = false;
    QHash<QString, Pending> m_pending;
    QHash<QString, TokenManager *> m_managers;
};

} // namespace XeroSync
