#include "agentapplication.h"

#include <cstdlib>

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include "agent/agentlogging.h"
#include "agent/agentmetrics.h"
#include "agent/approvalintake.h"
#include "agent/http/apijson.h"
#include "agent/http/apiserver.h"
#include "agent/http/eventhub.h"
#include "agent/keychainkeysource.h"
#include "agent/service/servicehost.h"
#include "agent/timesheetevents.h"
#include "agent/xeroconnector.h"
#include "core/api/routes.h"
#include "core/common/systemclock.h"
#include "core/queue/queue.h"
#include "core/queue/queueevents.h"
#include "core/queue/worker.h"
#include "core/store/apitokenstore.h"
#include "core/store/approvallistener.h"
#include "core/store/auditstore.h"
#include "core/store/database.h"
#include "core/store/migrator.h"
#include "core/store/synclogstore.h"
#include "core/store/syncstatestore.h"
#include "core/store/timesheetstore.h"
#include "core/store/xeroconnectionstore.h"
#include "core/sync/batchsync.h"
#include "core/sync/batchwriter.h"
#include "core/sync/databasetokenstore.h"
#include "core/sync/employeedirectory.h"
#include "core/sync/healthcheck.h"
#include "core/sync/redisratelimitgate.h"
#include "core/sync/redisrefreshlock.h"
#include "core/sync/submissionsync.h"
#include "core/sync/syncjobs.h"
#include "core/sync/timeentrywriter.h"
#include "core/sync/timesheetwriter.h"
#include "core/sync/tokencipher.h"
#include "core/xero/oauthclient.h"
#include "core/xero/xeroclient.h"
#include "core/xero/xeroendpoints.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

struct AgentApplication::Private
{
    const Clock &clock = SystemClock::shared();
    RedisConfig redis;
    QueueSettings queueSettings;
    std::unique_ptr<Database> database;
    std::unique_ptr<TimesheetStore> timesheets;
    std::unique_ptr<SyncLogStore> log;
    std::unique_ptr<SyncStateStore> state;
    std::unique_ptr<AuditStore> audit;
    std::unique_ptr<ApiTokenStore> tokens;
    std::unique_ptr<XeroConnectionStore> connections;
    std::unique_ptr<Queue> queue;
    std::unique_ptr<XeroClient> xero;
    std::unique_ptr<RedisRateLimitGate> gate;
    std::unique_ptr<OAuthClient> oauth;
    std::unique_ptr<DatabaseTokenStore> tokenStore;
    std::unique_ptr<RedisRefreshLock> refreshLock;
    std::unique_ptr<XeroConnector> connector;
    std::unique_ptr<EmployeeDirectory> directory;
    std::unique_ptr<TimesheetWriter> writer;
    std::unique_ptr<TimeEntryWriter> entryWriter;
    std::unique_ptr<BatchWriter> batchWriter;
    std::unique_ptr<SubmissionSync> submissionSync;
    std::unique_ptr<BatchSync> batchSync;
    std::unique_ptr<HealthCheck> health;
    std::unique_ptr<SyncJobs> jobs;
    std::unique_ptr<Worker> worker;
    std::unique_ptr<TimesheetEvents> events;
    std::unique_ptr<ApprovalListener> listener;
    std::unique_ptr<ApprovalIntake> intake;
    std::unique_ptr<QueueEvents> queueEvents;
    std::unique_ptr<AgentMetrics> metrics;
    std::unique_ptr<ApiServer> api;
    QTimer healthTimer;
    QTimer keepAliveTimer;
    QTimer leaseTimer; //!< renews this agent's Xero in-flight slots (a dead agent's expire)
    QTimer shutdownTimer;
    QTimer feedLinger; //!< stops the queue's event feed a while after the last dashboard left
};

