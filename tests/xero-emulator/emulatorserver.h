#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <QAbstractHttpServer>
#include <QPointer>

#include "apirequest.h"
#include "apiresponse.h"
#include "controlapi.h"
#include "emulatorclock.h"
#include "emulatorconfig.h"
#include "emulatorstate.h"
#include "faultinjector.h"
#include "idempotencystore.h"
#include "idgenerator.h"
#include "oauthserver.h"
#include "payroll2api.h"
#include "payrollau1api.h"
#include "projectsapi.h"
#include "ratelimiter.h"

class QTcpSocket;

namespace XeroEmulator {

//! The emulator's HTTP front door. It dispatches itself on QAbstractHttpServer rather than using
//! QHttpServer's router: every Xero call shares authentication, rate limits, idempotency and
//! fault injection, and faults need the socket itself (answer late, or close without answering),
//! which QHttpServer 6.4's route handlers do not give.
class EmulatorServer : public QAbstractHttpServer
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

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    enum class Family
    {
        None,
        PayrollAu1,
        Payroll2,
        Projects,
    };

    ApiRequest parse(const QHttpServerRequest &request) const;
    void route(ApiRequest &request, QTcpSocket *socket, qint64 startedMs);
    //! Runs an API call through faults, auth, limits and idempotency; writes or schedules the
    //! answer.
    void serveApi(ApiRequest &request, Family family, QTcpSocket *socket, qint64 startedMs);
    ApiResponse dispatchApi(ApiRequest &request, Family family);
    ApiResponse familyError(Family family, int status, const std::string &message) const;
    ApiResponse faultResponse(const FaultInjector::Rule &rule) const;
    void send(
        QTcpSocket *socket, ApiResponse response, const ApiRequest &request, qint64 startedMs);
    void sendLater(QTcpSocket *socket, ApiResponse response, const ApiRequest &request,
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
    ControlApi m_control;
    std::string m_baseUrl;
    std::map<int, int> m_statusCounts;
    std::map<std::string, int> m_callsPerTenant;
    int m_requests = 0;
};

} // namespace XeroEmulator
