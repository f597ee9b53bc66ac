#pragma once

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QString>

#include "core/common/error.h"

namespace XeroSync {

//! Everything the agent reads at start: a config file (INI, DESIGN.md §8) with the seed's
//! environment variables on top (environment wins). load() checks every value and reports all
//! problems at once, one per line, so an engineer fixes the file in one go.
struct AgentConfig
{
    // [redis] url — REDIS_URL
    QString redisUrl = QStringLiteral("redis://127.0.0.1:6379/0");
    // [database] url — DATABASE_URL
    QString databaseUrl;
    // [xero]
    QString xeroClientId; //!< XERO_CLIENT_ID
    QString xeroClientSecret; //!< XERO_CLIENT_SECRET; empty for a PKCE app
    QString xeroRedirectUri; //!< XERO_REDIRECT_URI; defaults to this agent's /api/xero/callback
    QString xeroEnvironment =
        QStringLiteral("production"); //!< XERO_ENVIRONMENT: production | sandbox
    QString xeroBaseUrl; //!< XERO_BASE_URL: where sandbox points (the emulator)
    QString xeroPayroll = QStringLiteral("au1"); //!< au1 | uk | nz | au2
    //! XERO_TARGET: payroll (timesheets) or projects (Xero Projects time entries)
    QString xeroTarget = QStringLiteral("payroll");
    QString xeroTenantId; //!< which connected organisation to sync to; empty: the first
    //! XERO_CONNECTION: oauth (an admin connects through Xero's consent page) or custom (a
    //! custom connection: client credentials, one organisation, connected at start).
    QString xeroConnection = QStringLiteral("oauth");
    QString tokenKeyFile; //!< XEROSYNC_TOKEN_KEY_FILE: AES key for tokens at rest
    //! XEROSYNC_TOKEN_KEY_SOURCE: file (tokenKeyFile) or keychain (the system keychain through
    //! QtKeychain: Windows Credential Manager, macOS Keychain, a Secret Service on Linux).
    QString tokenKeySource = QStringLiteral("file");
    int xeroPerMinute = 60;
    int xeroPerDay = 5000;
    int xeroConcurrent = 5;
    // [http]
    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    int port = 8750; //!< 0 picks a free port (tests); the chosen one is logged and printed
    QString tlsCert;
    QString tlsKey;
    qint64 maxBodyBytes = 1024 * 1024;
    //! How long the agent keeps following the queue's events after the last push client left
    //! (the subscription makes Redis publish every job's events), so a reconnect is seamless.
    int pushLingerMs = 30'000;
    // [webhook]
    QString webhookToken; //!< XEROSYNC_WEBHOOK_TOKEN: bearer token of the approval webhook
    QString webhookSecret; //!< XEROSYNC_WEBHOOK_SECRET: HMAC-SHA256 key, X-Xerosync-Signature
    // [workers]
    int concurrency = 4;
    int shutdownTimeoutMs = 30'000;
    int catchUpIntervalMs = 60'000;
    int healthCheckIntervalMs = 60'000;
    //! How often idle Xero tokens are looked at; tokens stored more than a week ago are
    //! refreshed, so Xero's 60-day refresh-token expiry never strikes a quiet connection.
    int keepAliveCheckMs = 3'600'000;
    //! How long a job's lock lives without renewal, and how often stalled jobs are looked for:
    //! after a crash, its active jobs run again within about lock + interval.
    int lockDurationMs = 30'000;
    int stalledIntervalMs = 30'000;
    //! Bull's default is 1; a crash-looping agent must not fail a timesheet for good, and
    //! a sync is idempotent, so a stalled sync may run again a few times.
    int maxStalledCount = 5;
    // [queue]
    QString queuePrefix = QStringLiteral("bull");
    QString queueName = QStringLiteral("xero-sync");

    QString sourceFile; //!< where it came from, for messages

    bool sandbox() const { return xeroEnvironment == QStringLiteral("sandbox"); }

    bool tls() const { return !tlsCert.isEmpty(); }

    bool customConnection() const { return xeroConnection == QStringLiteral("custom"); }

    //! `file` may be empty (environment only). Error message: one problem per line.
    static Result<AgentConfig> load(const QString &file, const QProcessEnvironment &env);
    //! Default location: /etc/xerosync/agent.conf, %ProgramData%\\xerosync\\agent.conf.
    static QString defaultFile();
};

} // namespace XeroSync
