#include "apiserver.h"

#include <algorithm>
#include <future>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFuture>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QPointer>
#include <QSslKey>
#include <QSslServer>
#include <QTimeZone>
#include <QUrlQuery>
#include <QWebSocket>
#include <QtConcurrent/QtConcurrentRun>

#include "agent/agentconfig.h"
#include "agent/agentlogging.h"
#include "agent/agentmetrics.h"
#include "agent/approvalintake.h"
#include "agent/http/apijson.h"
#include "agent/http/eventhub.h"
#include "agent/http/guardedtcpserver.h"
#include "agent/http/requestsizeguard.h"
#include "agent/xeroconnector.h"
#include "core/api/apierror.h"
#include "core/api/apiversion.h"
#include "core/api/approvalwebhookrequest.h"
#include "core/api/batchsyncrequest.h"
#include "core/api/manualsyncrequest.h"
#include "core/api/queueactionrequest.h"
#include "core/api/routes.h"
#include "core/common/json.h"
#include "core/queue/queue.h"
#include "core/store/apitokenstore.h"
#include "core/store/auditstore.h"
#include "core/store/database.h"
#include "core/store/synclogstore.h"
#include "core/store/syncstatestore.h"
#include "core/store/timesheetstore.h"

using namespace Qt::StringLiterals;
using JsonValue = nlohmann::json;