AgentApplication::AgentApplication(AgentConfig config, bool migrate, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_migrate(migrate)
    , d(std::make_unique<Private>())
{ }

AgentApplication::~AgentApplication()
{
    if (d->worker)
        d->worker->close(0);
    if (d->queueEvents)
        d->queueEvents->stop();
    if (d->listener)
        d->listener->stop();
}

namespace {
QString tokenKeyPath(const AgentConfig &config)
{
    if (!config.tokenKeyFile.isEmpty())
        return config.tokenKeyFile;
    // systemd's StateDirectory= sets STATE_DIRECTORY; elsewhere the user's data folder.
    QString dir = qEnvironmentVariable("STATE_DIRECTORY").section(u':', 0, 0);
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return dir + u"/token.key"_s;
}
} // namespace

Result<void> AgentApplication::start()
{
    const auto redis = RedisConfig::fromUrl(m_config.redisUrl);
    if (!redis)
        return std::unexpected(redis.error());
    d->redis = *redis;
    d->queueSettings.prefix = m_config.queuePrefix;
    d->queueSettings.name = m_config.queueName;

    auto database = Database::fromUrl(m_config.databaseUrl);
    if (!database)
        return std::unexpected(database.error());
    d->database = std::move(*database);
    if (auto alive = d->database->exec(u"SELECT 1"_s); !alive)
        return fail(ErrorCode::Unavailable,
            u"cannot reach PostgreSQL at %1: %2"_s.arg(
                d->database->config().redacted(), alive.error().message));
    if (m_migrate) {
        const auto applied = Migrator(*d->database).migrate();
        if (!applied)
            return fail(
                applied.error().code, u"database migration failed: "_s + applied.error().message);
        if (*applied > 0)
            qCInfo(lcAgent) << "applied" << *applied << "database migration(s)";
    }
    Database &db = *d->database;
    d->timesheets = std::make_unique<TimesheetStore>(db);
    d->log = std::make_unique<SyncLogStore>(db, d->clock);
    d->state = std::make_unique<SyncStateStore>(db, d->clock);
    d->audit = std::make_unique<AuditStore>(db, d->clock);
    d->tokens = std::make_unique<ApiTokenStore>(db, d->clock);
    d->connections = std::make_unique<XeroConnectionStore>(db, d->clock);
    d->queue = std::make_unique<Queue>(d->redis, d->queueSettings, &d->clock);

    const auto endpoints = m_config.sandbox() ? XeroEndpoints::fromBaseUrl(m_config.xeroBaseUrl)
                                              : Result<XeroEndpoints>(XeroEndpoints::production());
    if (!endpoints)
        return std::unexpected(endpoints.error());
    d->xero = std::make_unique<XeroClient>(*endpoints);
    RedisRateLimitGate::Limits limits;
    limits.perMinute = m_config.xeroPerMinute;
    limits.perDay = m_config.xeroPerDay;
    limits.concurrent = m_config.xeroConcurrent;
    d->gate = std::make_unique<RedisRateLimitGate>(d->redis, limits);
    d->xero->setRateLimitGate(d->gate.get());
    QString redirect = m_config.xeroRedirectUri;
    if (redirect.isEmpty()) {
        redirect = u"%1://localhost:%2%3"_s.arg(m_config.tls() ? u"https"_s : u"http"_s)
                       .arg(m_config.port)
                       .arg(QString::fromLatin1(Routes::XeroCallback));
    }
    // A custom connection asks for no scope: it gets all its organisation granted, and asking
    // for one not granted (projects, say) would be refused.
    const QStringList scopes = m_config.customConnection()
        ? QStringList()
        : QStringList { u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s,
              u"payroll.employees"_s, u"payroll.timesheets"_s, u"payroll.settings"_s, u"projects"_s,
              // Only to read each organisation's region (Organisation), which picks its payroll.
              u"accounting.settings.read"_s };
    d->oauth = std::make_unique<OAuthClient>(*endpoints,
        OAuthSettings { m_config.xeroClientId, m_config.xeroClientSecret, redirect, scopes },
        d->clock);
    Result<TokenCipher> cipher = fail(ErrorCode::Internal, u"no token key source"_s);
    if (m_config.tokenKeySource == u"keychain"_s) {
        const auto key = KeychainKeySource::loadOrCreate();
        cipher = key ? TokenCipher::fromKey(*key) : std::unexpected(key.error());
    } else {
        cipher = TokenCipher::fromKeyFile(tokenKeyPath(m_config), true);
    }
    if (!cipher)
        return fail(cipher.error().code, u"the token encryption key: "_s + cipher.error().message);
    d->tokenStore = std::make_unique<DatabaseTokenStore>(db, *cipher);
    d->refreshLock = std::make_unique<RedisRefreshLock>(d->redis);
    d->connector = std::make_unique<XeroConnector>(*d->oauth, *d->xero, *d->tokenStore,
        *d->refreshLock, *d->connections, d->clock, m_config.xeroTenantId, m_config.xeroPayroll);
    d->connector->setProjectsTarget(m_config.xeroTarget == u"projects"_s);

    d->directory = std::make_unique<EmployeeDirectory>(*d->xero);
    d->writer = std::make_unique<TimesheetWriter>(*d->xero);
    d->entryWriter = std::make_unique<TimeEntryWriter>(*d->xero);
    d->batchWriter = std::make_unique<BatchWriter>(*d->xero);
    d->submissionSync = std::make_unique<SubmissionSync>(
        *d->timesheets, *d->log, *d->state, *d->directory, *d->writer, *d->entryWriter, d->clock);
    d->batchSync = std::make_unique<BatchSync>(
        *d->timesheets, *d->log, *d->state, *d->xero, *d->batchWriter, d->clock);
    XeroConnector *connector = d->connector.get();
    d->health = std::make_unique<HealthCheck>(db, d->redis, *d->xero, *d->log, d->clock,
        [connector](std::function<void(Result<QString>)> done) {
            connector->accessToken(std::move(done));
        });
    d->jobs = std::make_unique<SyncJobs>(*d->submissionSync,
        [connector](const QString &organisation) { return connector->tenant(organisation); });
    d->jobs->setHealthCheck(d->health.get());
    d->jobs->setBatchSync(d->batchSync.get());

    WorkerSettings workerSettings;
    workerSettings.queue = d->queueSettings;
    workerSettings.concurrency = m_config.concurrency;
    workerSettings.lockDurationMs = m_config.lockDurationMs;
    workerSettings.stalledIntervalMs = m_config.stalledIntervalMs;
    workerSettings.maxStalledCount = m_config.maxStalledCount;
    workerSettings.metricsMaxDataPoints = 60 * 24;
    d->worker = std::make_unique<Worker>(d->redis, workerSettings, &d->clock);
    d->jobs->registerOn(*d->worker);

    d->events = std::make_unique<TimesheetEvents>();
    d->intake = std::make_unique<ApprovalIntake>(*d->queue, *d->timesheets, *d->audit, *d->events);
    d->metrics = std::make_unique<AgentMetrics>();

    ApiServer::Services services;
    services.config = &m_config;
    services.queue = d->queue.get();
    services.database = d->database.get();
    services.log = d->log.get();
    services.state = d->state.get();
    services.timesheets = d->timesheets.get();
    services.audit = d->audit.get();
    services.tokens = d->tokens.get();
    services.xero = d->connector.get();
    services.intake = d->intake.get();
    services.metrics = d->metrics.get();
    services.workerInfo = [this]() -> nlohmann::json {
        return { { "concurrency", m_config.concurrency },
            { "active", d->worker ? d->worker->activeCount() : 0 },
            { "running", d->worker && d->worker->isRunning() }, { "stopping", m_stopping } };
    };
    RedisRateLimitGate *gate = d->gate.get();
    services.headroom = [gate](const QString &tenant) -> nlohmann::json {
        const auto room = gate->headroom(tenant);
        if (!room)
            return { { "error", room.error().message.toStdString() } };
        return { { "inFlight", room->inFlight }, { "concurrent", room->limits.concurrent },
            { "usedThisMinute", room->usedThisMinute }, { "perMinute", room->limits.perMinute },
            { "usedToday", room->usedToday }, { "perDay", room->limits.perDay },
            { "blockedForMs", room->blockedForMs },
            { "xeroDayRemaining",
                room->xeroDayRemaining ? nlohmann::json(*room->xeroDayRemaining)
                                       : nlohmann::json() },
            { "dayQuotaLow", room->dayQuotaLow } };
    };
    SyncJobs *jobs = d->jobs.get();
    services.preview = [jobs](const QString &submissionId,
                           std::function<void(Result<nlohmann::json>)> done) {
        jobs->preview(submissionId, std::move(done));
    };
    d->api = std::make_unique<ApiServer>(services);
    const auto port = d->api->listen();
    if (!port)
        return std::unexpected(port.error());
    m_port = *port;

    wireEvents();
    d->listener = std::make_unique<ApprovalListener>(d->database->config());
    connect(d->listener.get(), &ApprovalListener::approvalReceived, d->events.get(),
        [this](const ApprovalEvent &event) { d->events->announce(event, u"listener"_s); });
    connect(d->listener.get(), &ApprovalListener::rejectionReceived, d->events.get(),
        [this](const ApprovalEvent &event) { d->events->announce(event, u"listener"_s); });
    connect(d->listener.get(), &ApprovalListener::malformedPayload, this,
        [](const QString &payload, const QString &reason) {
            qCWarning(lcAgent) << "ignored a malformed approval notification:" << reason
                               << payload.left(200);
        });
    // Notifications sent while the listener was away are gone: look for what they announced.
    connect(d->listener.get(), &ApprovalListener::reconnected, d->intake.get(),
        [this] { (void)d->intake->catchUp(); });
    if (auto listening = d->listener->start(); !listening)
        qCWarning(lcAgent) << "approval listener not up yet (it keeps trying):"
                           << listening.error().message;

    d->worker->start();
    if (auto caught = d->intake->catchUp(); !caught)
        qCWarning(lcAgent) << "first catch-up scan failed; it runs again every"
                           << m_config.catchUpIntervalMs << "ms:" << caught.error().message;
    d->intake->startCatchUp(m_config.catchUpIntervalMs);
    scheduleHealthCheck();
    connect(&d->healthTimer, &QTimer::timeout, this, &AgentApplication::scheduleHealthCheck);
    d->healthTimer.start(m_config.healthCheckIntervalMs);
    if (m_config.customConnection())
        connectCustom();
    connect(&d->keepAliveTimer, &QTimer::timeout, this,
        [this] { d->connector->keepAlive(XeroConnector::KeepAliveAgeSeconds); });
    d->keepAliveTimer.start(m_config.keepAliveCheckMs);
    connect(&d->leaseTimer, &QTimer::timeout, this, [this] { d->gate->renewLeases(); });
    d->leaseTimer.start(RedisRateLimitGate::Limits {}.leaseMs / 3);

    qCInfo(lcAgent).noquote()
        << u"xerosync-agent %1 listening on %2://%3:%4 (%5 workers, Xero %6)"_s
               .arg(QCoreApplication::applicationVersion(), m_config.tls() ? u"https"_s : u"http"_s,
                   m_config.bindAddress.toString())
               .arg(m_port)
               .arg(m_config.concurrency)
               .arg(m_config.sandbox() ? u"sandbox at "_s + m_config.xeroBaseUrl : u"production"_s);
    return {};
}

void AgentApplication::wireEvents()
{
    EventHub &hub = d->api->events();
    AgentMetrics *metrics = d->metrics.get();
    connect(d->worker.get(), &Worker::jobStarted, metrics, &AgentMetrics::jobStarted);
    connect(d->worker.get(), &Worker::jobCompleted, metrics,
        [metrics](const QString &id) { metrics->jobFinished(id, true); });
    connect(d->worker.get(), &Worker::jobFailed, metrics,
        [metrics](const QString &id, const QString &, bool) { metrics->jobFinished(id, false); });
    connect(d->intake.get(), &ApprovalIntake::queued, metrics,
        [metrics](const QString &, const QString &, const QString &source) {
            metrics->approvalQueued(source);
        });
    connect(d->jobs.get(), &SyncJobs::submissionSynced, &hub,
        [&hub](const QString &submissionId, qint64 logId, bool success, const QString &error) {
            hub.post("sync",
                { { "submissionId", submissionId.toStdString() }, { "logId", logId },
                    { "success", success }, { "error", error.toStdString() } });
        });

    // Bull's global events: jobs of every agent (and Node producers), not only ours.
    d->queueEvents = std::make_unique<QueueEvents>(d->redis, d->queueSettings);
    QueueEvents *events = d->queueEvents.get();
    auto post = [&hub](const char *type) {
        return [&hub, type](const QString &jobId) {
            hub.post(type, { { "jobId", jobId.toStdString() } });
        };
    };
    connect(events, &QueueEvents::jobWaiting, &hub, post("waiting"));
    connect(events, &QueueEvents::jobActive, &hub, post("active"));
    connect(events, &QueueEvents::jobStalled, &hub, post("stalled"));
    connect(events, &QueueEvents::jobCompleted, &hub,
        [&hub](const QString &jobId, const QByteArray &value) {
            hub.post("completed",
                { { "jobId", jobId.toStdString() },
                    { "returnValue",
                        nlohmann::json::parse(value.toStdString(), nullptr, false) } });
        });
    connect(
        events, &QueueEvents::jobFailed, &hub, [&hub](const QString &jobId, const QString &reason) {
            hub.post(
                "failed", { { "jobId", jobId.toStdString() }, { "reason", reason.toStdString() } });
        });
    connect(events, &QueueEvents::jobProgress, &hub,
        [&hub](const QString &jobId, const QByteArray &progress) {
            hub.post("progress",
                { { "jobId", jobId.toStdString() },
                    { "progress",
                        nlohmann::json::parse(progress.toStdString(), nullptr, false) } });
        });
    connect(events, &QueueEvents::paused, &hub,
        [&hub] { hub.post("paused", nlohmann::json::object()); });
    connect(events, &QueueEvents::resumed, &hub,
        [&hub] { hub.post("resumed", nlohmann::json::object()); });

    // The feed runs only while a dashboard listens: its pattern subscription makes every job
    // publish two events, which costs Redis about a fifth more per job (bench/queue's
    // `_listened` line) for nobody when no dashboard is open. It lingers after the last one
    // leaves, so a dashboard that reconnects does not restart it.
    connect(events, &QueueEvents::subscribed, &hub, [&hub] { hub.setFeedReady(true); });
    d->feedLinger.setSingleShot(true);
    d->feedLinger.setInterval(m_config.pushLingerMs);
    connect(&d->feedLinger, &QTimer::timeout, this, [this, &hub] {
        hub.setFeedReady(false);
        d->queueEvents->stop();
        qCDebug(lcAgent) << "no dashboard connected: stopped following the queue's events";
    });
    connect(&hub, &EventHub::clientCountChanged, this, [this](int count) {
        if (count == 0) {
            d->feedLinger.start();
            return;
        }
        d->feedLinger.stop();
        if (!m_stopping && !d->queueEvents->isStarted())
            d->queueEvents->start();
    });
}

void AgentApplication::connectCustom()
{
    d->connector->connectCustom([this](Result<XeroConnectionRecord> connected) {
        if (connected || m_stopping)
            return;
        qCWarning(lcAgent).noquote()
            << u"the custom connection to Xero failed; trying again in a minute: %1"_s.arg(
                   connected.error().message);
        QTimer::singleShot(60'000, this, &AgentApplication::connectCustom);
    });
}

void AgentApplication::scheduleHealthCheck()
{
    // One per interval across all agents: the id names the interval.
    const qint64 slot =
        QDateTime::currentMSecsSinceEpoch() / std::max(1, m_config.healthCheckIntervalMs);
    JobOptions options;
    options.jobId = u"health:%1"_s.arg(slot);
    options.priority = 2;
    options.removeOnComplete = KeepJobs { 60, 0 };
    options.removeOnFail = KeepJobs { 60, 0 };
    if (auto added = d->queue->add(u"health-check"_s, nlohmann::json::object(), options); !added)
        qCWarning(lcAgent) << "could not schedule the health check:" << added.error().message;
}

bool AgentApplication::beginStop()
{
    if (m_stopping)
        return false;
    m_stopping = true;
    ServiceHost::notifyStopping();
    qCInfo(lcAgent) << "stopping: no new approvals or requests; active jobs get"
                    << m_config.shutdownTimeoutMs << "ms";
    d->healthTimer.stop();
    d->keepAliveTimer.stop();
    if (d->intake)
        d->intake->stop();
    if (d->listener)
        d->listener->stop();
    if (d->api)
        d->api->close();
    return true;
}

void AgentApplication::finishStop()
{
    // close() keeps the event loop turning while jobs finish, then gives the rest back.
    const bool clean = d->worker ? d->worker->close(m_config.shutdownTimeoutMs) : true;
    if (d->queueEvents)
        d->queueEvents->stop();
    qCInfo(lcAgent) << (clean ? "stopped: every active job finished"
                              : "stopped: unfinished jobs went back to the queue");
    emit stopped();
}

void AgentApplication::stop()
{
    if (beginStop())
        QTimer::singleShot(0, this, &AgentApplication::finishStop);
}

void AgentApplication::shutdown()
{
    if (beginStop())
        finishStop();
}

void AgentApplication::forceStop()
{
    // The operator insists: leave now. Active jobs keep their Redis locks until these expire;
    // then any worker's stalled-job check puts them back in the queue, so nothing is lost.
    qCWarning(lcAgent) << "second stop request: exiting now; unfinished jobs return to the queue "
                          "when their locks expire";
    std::quick_exit(130);
}

} // namespace XeroSync
