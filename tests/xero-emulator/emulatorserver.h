#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>

#include "accountingapi.h"
#include "apirequest.h"
#include "apiresponse.h"
#include "controlapi.h"
#include "emulatorclock.h"
#include "emulatorconfig.h"
#include "emulatorstate.h"
#include "faultinjector.h"
#include "httpconnection.h"
#include "idempotencystore.h"
#include "idgenerator.h"
#include "oauthserver.h"
#include "payroll2api.h"
#include "payrollau1api.h"
#include "projectsapi.h"
#include "ratelimiter.h"

class QTcpServer;

namespace XeroEmulator {

//! The emulator's HTTP front door: routes each request, and runs every Xero call through
//! faults, authentication, rate limits and idempotency. HTTP framing is HttpConnection's.
class EmulatorServer : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        std::optional<quint32> idSeed;
        std::string defaultSeedPath;
    };

    explicit EmulatorServer(Options options, QObject *parent = nullptr);

    EmulatorState &state() { return m_state; }

    EmulatorConfig &config() { return m_config; }

    ControlApi &control() { return m_control; }

    void setBaseUrl(const std::string &url) { m_baseUrl = url; }

    //! Serves HTTPS with this configuration (certificate and key) instead of HTTP.
    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }

    //! Starts listening; returns the port, or 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);

private:
    void onNewConnection();
    void handle(HttpConnection *connection, ApiRequest &request);
    enum class Family
    {
        None,
        PayrollAu1,
        Payroll2,
        Projects,
        Accounting,
    };

    void route(ApiRequest &request, HttpConnection *connection, qint64 startedMs);
    //! Runs an API call through faults, auth, limits and idempotency; writes or schedules the
    //! answer.
    void serveApi(ApiRequest &request, Family family, HttpConnection *connection, qint64 startedMs);
    ApiResponse dispatchApi(ApiRequest &request, Family family);
    ApiResponse familyError(Family family, int status, const std::string &message) const;
    ApiResponse faultResponse(const FaultInjector::Rule &rule) const;
    void send(HttpConnection *connection, ApiResponse response, const ApiRequest &request,
        qint64 startedMs);
    void sendLater(HttpConnection *connection, ApiResponse response, const ApiRequest &request,
        qint64 startedMs, int delayMs, std::function<void()> afterWrite);
    void logLine(
        const ApiRequest &request, int status, qint64 startedMs, const char *note = "") const;
    Json requestStats() const;

    EmulatorClock m_clock;
    IdGenerator m_ids;
    EmulatorConfig m_config;
    EmulatorState m_state;
    OAuthServer m_oauth;
    RateLimiter m_rateLimiter;
    IdempotencyStore m_idempotency;
    FaultInjector m_faults;
    PayrollAu1Api m_au1;
    Payroll2Api m_payroll2;
    ProjectsApi m_projects;
    AccountingApi m_accounting;
    ControlApi m_control;
    std::string m_baseUrl;
    std::optional<QSslConfiguration> m_tls;
    QTcpServer *m_server = nullptr;
    std::map<int, int> m_statusCounts;
    std::map<std::string, int> m_callsPerTenant;
    int m_requests = 0;
};

} // namespace XeroEmulator