namespace XeroSync {
namespace {
using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse reply(int status, const JsonValue &body)
{
    return QHttpServerResponse(
        "application/json", QByteArray::fromStdString(body.dump()), Status(status));
}

QHttpServerResponse errorReply(const Error &error)
{
    return reply(ApiError::httpStatus(error.code), ApiError::body(error));
}

QHttpServerResponse badRequest(const QString &message, const QString &field = {})
{
    Error error { ErrorCode::BadRequest, message };
    error.field = field;
    return errorReply(error);
}

QByteArray verbOf(const QHttpServerRequest &request)
{
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    default:
        return "OTHER";
    }
}

// Constant time for equal lengths, so a guessed webhook token leaks nothing through timing.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QString bearerOf(const QHttpServerRequest &request)
{
    const QByteArray header = request.value("Authorization");
    if (header.size() > 7 && header.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        return QString::fromLatin1(header.mid(7).trimmed());
    return {};
}

QString htmlPage(const QString &title, const QString &text)
{
    return u"<!doctype html><html><head><meta charset=\"utf-8\"><title>%1</title></head>"
           "<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>%1</h1><p>%2</p></body></html>"_s
               .arg(title.toHtmlEscaped(), text.toHtmlEscaped());
}
} // namespace

ApiServer::ApiServer(Services services, QObject *parent)
    : QObject(parent)
    , m_services(std::move(services))
    , m_server(std::make_unique<QHttpServer>())
{
    m_events = std::make_unique<EventHub>([this]() -> JsonValue {
        const auto counts = m_services.queue->counts();
        return counts ? ApiJson::counts(*counts) : JsonValue();
    });

    addRoute(Routes::Health,
        { { "GET", Access::Public, [this](auto &, auto &, auto &) { return health(); } } });
    // Who the caller is, so the dashboard can disable admin controls for a viewer token.
    addRoute(Routes::Session,
        { { "GET", Access::Viewer, [](auto &, auto &caller, auto &) {
               return reply(200,
                   { { "name", caller.name.toStdString() },
                       { "role", ApiToken::roleName(caller.role).toStdString() },
                       { "apiVersion", API_VERSION },
                       { "version", QCoreApplication::applicationVersion().toStdString() } });
           } } });
    addRoute(Routes::Metrics,
        { { "GET", Access::Viewer, [this](auto &, auto &, auto &) { return metrics(); } } });
    addRoute(Routes::ApprovalWebhook,
        { { "POST", Access::Public,
            [this](auto &request, auto &, auto &) { return webhook(request); } } });
    addRoute(
        Routes::ManualSync, { { "POST", Access::Admin, [this](auto &request, auto &caller, auto &) {
                                   return manualSync(request, caller);
                               } } });
    addRoute(Routes::BatchSync,
        { { "POST", Access::Admin,
            [this](auto &request, auto &caller, auto &) { return batchSync(request, caller); } } });
    addRoute(Routes::QueueStatus,
        { { "GET", Access::Viewer, [this](auto &, auto &, auto &) { return queueStatus(); } },
            { "POST", Access::Admin, [this](auto &request, auto &caller, auto &) {
                 return queueAction(request, caller);
             } } });
    addRoute(Routes::Logs, { { "GET", Access::Viewer, [this](auto &request, auto &, auto &) {
                                  return logs(request);
                              } } });
    addRoute(Routes::Stats, { { "GET", Access::Viewer, [this](auto &request, auto &, auto &) {
                                   return stats(request);
                               } } });
    addRoute(Routes::Jobs, { { "GET", Access::Viewer, [this](auto &request, auto &, auto &) {
                                  return jobs(request);
                              } } });
    addRoute(Routes::JobRetry, { { "POST", Access::Admin, [this](auto &, auto &caller, auto &id) {
                                      return retryJob(id, caller);
                                  } } });
    addRoute(Routes::Job, { { "DELETE", Access::Admin, [this](auto &, auto &caller, auto &id) {
                                 return removeJob(id, caller);
                             } } });
    addRoute(Routes::Submission,
        { { "GET", Access::Viewer, [this](auto &, auto &, auto &id) { return submission(id); } } });
    m_server->route(QString::fromLatin1(Routes::SubmissionPreview),
        [this](const QString &arg, const QHttpServerRequest &request) {
            return submissionPreview(arg, request);
        });
    addRoute(Routes::Employees,
        { { "GET", Access::Viewer, [this](auto &, auto &, auto &) { return employees(); } } });
    addRoute(Routes::XeroConnect,
        { { "GET", Access::Admin,
            [this](auto &request, auto &caller, auto &) { return connect(request, caller); } } });
    addRoute(Routes::XeroConnection,
        { { "GET", Access::Viewer, [this](auto &, auto &, auto &) { return connection(); } },
            { "DELETE", Access::Admin,
                [this](auto &, auto &caller, auto &) { return disconnect(caller); } } });

    // Xero sends the browser back here: no bearer token, the OAuth state is the credential.
    m_server->route(QString::fromLatin1(Routes::XeroCallback),
        [this](const QHttpServerRequest &request) -> QFuture<QHttpServerResponse> {
            // QHttpServer 6.4 takes asynchronous answers as a QFuture from QtConcurrent (a QPromise
            // completed on the main thread crashes its continuation), so a pool thread waits for
            // the exchange that runs here, on the main thread, with Qt's network stack.
            struct Page
            {
                int status = 500;
                QString title;
                QString text;
            };
            auto answer = std::make_shared<std::promise<Page>>();
            std::shared_future<Page> page = answer->get_future().share();
            const QUrlQuery query(request.url());
            const QString code = query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
            const QString state = query.queryItemValue(u"state"_s, QUrl::FullyDecoded);
            if (query.hasQueryItem(u"error"_s)) {
                answer->set_value({ 400, u"Xero did not connect"_s,
                    u"Xero answered: %1. Start again from Connect to Xero."_s.arg(
                        query.queryItemValue(u"error"_s, QUrl::FullyDecoded)) });
            } else if (code.isEmpty()) {
                answer->set_value({ 400, u"Xero did not connect"_s,
                    u"The callback carries no authorisation code."_s });
            } else {
                m_services.xero->completeAuthorization(
                    code, state, [this, answer](Result<QList<XeroConnectionRecord>> records) {
                        if (!records) {
                            answer->set_value({ ApiError::httpStatus(records.error().code),
                                u"Xero did not connect"_s, records.error().message });
                            return;
                        }
                        QStringList names;
                        JsonValue tenants = JsonValue::array();
                        for (const auto &record : *records) {
                            names << record.tenantName;
                            tenants.push_back(record.tenantId.toStdString());
                        }
                        (void)m_services.audit->record({ 0, {}, u"xero"_s, u"xero.connect"_s,
                            names.join(u", "_s), { { "tenants", tenants } } });
                        m_events->post("connection", { { "connected", true } });
                        answer->set_value({ 200, u"Connected to Xero"_s,
                            u"xerosync now syncs approved timesheets to %1. You can close this window."_s
                                .arg(names.join(u", "_s)) });
                    });
            }
            return QtConcurrent::run([page]() {
                if (page.wait_for(std::chrono::seconds(60)) != std::future_status::ready)
                    return QHttpServerResponse("text/html; charset=utf-8",
                        htmlPage(u"Xero did not connect"_s,
                            u"Xero did not answer within a minute; try again."_s)
                            .toUtf8(),
                        Status::GatewayTimeout);
                const Page p = page.get();
                return QHttpServerResponse("text/html; charset=utf-8",
                    htmlPage(p.title, p.text).toUtf8(), Status(p.status));
            });
        });

    // The WebSocket upgrade needs a route that writes nothing (research/toolchain.md §4c).
    m_server->route(QString::fromLatin1(Routes::Events),
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            if (request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
                return;
            responder.write(QJsonDocument(), QHttpServerResponder::StatusCode::BadRequest);
        });
    QObject::connect(m_server.get(), &QAbstractHttpServer::newWebSocketConnection, this,
        &ApiServer::acceptWebSockets);

    // Last, so it matches only what no route above did: the one error shape instead of
    // QHttpServer's empty 404 (QUrl's converter matches any rest of the path).
    m_server->route(u"/<arg>"_s, [this](const QUrl &, const QHttpServerRequest &) {
        m_services.metrics->httpRequest(404);
        return errorReply(Error { ErrorCode::NotFound,
            u"no such API route; see GET /api/health and the README's API table"_s });
    });
}

ApiServer::~ApiServer()
{
    m_events.reset();
    m_server.reset();
}

void ApiServer::addRoute(const char *path, QList<Method> methods)
{
    if (QByteArrayView(path).contains("<arg>")) {
        m_server->route(QString::fromLatin1(path),
            [this, methods](const QString &arg, const QHttpServerRequest &request) {
                const QString id = QUrl::fromPercentEncoding(arg.toUtf8());
                // Ids are job and submission ids: no control characters (PostgreSQL refuses a NUL
                // in text, a CR/LF could end up in a header or a log line).
                if (std::any_of(
                        id.cbegin(), id.cend(), [](QChar c) { return c.unicode() < 0x20; })) {
                    m_services.metrics->httpRequest(400);
                    return errorReply(Error { ErrorCode::BadRequest,
                        u"the id in the path contains control characters"_s });
                }
                return dispatch(methods, request, id);
            });
    } else {
        m_server->route(
            QString::fromLatin1(path), [this, methods](const QHttpServerRequest &request) {
                return dispatch(methods, request, {});
            });
    }
}

QHttpServerResponse ApiServer::dispatch(
    const QList<Method> &methods, const QHttpServerRequest &request, const QString &arg)
{
    const QByteArray verb = verbOf(request);
    QByteArrayList allowed;
    for (const Method &method : methods) {
        allowed << method.verb;
        if (method.verb != verb)
            continue;
        const auto caller = authenticate(request, method.access);
        if (!caller) {
            m_services.metrics->httpRequest(ApiError::httpStatus(caller.error().code));
            return errorReply(caller.error());
        }
        QHttpServerResponse response = method.handler(request, *caller, arg);
        m_services.metrics->httpRequest(int(response.statusCode()));
        return response;
    }
    m_services.metrics->httpRequest(405);
    QHttpServerResponse response = reply(405,
        ApiError::body(Error { ErrorCode::BadRequest,
            u"%1 is not allowed here; use %2"_s.arg(
                QString::fromLatin1(verb), QString::fromLatin1(allowed.join(", "))) }));
    response.setHeader("Allow", allowed.join(", "));
    return response;
}

Result<ApiServer::Caller> ApiServer::authenticate(const QHttpServerRequest &request, Access access)
{
    if (access == Access::Public)
        return Caller { u"anonymous"_s, ApiToken::Role::Viewer };
    const QString secret = bearerOf(request);
    if (secret.isEmpty())
        return fail(ErrorCode::Unauthorized,
            u"this call needs an API token: send Authorization: Bearer <token>"_s);
    const auto token = m_services.tokens->verify(secret);
    if (!token) {
        if (token.error().code != ErrorCode::Unauthorized)
            return fail(ErrorCode::Unavailable,
                u"cannot check the API token: "_s + token.error().message, true);
        noteRejectedToken();
        return std::unexpected(token.error());
    }
    if (access == Access::Admin && !token->isAdmin())
        return fail(ErrorCode::Forbidden,
            u"the token '%1' is a viewer token; this action needs an admin token"_s.arg(
                token->name));
    return Caller { token->name, token->role };
}

void ApiServer::noteRejectedToken()
{
    // Never the token itself: a near miss of a real token is almost the real token.
    if (!m_rejectedWindow.isValid() || m_rejectedWindow.hasExpired(60'000)) {
        if (m_rejectedTokens > 1)
            qCWarning(lcAgent) << "rejected" << m_rejectedTokens - 1
                               << "more invalid API tokens in the last minute";
        qCWarning(lcAgent) << "rejected an invalid API token (more this minute are counted)";
        m_rejectedTokens = 0;
        m_rejectedWindow.start();
    }
    ++m_rejectedTokens;
}

Result<JsonValue> ApiServer::body(const QHttpServerRequest &request)
{
    if (request.body().size() > m_services.config->maxBodyBytes)
        return fail(ErrorCode::PayloadTooLarge,
            u"the request body is larger than %1 bytes"_s.arg(m_services.config->maxBodyBytes));
    auto json = Json::parse(QByteArrayView(request.body()));
    if (!json)
        return fail(ErrorCode::BadRequest, u"the request body is not valid JSON"_s);
    return json;
}

void ApiServer::audit(
    const Caller &caller, const QString &action, const QString &target, const JsonValue &details)
{
    if (auto recorded = m_services.audit->record({ 0, {}, caller.name, action, target, details });
        !recorded)
        qCWarning(lcAgentHttp) << "could not write the audit trail for" << action << ":"
                               << recorded.error().message;
}

QHttpServerResponse ApiServer::health()
{
    JsonValue checks = JsonValue::object();
    bool ready = true;
    QElapsedTimer timer;
    timer.start();
    const auto paused = m_services.queue->isPaused();
    checks["redis"] = { { "ok", bool(paused) }, { "latencyMs", timer.elapsed() } };
    if (!paused) {
        checks["redis"]["error"] = paused.error().message.toStdString();
        ready = false;
    }
    timer.restart();
    const auto select = m_services.database->exec(u"SELECT 1"_s);
    checks["postgres"] = { { "ok", bool(select) }, { "latencyMs", timer.elapsed() } };
    if (!select) {
        checks["postgres"]["error"] = select.error().message.toStdString();
        ready = false;
    }
    if (select) {
        const auto xero = m_services.xero->status();
        checks["xero"] = { { "ok", xero && (*xero)["connected"].get<bool>() } };
        if (xero && xero->contains("message"))
            checks["xero"]["message"] = (*xero)["message"];
    }
    JsonValue out { { "status", ready ? "ok" : "unavailable" }, { "apiVersion", API_VERSION },
        { "version", QCoreApplication::applicationVersion().toStdString() }, { "checks", checks } };
    if (m_services.workerInfo)
        out["workers"] = m_services.workerInfo();
    return reply(ready ? 200 : 503, out);
}

QHttpServerResponse ApiServer::metrics()
{
    QByteArray gauges = "# HELP xerosync_queue_jobs Jobs in the queue by state.\n# TYPE "
                        "xerosync_queue_jobs gauge\n";
    if (const auto counts = m_services.queue->counts()) {
        const JsonValue c = ApiJson::counts(*counts);
        for (const auto &[state, value] : c.items())
            gauges += "xerosync_queue_jobs{state=\"" + QByteArray::fromStdString(state) + "\"} "
                + QByteArray::number(value.get<qint64>()) + '\n';
    }
    gauges += "# HELP xerosync_push_clients Dashboards connected to the push channel.\n# TYPE "
              "xerosync_push_clients gauge\n"
              "xerosync_push_clients "
        + QByteArray::number(m_events->clientCount()) + '\n';
    return QHttpServerResponse("text/plain; version=0.0.4", m_services.metrics->render(gauges));
}

QHttpServerResponse ApiServer::webhook(const QHttpServerRequest &request)
{
    const AgentConfig &config = *m_services.config;
    if (request.body().size() > config.maxBodyBytes)
        return errorReply(body(request).error());
    bool trusted = false;
    QString actor = u"webhook"_s;
    const QString bearer = bearerOf(request);
    if (!config.webhookToken.isEmpty() && !bearer.isEmpty())
        trusted = sameSecret(bearer.toUtf8(), config.webhookToken.toUtf8());
    const QByteArray signature = request.value("X-Xerosync-Signature");
    if (!trusted && !config.webhookSecret.isEmpty() && !signature.isEmpty()) {
        const QByteArray expected = "sha256="
            + QMessageAuthenticationCode::hash(
                request.body(), config.webhookSecret.toUtf8(), QCryptographicHash::Sha256)
                  .toHex();
        trusted = sameSecret(signature, expected);
    }
    if (!trusted && !bearer.isEmpty() && bearer.startsWith(u"xs_"_s)) {
        // An admin API token may call the webhook too (scripts, tests of the timesheet system).
        const auto caller = authenticate(request, Access::Admin);
        if (!caller)
            return errorReply(caller.error());
        trusted = true;
        actor = caller->name;
    }
    if (!trusted)
        return errorReply(Error { ErrorCode::Unauthorized,
            u"the approval webhook needs the webhook token (Authorization: Bearer) or an X-Xerosync-Signature HMAC"_s });
    const auto json = body(request);
    if (!json)
        return errorReply(json.error());
    const auto event = ApprovalWebhookRequest::fromJson(*json);
    if (!event)
        return errorReply(event.error());
    const auto submission = m_services.timesheets->load(event->submissionId);
    if (!submission) {
        Error error = submission.error();
        error.field = u"submissionId"_s;
        return errorReply(error);
    }
    if (submission->status != u"APPROVED"_s)
        return errorReply(Error { ErrorCode::Conflict,
            u"submission %1 is %2, not APPROVED; only approved timesheets are synced"_s.arg(
                submission->id, submission->status) });
    const int version = event->version.value_or(submission->version);
    if (version != submission->version)
        return errorReply(Error { ErrorCode::Conflict,
            u"submission %1 is at version %2, not %3"_s.arg(submission->id)
                .arg(submission->version)
                .arg(version) });
    const auto jobId = m_services.intake->enqueue(submission->id, version, u"approval"_s);
    if (!jobId)
        return errorReply(jobId.error());
    m_services.metrics->approvalQueued(u"webhook"_s);
    (void)m_services.audit->record({ 0, {}, actor, u"approval.seen"_s, submission->id,
        { { "source", "webhook" }, { "version", version }, { "jobId", jobId->toStdString() } } });
    return reply(202,
        { { "submissionId", submission->id.toStdString() }, { "version", version },
            { "jobId", jobId->toStdString() } });
}

QHttpServerResponse ApiServer::manualSync(const QHttpServerRequest &request, const Caller &caller)
{
    const auto json = body(request);
    if (!json)
        return errorReply(json.error());
    const auto parsed = ManualSyncRequest::fromJson(*json);
    if (!parsed)
        return errorReply(parsed.error());
    // Everything is checked before anything is queued: a bad id changes nothing.
    QList<Submission> submissions;
    for (const QString &id : parsed->submissionIds) {
        auto submission = m_services.timesheets->load(id);
        if (!submission) {
            Error error = submission.error();
            error.field = u"submissionIds"_s;
            return errorReply(error);
        }
        if (submission->status != u"APPROVED"_s) {
            Error error { ErrorCode::Conflict,
                u"submission %1 is %2; only approved timesheets are synced"_s.arg(
                    id, submission->status) };
            error.field = u"submissionIds"_s;
            return errorReply(error);
        }
        submissions << *submission;
    }
    JsonValue queued = JsonValue::array();
    for (const Submission &s : std::as_const(submissions)) {
        const QString approvalJob = ApprovalIntake::jobIdFor(s.id, s.version);
        const auto state = m_services.queue->state(approvalJob);
        JsonValue item { { "submissionId", s.id.toStdString() } };
        if (state
            && (*state == JobState::Waiting || *state == JobState::Active
                || *state == JobState::Delayed || *state == JobState::Paused)) {
            item["jobId"] = approvalJob.toStdString();
            item["alreadyQueued"] = true;
        } else {
            const auto jobId =
                m_services.intake->enqueue(s.id, s.version, u"manual"_s, parsed->queuePriority(),
                    u"manual:%1:v%2:%3"_s.arg(s.id).arg(s.version).arg(
                        QDateTime::currentMSecsSinceEpoch()));
            if (!jobId)
                return errorReply(jobId.error());
            item["jobId"] = jobId->toStdString();
        }
        queued.push_back(item);
    }
    audit(caller, u"sync.manual"_s, parsed->submissionIds.join(u','),
        { { "priority", parsed->priority.toStdString() }, { "jobs", queued } });
    return reply(202, { { "queued", queued } });
}

QHttpServerResponse ApiServer::batchSync(const QHttpServerRequest &request, const Caller &caller)
{
    const auto json = body(request);
    if (!json)
        return errorReply(json.error());
    const auto parsed = BatchSyncRequest::fromJson(*json);
    if (!parsed)
        return errorReply(parsed.error());
    if (!parsed->tenantId.isEmpty()) {
        if (const auto tenant = m_services.xero->tenant(parsed->tenantId); !tenant)
            return badRequest(tenant.error().message, u"tenantId"_s);
    }
    const auto found =
        m_services.timesheets->findApproved(parsed->fromDate, parsed->toDate, parsed->userIds);
    if (!found)
        return errorReply(found.error());
    JobOptions options;
    options.priority = 10;
    options.attempts = 3;
    options.backoff = BackoffOptions { u"exponential"_s, 10000 };
    options.jobId =
        u"batch:%1:%2:%3"_s
            .arg(parsed->fromDate.toString(Qt::ISODate), parsed->toDate.toString(Qt::ISODate))
            .arg(QDateTime::currentMSecsSinceEpoch());
    JsonValue data = parsed->toJson();
    data["trigger"] = "batch";
    const auto jobId = m_services.queue->add(u"batch-sync"_s, data, options);
    if (!jobId)
        return errorReply(jobId.error());
    JsonValue out { { "jobId", jobId->toStdString() }, { "submissions", found->size() },
        { "request", data } };
    if (const auto quota = batchQuota(
            parsed->tenantId, int(found->size()), parsed->fromDate.daysTo(parsed->toDate));
        !quota.is_null()) {
        out["quota"] = quota;
        data["quota"] = quota;
    }
    audit(caller, u"sync.batch"_s, *jobId, data);
    return reply(202, out);
}

nlohmann::json ApiServer::batchQuota(const QString &organisation, int submissions, qint64 rangeDays)
{
    if (!m_services.headroom)
        return nullptr;
    const auto tenant = m_services.xero->tenant(organisation);
    if (!tenant)
        return nullptr; // not connected: the batch waits for a connection, and says so then
    const auto room = m_services.headroom(tenant->tenantId);
    if (!room.is_object() || room.contains("error"))
        return nullptr;
    const int perDay = room.value("perDay", 0);
    int remaining = perDay - room.value("usedToday", 0);
    if (const auto xero = room.value("xeroDayRemaining", JsonValue()); xero.is_number_integer())
        remaining = std::min(remaining, xero.get<int>()); // Xero's own count, across apps
    remaining = std::max(remaining, 0);
    const int estimated = SyncJobs::estimatedBatchCalls(submissions, *tenant, rangeDays);
    JsonValue quota { { "tenantId", tenant->tenantId.toStdString() },
        { "estimatedCalls", estimated }, { "remainingToday", remaining }, { "perDay", perDay },
        { "fitsToday", estimated <= remaining } };
    if (estimated > remaining) {
        // Nothing fails for it: the rate gate holds calls until the rolling day frees some.
        const QString message =
            u"This batch needs about %1 Xero calls for organisation %2, and %3 of its %4 a day are "
            u"left. It syncs what fits now and the rest as the day's allowance frees up over the "
            u"next 24 hours; nothing fails for lack of calls."_s.arg(estimated)
                .arg(tenant->tenantId)
                .arg(remaining)
                .arg(perDay);
        quota["message"] = message.toStdString();
        qCWarning(lcAgentHttp).noquote() << message;
    }
    return quota;
}

QHttpServerResponse ApiServer::queueStatus()
{
    const auto counts = m_services.queue->counts();
    if (!counts)
        return errorReply(counts.error());
    const auto paused = m_services.queue->isPaused();
    const auto workers = m_services.queue->workers();
    JsonValue out { { "counts", ApiJson::counts(*counts) }, { "paused", paused.value_or(false) } };
    out["workers"] = JsonValue::array();
    if (workers) {
        for (const QString &name : *workers)
            out["workers"].push_back(name.toStdString());
    }
    if (m_services.workerInfo)
        out["agent"] = m_services.workerInfo();
    if (const auto stats = cachedStats(0, [this]() -> Result<JsonValue> {
            const auto computed = m_services.log->stats24h(5);
            if (!computed)
                return std::unexpected(computed.error());
            return ApiJson::stats(*computed);
        }))
        out["stats24h"] = *stats;
    if (const auto xero = m_services.xero->status())
        out["xero"] = *xero;
    // Headroom per organisation, shared by every agent (the limits live in Redis).
    out["rateLimit"] = JsonValue::object();
    if (m_services.headroom && out.contains("xero")) {
        for (const auto &org : out["xero"]["organisations"]) {
            if (org.value("status", "") != "DISCONNECTED")
                out["rateLimit"][org.value("tenantId", "")] =
                    m_services.headroom(QString::fromStdString(org.value("tenantId", "")));
        }
    }
    return reply(200, out);
}

QHttpServerResponse ApiServer::queueAction(const QHttpServerRequest &request, const Caller &caller)
{
    const auto json = body(request);
    if (!json)
        return errorReply(json.error());
    const auto parsed = QueueActionRequest::fromJson(*json);
    if (!parsed)
        return errorReply(parsed.error());
    JsonValue details = JsonValue::object();
    switch (parsed->action) {
    case QueueActionRequest::Action::Pause:
        if (auto done = m_services.queue->pause(); !done)
            return errorReply(done.error());
        break;
    case QueueActionRequest::Action::Resume:
        if (auto done = m_services.queue->resume(); !done)
            return errorReply(done.error());
        break;
    case QueueActionRequest::Action::RetryFailed: {
        const auto count = m_services.queue->retryAllFailed();
        if (!count)
            return errorReply(count.error());
        details["affected"] = *count;
        break;
    }
    case QueueActionRequest::Action::ClearFailed: {
        const auto removed = m_services.queue->clean(JobState::Failed, 0, 0);
        if (!removed)
            return errorReply(removed.error());
        details["affected"] = removed->size();
        break;
    }
    }
    audit(caller, u"queue."_s + parsed->actionName(), {}, details);
    m_events->post("queue", { { "action", parsed->actionName().toStdString() } });
    const auto counts = m_services.queue->counts();
    details["action"] = parsed->actionName().toStdString();
    details["paused"] = m_services.queue->isPaused().value_or(false);
    if (counts)
        details["counts"] = ApiJson::counts(*counts);
    return reply(200, details);
}

QHttpServerResponse ApiServer::logs(const QHttpServerRequest &request)
{
    const QUrlQuery query(request.url());
    static const QStringList known { u"status"_s, u"trigger"_s, u"submissionId"_s, u"from"_s,
        u"to"_s, u"text"_s, u"afterId"_s, u"beforeId"_s, u"limit"_s };
    for (const auto &item : query.queryItems()) {
        if (!known.contains(item.first))
            return badRequest(
                u"unknown parameter %1 (known: %2)"_s.arg(item.first, known.join(u", "_s)),
                item.first);
    }
    SyncLogFilter filter;
    auto value = [&query](const QString &key) {
        return query.queryItemValue(key, QUrl::FullyDecoded).trimmed();
    };
    if (const QString s = value(u"status"_s); !s.isEmpty()) {
        const auto status = syncStatusFromString(s);
        if (!status)
            return badRequest(u"status must be PENDING, RUNNING, SUCCESS or FAILED"_s, u"status"_s);
        filter.status = *status;
    }
    if (const QString t = value(u"trigger"_s); !t.isEmpty()) {
        const auto trigger = syncTriggerFromString(t);
        if (!trigger)
            return badRequest(
                u"trigger must be approval, manual, batch or scheduled"_s, u"trigger"_s);
        filter.trigger = *trigger;
    }
    for (const auto &[key, target] :
        { std::pair { u"from"_s, &filter.from }, std::pair { u"to"_s, &filter.to } }) {
        const QString text = value(key);
        if (text.isEmpty())
            continue;
        QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid()) {
            const QDate date = QDate::fromString(text, Qt::ISODate);
            if (date.isValid())
                time = date.startOfDay(Qt::UTC);
        }
        if (!time.isValid())
            return badRequest(
                u"%1 must be an ISO date or date-time such as 2026-11-02 or 2026-11-02T09:00:00Z"_s
                    .arg(key),
                key);
        *target = time;
    }
    if (filter.from.isValid() && filter.to.isValid() && filter.to < filter.from)
        return badRequest(u"to is before from"_s, u"to"_s);
    for (const auto &[key, target] : { std::pair { u"afterId"_s, &filter.afterId },
             std::pair { u"beforeId"_s, &filter.beforeId } }) {
        const QString text = value(key);
        if (text.isEmpty())
            continue;
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (!ok || id < 0)
            return badRequest(u"%1 must be a log row id (a whole number)"_s.arg(key), key);
        *target = id;
    }
    if (filter.afterId && filter.beforeId)
        return badRequest(u"give afterId or beforeId, not both"_s, u"beforeId"_s);
    if (const QString text = value(u"limit"_s); !text.isEmpty()) {
        bool ok = false;
        filter.limit = text.toInt(&ok);
        if (!ok || filter.limit < 1 || filter.limit > MAX_LOG_PAGE)
            return badRequest(u"limit must be from 1 to %1"_s.arg(MAX_LOG_PAGE), u"limit"_s);
    }
    filter.text = value(u"text"_s).left(200);
    filter.submissionId = value(u"submissionId"_s);
    // The payloads sent to and received from Xero are in the submission's own route.
    filter.withPayloads = false;
    const auto page = m_services.log->page(filter);
    if (!page)
        return errorReply(page.error());
    JsonValue rows = JsonValue::array();
    qint64 newest = filter.afterId.value_or(0);
    qint64 oldest = 0;
    for (const SyncLogEntry &entry : *page) {
        rows.push_back(ApiJson::logEntry(entry));
        newest = std::max(newest, entry.id);
        oldest = oldest == 0 ? entry.id : std::min(oldest, entry.id);
    }
    return reply(200,
        { { "rows", rows }, { "newestId", newest }, { "oldestId", oldest },
            { "hasMore", qsizetype(page->size()) == filter.limit } });
}

QHttpServerResponse ApiServer::stats(const QHttpServerRequest &request)
{
    const QUrlQuery query(request.url());
    int hours = 24;
    if (query.hasQueryItem(u"hours"_s)) {
        bool ok = false;
        hours = query.queryItemValue(u"hours"_s).toInt(&ok);
        if (!ok || hours < 1 || hours > 24 * 31)
            return badRequest(u"hours must be from 1 to 744"_s, u"hours"_s);
    }
    const auto out = cachedStats(hours, [this, hours]() -> Result<JsonValue> {
        const QDateTime to = QDateTime::currentDateTimeUtc();
        const QDateTime from = to.addSecs(-3600LL * hours);
        const auto totals = m_services.log->stats(from, to, 10);
        if (!totals)
            return std::unexpected(totals.error());
        const auto series = m_services.log->hourlySeries(from, to);
        if (!series)
            return std::unexpected(series.error());
        JsonValue buckets = JsonValue::array();
        for (const SyncLogBucket &bucket : *series)
            buckets.push_back(ApiJson::bucket(bucket));
        return JsonValue { { "hours", hours }, { "totals", ApiJson::stats(*totals) },
            { "series", buckets } };
    });
    if (!out)
        return errorReply(out.error());
    return reply(200, *out);
}

Result<nlohmann::json> ApiServer::cachedStats(
    int key, const std::function<Result<nlohmann::json>()> &compute)
{
    auto it = m_statsCache.find(key);
    if (it != m_statsCache.end() && it->second.age.isValid()
        && it->second.age.elapsed() < StatsCacheMs)
        return it->second.value;
    auto value = compute();
    if (!value)
        return value; // errors are not kept: the next poll tries again
    CachedStats &entry = m_statsCache[key];
    entry.value = *value;
    entry.age.start();
    return value;
}

QHttpServerResponse ApiServer::jobs(const QHttpServerRequest &request)
{
    const QUrlQuery query(request.url());
    const QString stateName =
        query.queryItemValue(u"state"_s).isEmpty() ? u"failed"_s : query.queryItemValue(u"state"_s);
    const auto state = jobStateFromName(stateName);
    if (!state || *state == JobState::Unknown)
        return badRequest(
            u"state must be waiting, active, delayed, completed, failed or paused"_s, u"state"_s);
    int start = 0;
    int count = 50;
    bool ok = true;
    if (query.hasQueryItem(u"start"_s))
        start = query.queryItemValue(u"start"_s).toInt(&ok);
    if (!ok || start < 0)
        return badRequest(u"start must be 0 or more"_s, u"start"_s);
    if (query.hasQueryItem(u"limit"_s))
        count = query.queryItemValue(u"limit"_s).toInt(&ok);
    if (!ok || count < 1 || count > 500)
        return badRequest(u"limit must be from 1 to 500"_s, u"limit"_s);
    const auto list = m_services.queue->jobs(*state, start, start + count - 1);
    if (!list)
        return errorReply(list.error());
    JsonValue out = JsonValue::array();
    for (const Job &job : *list)
        out.push_back(ApiJson::job(job));
    const auto counts = m_services.queue->counts();
    return reply(200,
        { { "state", stateName.toStdString() }, { "jobs", out },
            { "counts", counts ? ApiJson::counts(*counts) : JsonValue() } });
}

QHttpServerResponse ApiServer::retryJob(const QString &id, const Caller &caller)
{
    const auto state = m_services.queue->state(id);
    if (!state)
        return errorReply(state.error());
    if (*state == JobState::Unknown)
        return errorReply(Error { ErrorCode::NotFound, u"no job %1"_s.arg(id) });
    if (*state != JobState::Failed)
        return errorReply(Error { ErrorCode::Conflict,
            u"job %1 is %2; only failed jobs can be retried"_s.arg(id, jobStateName(*state)) });
    if (auto done = m_services.queue->retryFailed(id); !done)
        return errorReply(done.error());
    audit(caller, u"job.retry"_s, id, JsonValue::object());
    return reply(200, { { "jobId", id.toStdString() }, { "state", "waiting" } });
}

QHttpServerResponse ApiServer::removeJob(const QString &id, const Caller &caller)
{
    const auto state = m_services.queue->state(id);
    if (!state)
        return errorReply(state.error());
    if (*state == JobState::Unknown)
        return errorReply(Error { ErrorCode::NotFound, u"no job %1"_s.arg(id) });
    if (*state == JobState::Active)
        return errorReply(Error {
            ErrorCode::Conflict, u"job %1 is running; remove it once it has finished"_s.arg(id) });
    if (auto done = m_services.queue->remove(id); !done)
        return errorReply(done.error());
    audit(caller, u"job.remove"_s, id, { { "state", jobStateName(*state).toStdString() } });
    return reply(200, { { "jobId", id.toStdString() }, { "removed", true } });
}

QHttpServerResponse ApiServer::submission(const QString &id)
{
    const auto source = m_services.timesheets->load(id);
    if (!source)
        return errorReply(source.error());
    SyncLogFilter filter;
    filter.submissionId = id;
    filter.limit = 50;
    const auto rows = m_services.log->page(filter);
    if (!rows)
        return errorReply(rows.error());
    JsonValue log = JsonValue::array();
    for (const SyncLogEntry &entry : *rows)
        log.push_back(ApiJson::logEntry(entry));
    const auto state = m_services.state->get(id);
    JsonValue out { { "submission", ApiJson::submission(*source) }, { "log", log } };
    out["syncState"] = state && *state ? ApiJson::syncState(**state) : JsonValue();
    const QString jobId = ApprovalIntake::jobIdFor(id, source->version);
    if (const auto job = m_services.queue->job(jobId); job && *job) {
        out["job"] = ApiJson::job(**job);
        out["job"]["state"] =
            jobStateName(m_services.queue->state(jobId).value_or(JobState::Unknown)).toStdString();
    }
    return reply(200, out);
}

QFuture<QHttpServerResponse> ApiServer::submissionPreview(
    const QString &arg, const QHttpServerRequest &request)
{
    // Answered from a pool thread that waits for the main thread's result, as the callback is
    // (QHttpServer 6.4 takes asynchronous answers only as a QtConcurrent future).
    const auto answerNow = [this](const Error &error) {
        m_services.metrics->httpRequest(ApiError::httpStatus(error.code));
        return QtConcurrent::run([error]() { return errorReply(error); });
    };
    if (verbOf(request) != "GET") {
        m_services.metrics->httpRequest(405);
        return QtConcurrent::run([]() {
            QHttpServerResponse response = reply(
                405, ApiError::body(Error { ErrorCode::BadRequest, u"use GET for a preview"_s }));
            response.setHeader("Allow", "GET");
            return response;
        });
    }
    const QString id = QUrl::fromPercentEncoding(arg.toUtf8());
    if (std::any_of(id.cbegin(), id.cend(), [](QChar c) { return c.unicode() < 0x20; }))
        return answerNow(
            Error { ErrorCode::BadRequest, u"the id in the path contains control characters"_s });
    if (const auto caller = authenticate(request, Access::Viewer); !caller)
        return answerNow(caller.error());
    if (!m_services.preview)
        return answerNow(Error { ErrorCode::Unavailable, u"previews are not available"_s });

    struct Answer
    {
        int status = 500;
        JsonValue body;
    };

    auto promise = std::make_shared<std::promise<Answer>>();
    std::shared_future<Answer> answer = promise->get_future().share();
    // The answer may come after the server is gone (the agent stopping mid-preview).
    m_services.preview(
        id, [self = QPointer<ApiServer>(this), promise](Result<nlohmann::json> preview) {
            const int status = preview ? 200 : ApiError::httpStatus(preview.error().code);
            if (self)
                self->m_services.metrics->httpRequest(status);
            promise->set_value({ status, preview ? *preview : ApiError::body(preview.error()) });
        });
    return QtConcurrent::run([answer]() {
        if (answer.wait_for(std::chrono::seconds(60)) != std::future_status::ready)
            return errorReply(Error { ErrorCode::Timeout,
                u"Xero did not answer within a minute (its rate limit may be holding the "
                "calls); try again"_s,
                true });
        const Answer a = answer.get();
        return reply(a.status, a.body);
    });
}

QHttpServerResponse ApiServer::employees()
{
    const auto list = m_services.timesheets->employees(false);
    if (!list)
        return errorReply(list.error());
    JsonValue out = JsonValue::array();
    for (const Employee &employee : *list)
        out.push_back(ApiJson::employee(employee));
    return reply(200, { { "employees", out } });
}

QHttpServerResponse ApiServer::connect(const QHttpServerRequest &request, const Caller &caller)
{
    if (m_services.config->customConnection())
        return errorReply(Error { ErrorCode::Conflict,
            u"this agent uses a Xero custom connection (xero/connection=custom): it connects by "
            "itself with its client id and secret; there is no consent page"_s });
    const QUrl url = m_services.xero->beginAuthorization();
    audit(caller, u"xero.authorize"_s, {}, JsonValue::object());
    if (QUrlQuery(request.url()).queryItemValue(u"redirect"_s) == u"false"_s)
        return reply(200, { { "authorizeUrl", url.toString(QUrl::FullyEncoded).toStdString() } });
    QHttpServerResponse response("text/plain", QByteArray("Redirecting to Xero"), Status::Found);
    response.setHeader("Location", url.toEncoded());
    return response;
}

QHttpServerResponse ApiServer::connection()
{
    const auto status = m_services.xero->status();
    return status ? reply(200, *status) : errorReply(status.error());
}

QHttpServerResponse ApiServer::disconnect(const Caller &caller)
{
    std::optional<Result<void>> outcome;
    m_services.xero->disconnect([&outcome](Result<void> done) { outcome = std::move(done); });
    // disconnect() answers before returning: revocation at Xero runs on in the background.
    if (!outcome || !*outcome)
        return errorReply(outcome ? outcome->error()
                                  : Error { ErrorCode::Internal, u"disconnect did not finish"_s });
    audit(caller, u"xero.disconnect"_s, {}, JsonValue::object());
    m_events->post("connection", { { "connected", false } });
    return reply(200, { { "disconnected", true } });
}

void ApiServer::acceptWebSockets()
{
    while (m_server->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_server->nextPendingWebSocketConnection();
        // Browsers cannot set headers on a WebSocket, so the token may come as ?token=.
        QString secret;
        const QByteArray header = socket->request().rawHeader("Authorization");
        if (header.size() > 7 && header.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
            secret = QString::fromLatin1(header.mid(7).trimmed());
        if (secret.isEmpty())
            secret = QUrlQuery(socket->requestUrl()).queryItemValue(u"token"_s);
        const auto token = m_services.tokens->verify(secret);
        if (!token) {
            socket->close(
                QWebSocketProtocol::CloseCodePolicyViolated, u"a valid API token is required"_s);
            socket.release()->deleteLater();
            continue;
        }
        m_events->addClient(socket.release());
    }
}

Result<quint16> ApiServer::listen()
{
    const AgentConfig &config = *m_services.config;
    if (config.tls()) {
        QFile certFile(config.tlsCert);
        QFile keyFile(config.tlsKey);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return fail(ErrorCode::BadRequest, u"cannot read the TLS certificate or key"_s);
        const auto chain = QSslCertificate::fromDevice(&certFile, QSsl::Pem);
        QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
        if (key.isNull()) {
            keyFile.seek(0);
            key = QSslKey(&keyFile, QSsl::Ec, QSsl::Pem);
        }
        if (chain.isEmpty() || key.isNull())
            return fail(ErrorCode::BadRequest,
                u"%1 or %2 is not a PEM certificate / private key"_s.arg(
                    config.tlsCert, config.tlsKey));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setLocalCertificateChain(chain);
        ssl.setPrivateKey(key);
        m_sslServer = new QSslServer(this);
        m_sslServer->setSslConfiguration(ssl);
        // Each connection gets its size guard as the handshake starts, before QHttpServer.
        QObject::connect(
            m_sslServer, &QSslServer::startedEncryptionHandshake, this, [this](QSslSocket *socket) {
                QObject::connect(RequestSizeGuard::attach(socket, m_services.config->maxBodyBytes),
                    &RequestSizeGuard::refused, this,
                    [this](int status) { m_services.metrics->httpRequest(status); });
            });
        if (!m_sslServer->listen(config.bindAddress, quint16(config.port)))
            return fail(ErrorCode::Unavailable,
                u"cannot listen on %1:%2: %3"_s.arg(config.bindAddress.toString())
                    .arg(config.port)
                    .arg(m_sslServer->errorString()));
        m_server->bind(m_sslServer);
        return m_sslServer->serverPort();
    }
    auto *server = new GuardedTcpServer(config.maxBodyBytes, this);
    QObject::connect(server, &GuardedTcpServer::refused, this,
        [this](int status) { m_services.metrics->httpRequest(status); });
    if (!server->listen(config.bindAddress, quint16(config.port)))
        return fail(ErrorCode::Unavailable,
            u"cannot listen on %1:%2 (in use?): %3"_s.arg(config.bindAddress.toString())
                .arg(config.port)
                .arg(server->errorString()));
    m_server->bind(server);
    return server->serverPort();
}

void ApiServer::close()
{
    for (QTcpServer *server : m_server->servers())
        server->close();
}

} // namespace XeroSync
