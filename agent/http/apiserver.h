#pragma once

#include <functional>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QFuture>
#include <QObject>

#include "core/common/error.h"
#include "core/store/apitoken.h"

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;
class QSslServer;

namespace XeroSync {

class AgentMetrics;
class ApiTokenStore;
class ApprovalIntake;
class AuditStore;
class Database;
class EventHub;
class Queue;
class SyncLogStore;
class SyncStateStore;
class TimesheetStore;
class XeroConnector;
struct AgentConfig;

//! The agent's HTTP API and push channel (DESIGN.md §7). Every QHttpServer call of the project is
//! in agent/http/ (STYLE.md §9: the module is a technical preview in Qt 6.4 and changed in 6.8).
//! Handlers answer synchronously (Redis and PostgreSQL are a round trip away), except the Xero
//! callback, which waits for Xero through a QFuture.
class ApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    struct Services
    {
        const AgentConfig *config = nullptr;
        Queue *queue = nullptr;
        Database *database = nullptr;
        SyncLogStore *log = nullptr;
        SyncStateStore *state = nullptr;
        TimesheetStore *timesheets = nullptr;
        AuditStore *audit = nullptr;
        ApiTokenStore *tokens = nullptr;
        XeroConnector *xero = nullptr;
        ApprovalIntake *intake = nullptr;
        AgentMetrics *metrics = nullptr;
        std::function<nlohmann::json()> workerInfo;
        //! Xero rate-limit headroom of one organisation (in flight, this minute, today).
        std::function<nlohmann::json(const QString &tenantId)> headroom;
        //! What a sync of the submission would send now (SyncJobs::preview); answers later.
        std::function<void(
            const QString &submissionId, std::function<void(Result<nlohmann::json>)> done)>
            preview;
    };

    explicit ApiServer(Services services, QObject *parent = nullptr);
    ~ApiServer() override;

    //! Listens on the configured address (TLS when configured); returns the port.
    Result<quint16> listen();

    EventHub &events() { return *m_events; }

    //! Stops accepting requests (shutdown).
    void close();

    struct Caller
    {
        QString name;
        ApiToken::Role role = ApiToken::Role::Viewer;
    };

private:
    enum class Access
    {
        Public,
        Viewer,
        Admin
    };
    using Handler = std::function<QHttpServerResponse(
        const QHttpServerRequest &, const Caller &, const QString &arg)>;

    struct Method
    {
        QByteArray verb;
        Access access;
        Handler handler;
    };

    void addRoute(const char *path, QList<Method> methods);
    QHttpServerResponse dispatch(
        const QList<Method> &methods, const QHttpServerRequest &request, const QString &arg);
    Result<Caller> authenticate(const QHttpServerRequest &request, Access access);
    void noteRejectedToken();
    Result<nlohmann::json> body(const QHttpServerRequest &request);
    void audit(const Caller &caller, const QString &action, const QString &target,
        const nlohmann::json &details);

    QHttpServerResponse health();
    QHttpServerResponse metrics();
    QHttpServerResponse webhook(const QHttpServerRequest &request);
    QHttpServerResponse manualSync(const QHttpServerRequest &request, const Caller &caller);
    QHttpServerResponse batchSync(const QHttpServerRequest &request, const Caller &caller);
    //! Whether a batch of `submissions` fits in what is left of the organisation's daily Xero
    //! calls, said before it starts; null when the agent is not connected.
    nlohmann::json batchQuota(const QString &organisation, int submissions, qint64 rangeDays);
    QHttpServerResponse queueStatus();
    QHttpServerResponse queueAction(const QHttpServerRequest &request, const Caller &caller);
    QHttpServerResponse logs(const QHttpServerRequest &request);
    QHttpServerResponse stats(const QHttpServerRequest &request);
    QHttpServerResponse jobs(const QHttpServerRequest &request);
    QHttpServerResponse retryJob(const QString &id, const Caller &caller);
    QHttpServerResponse removeJob(const QString &id, const Caller &caller);
    QHttpServerResponse submission(const QString &id);
    //! Asynchronous: Xero is read for the employee's setup first.
    QFuture<QHttpServerResponse> submissionPreview(
        const QString &arg, const QHttpServerRequest &request);
    QHttpServerResponse employees();
    QHttpServerResponse connect(const QHttpServerRequest &request, const Caller &caller);
    QHttpServerResponse connection();
    QHttpServerResponse disconnect(const Caller &caller);
    void acceptWebSockets();
    //! Aggregates over a day or more of log rows: every dashboard polls them, and an answer a
    //! moment old is as good to a person, so one computation serves all polls for a while.
    Result<nlohmann::json> cachedStats(
        int key, const std::function<Result<nlohmann::json>()> &compute);

    Services m_services;
    std::unique_ptr<QHttpServer> m_server;
    std::unique_ptr<EventHub> m_events;
    QSslServer *m_sslServer = nullptr;
    //! Rejected bearer tokens: the first of a minute is logged, the rest counted, so a flood
    //! of guesses does not flood the log.
    int m_rejectedTokens = 0;
    QElapsedTimer m_rejectedWindow;

    struct CachedStats
    {
        QElapsedTimer age;
        nlohmann::json value;
    };

    static constexpr qint64 StatsCacheMs = 2000;
    std::map<int, CachedStats> m_statsCache; //!< by hours; 0: the status route's summary
};

} // namespace XeroSync
