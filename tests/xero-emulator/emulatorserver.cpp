#include "emulatorserver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLocale>
#include <QSslServer>
#include <QTcpServer>
#include <QTimer>

#include "emulatorlogging.h"

namespace XeroEmulator {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

} // namespace

EmulatorServer::EmulatorServer(Options options, QObject *parent)
    : QObject(parent)
    , m_ids(options.idSeed)
    , m_state(m_clock, m_ids)
    , m_oauth(m_state, m_config, m_clock, m_ids)
    , m_rateLimiter(m_config, m_clock)
    , m_idempotency(m_clock)
    , m_au1(EmulatorContext { m_state, m_config, m_clock, m_ids })
    , m_payroll2(EmulatorContext { m_state, m_config, m_clock, m_ids })
    , m_projects(EmulatorContext { m_state, m_config, m_clock, m_ids })
    , m_accounting(EmulatorContext { m_state, m_config, m_clock, m_ids })
    , m_control(EmulatorContext { m_state, m_config, m_clock, m_ids },
          ControlApi::Parts { m_oauth, m_rateLimiter, m_idempotency, m_faults, m_au1, m_payroll2,
              m_projects, [this] { return requestStats(); },
              [this] {
                  m_statusCounts.clear();
                  m_callsPerTenant.clear();
                  m_requests = 0;
              } },
          options.defaultSeedPath)
{ }

quint16 EmulatorServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_tls) {
        auto *server = new QSslServer(this);
        server->setSslConfiguration(*m_tls);
        m_server = server;
    } else {
        m_server = new QTcpServer(this);
    }
    connect(
        m_server, &QTcpServer::pendingConnectionAvailable, this, &EmulatorServer::onNewConnection);
    if (!m_server->listen(address, port))
        return 0;
    return m_server->serverPort();
}

void EmulatorServer::onNewConnection()
{
    while (auto *connection = m_server->nextPendingConnection()) {
        new HttpConnection(
            connection, m_config.maxBodyBytes,
            [this](
                HttpConnection *connection, ApiRequest &request) { handle(connection, request); },
            this);
    }
}

void EmulatorServer::handle(HttpConnection *connection, ApiRequest &request)
{
    const auto startedMs = QDateTime::currentMSecsSinceEpoch();
    // nlohmann throws on a wrong-typed access; a test tool must answer, not die mid-suite.
    try {
        route(request, connection, startedMs);
    } catch (const std::exception &e) {
        qCWarning(lcEmulator) << "internal error on" << request.method << request.path << e.what();
        send(connection,
            ApiResponse::json(
                500, Json { { "error", std::string("emulator internal error: ") + e.what() } }),
            request, startedMs);
    }
}

void EmulatorServer::route(ApiRequest &request, HttpConnection *connection, qint64 startedMs)
{
    ++m_requests;
    const auto &s = request.segments;
    const auto first = s.value(0).toLower();

    if (request.body.size() > m_config.maxBodyBytes) {
        send(connection, ApiResponse::json(413, Json { { "error", "request body too large" } }),
            request, startedMs);
        return;
    }
    if (first == QLatin1String("__emulator")) {
        send(connection, m_control.handle(request), request, startedMs);
        return;
    }
    // Faults apply to identity endpoints too, so tests can lose a refresh response.
    const bool api = first == QLatin1String("payroll.xro") || first == QLatin1String("projects.xro")
        || first == QLatin1String("api.xro");
    if (!api) {
        if (auto fault = m_faults.take(request);
            fault && fault->kind != FaultInjector::Kind::Slow) {
            if (fault->kind == FaultInjector::Kind::Status) {
                send(connection, faultResponse(*fault), request, startedMs);
                return;
            }
            if (fault->kind == FaultInjector::Kind::Timeout) {
                QTimer::singleShot(
                    fault->delayMs, connection, [connection] { connection->abort(); });
                logLine(request, 0, startedMs, " (fault: no answer)");
                return;
            }
            // Drop: do the work, then close without an answer.
            ApiResponse ignored;
            if (request.path == QLatin1String("/connect/token") && request.method == "POST")
                ignored = m_oauth.token(request);
            else if (request.path == QLatin1String("/connect/revocation")
                && request.method == "POST")
                ignored = m_oauth.revoke(request);
            logLine(request, ignored.status, startedMs, " (fault: answer dropped)");
            connection->abort();
            return;
        }
    }
    const auto path = request.path;
    if (path == QLatin1String("/.well-known/openid-configuration") && request.method == "GET")
        send(connection, m_oauth.discovery(request, m_baseUrl), request, startedMs);
    else if (path == QLatin1String("/identity/connect/authorize") && request.method == "GET")
        send(connection, m_oauth.authorize(request), request, startedMs);
    else if (path == QLatin1String("/identity/connect/authorize/consent")
        && request.method == "POST")
        send(connection, m_oauth.consent(request), request, startedMs);
    else if (path == QLatin1String("/connect/token") && request.method == "POST")
        send(connection, m_oauth.token(request), request, startedMs);
    else if (path == QLatin1String("/connect/revocation") && request.method == "POST")
        send(connection, m_oauth.revoke(request), request, startedMs);
    else if (first == QLatin1String("connections") && s.size() == 1 && request.method == "GET")
        send(connection, m_oauth.listConnections(request), request, startedMs);
    else if (first == QLatin1String("connections") && s.size() == 2 && request.method == "DELETE")
        send(connection, m_oauth.deleteConnection(request, s[1].toStdString()), request, startedMs);
    else if (first == QLatin1String("payroll.xro") && s.value(1) == QLatin1String("1.0"))
        serveApi(request, Family::PayrollAu1, connection, startedMs);
    else if (first == QLatin1String("payroll.xro") && s.value(1) == QLatin1String("2.0"))
        serveApi(request, Family::Payroll2, connection, startedMs);
    else if (first == QLatin1String("projects.xro") && s.value(1) == QLatin1String("2.0"))
        serveApi(request, Family::Projects, connection, startedMs);
    else if (first == QLatin1String("api.xro") && s.value(1) == QLatin1String("2.0"))
        serveApi(request, Family::Accounting, connection, startedMs);
    else
        send(connection, ApiResponse::json(404, Json { { "error", "not found" } }), request,
            startedMs);
}

ApiResponse EmulatorServer::faultResponse(const FaultInjector::Rule &rule) const
{
    if (rule.status == 503)
        return ApiResponse::text(503, "The Xero API is currently offline for maintenance");
    return ApiResponse::json(rule.status,
        Json { { "Type", nullptr }, { "Title", "An unhandled error with the Xero API" },
            { "Status", rule.status }, { "Detail", "An unhandled error with the Xero API" } });
}

ApiResponse EmulatorServer::familyError(Family family, int status, const std::string &message) const
{
    switch (family) {
    case Family::PayrollAu1:
    case Family::Accounting:
        return ApiResponse::json(
            status, Json { { "ErrorNumber", 0 }, { "Type", "Error" }, { "Message", message } });
    case Family::Payroll2:
        return ApiResponse::json(status,
            Json { { "problem",
                { { "type", "application/problem+json" }, { "title", "BadRequest" },
                    { "status", status }, { "detail", message }, { "instance", nullptr },
                    { "invalidFields", Json::array() } } } });
    case Family::Projects:
    case Family::None:
        break;
    }
    return ApiResponse::json(status, Json { { "message", message } });
}

ApiResponse EmulatorServer::dispatchApi(ApiRequest &request, Family family)
{
    switch (family) {
    case Family::PayrollAu1:
        return m_au1.handle(request);
    case Family::Payroll2:
        return m_payroll2.handle(request);
    case Family::Projects:
        return m_projects.handle(request);
    case Family::Accounting:
        return m_accounting.handle(request);
    case Family::None:
        break;
    }
    return ApiResponse::json(404, Json { { "error", "not found" } });
}

void EmulatorServer::serveApi(
    ApiRequest &request, Family family, HttpConnection *connection, qint64 startedMs)
{
    const auto fault = m_faults.take(request);
    if (fault && fault->kind == FaultInjector::Kind::Status) {
        send(connection, faultResponse(*fault), request, startedMs);
        return;
    }
    if (fault && fault->kind == FaultInjector::Kind::Timeout) {
        QTimer::singleShot(fault->delayMs, connection, [connection] { connection->abort(); });
        logLine(request, 0, startedMs, " (fault: no answer)");
        return;
    }
    if (auto error = m_oauth.authenticate(request, true)) {
        send(connection, *error, request, startedMs);
        return;
    }
    const auto tenantId = request.tenant->id;
    const int dailyLimit =
        request.tenant->dailyLimit > 0 ? request.tenant->dailyLimit : m_config.dailyLimit;
    const auto decision = m_rateLimiter.admit(tenantId, dailyLimit, request.clientId);
    if (!decision.allowed) {
        auto response = ApiResponse::gatewayError(429, "TooManyRequests",
            "You've exceeded the per " + decision.problem + " rate limit", m_ids.uuid());
        response.setHeader("X-Rate-Limit-Problem", QByteArray::fromStdString(decision.problem));
        if (decision.retryAfterSeconds > 0)
            response.setHeader("Retry-After", QByteArray::number(decision.retryAfterSeconds));
        m_rateLimiter.addHeaders(response, tenantId, dailyLimit, request.clientId);
        send(connection, response, request, startedMs);
        return;
    }
    ++m_callsPerTenant[tenantId];

    ApiResponse response;
    const auto key = request.header("Idempotency-Key").toStdString();
    const bool idempotent = !key.empty() && (request.method == "POST" || request.method == "PUT");
    const auto scope = request.clientId + '|' + tenantId;
    const QByteArray signature = request.method + ' ' + request.path.toUtf8() + '\n' + request.body;
    const auto fingerprint = QCryptographicHash::hash(signature, QCryptographicHash::Sha256);
    if (idempotent && key.size() > 128) {
        response =
            familyError(family, 400, "The Idempotency-Key header must be 128 characters or fewer");
    } else if (idempotent) {
        switch (m_idempotency.lookup(scope, key, fingerprint, response)) {
        case IdempotencyStore::Outcome::Replay:
            response.setHeader("X-Emulator-Idempotent-Replay", "true");
            break;
        case IdempotencyStore::Outcome::Mismatch:
            if (m_config.idempotencyRejectMismatch) {
                response = familyError(
                    family, 400, "Idempotency-Key " + key + " is used with a different request");
                break;
            }
            [[fallthrough]];
        case IdempotencyStore::Outcome::Miss:
            response = dispatchApi(request, family);
            if (response.status < 500)
                m_idempotency.store(
                    scope, key, fingerprint, response, m_config.idempotencyTtlSeconds);
            break;
        }
    } else {
        response = dispatchApi(request, family);
    }
    m_rateLimiter.addHeaders(response, tenantId, dailyLimit, request.clientId);
    response.setHeader("Cache-Control", "max-age=0, no-cache, no-store");

    int delayMs = m_config.latencyMs;
    if (fault && fault->kind == FaultInjector::Kind::Slow)
        delayMs += fault->delayMs;
    const bool drop = fault && fault->kind == FaultInjector::Kind::Drop;
    if (drop) {
        // The write is committed; the client never hears about it (research §12 item 9).
        QPointer<HttpConnection> guard(connection);
        QTimer::singleShot(
            delayMs, this, [this, guard, tenantId, request, startedMs, status = response.status] {
                m_rateLimiter.release(tenantId);
                logLine(request, status, startedMs, " (fault: answer dropped)");
                if (guard)
                    guard->abort();
            });
        return;
    }
    if (delayMs <= 0) {
        m_rateLimiter.release(tenantId);
        send(connection, response, request, startedMs);
        return;
    }
    sendLater(connection, response, request, startedMs, delayMs,
        [this, tenantId] { m_rateLimiter.release(tenantId); });
}

void EmulatorServer::sendLater(HttpConnection *connection, ApiResponse response,
    const ApiRequest &request, qint64 startedMs, int delayMs, std::function<void()> afterWrite)
{
    QPointer<HttpConnection> guard(connection);
    QTimer::singleShot(delayMs, this,
        [this, guard, response = std::move(response), request, startedMs, afterWrite] {
            afterWrite();
            if (guard)
                send(guard, response, request, startedMs);
            else
                logLine(request, response.status, startedMs, " (client gone)");
        });
}

void EmulatorServer::send(
    HttpConnection *connection, ApiResponse response, const ApiRequest &request, qint64 startedMs)
{
    // Written by hand (not QHttpServerResponder): in Qt 6.4 the responder refers to the request,
    // which no longer exists when a delayed answer goes out.
    ++m_statusCounts[response.status];
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        head += "Content-Type: " + response.contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    head += "Xero-Correlation-Id: " + QByteArray::fromStdString(m_ids.uuid()) + "\r\n";
    head += "Server: xero-emulator\r\n";
    head += "Date: "
        + QLocale::c()
              .toString(QDateTime::currentDateTimeUtc(),
                  QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
              .toLatin1()
        + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    connection->respond(head + response.body);
    logLine(request, response.status, startedMs);
}

void EmulatorServer::logLine(
    const ApiRequest &request, int status, qint64 startedMs, const char *note) const
{
    const auto tenant = request.tenant ? QString::fromStdString(request.tenant->id)
                                       : QString::fromUtf8(request.header("Xero-Tenant-Id"));
    qCInfo(lcEmulatorRequests).noquote()
        << request.method << request.path << (tenant.isEmpty() ? QStringLiteral("-") : tenant)
        << status
        << QStringLiteral("%1ms").arg(QDateTime::currentMSecsSinceEpoch() - startedMs)
            + QString::fromLatin1(note);
}

Json EmulatorServer::requestStats() const
{
    Json byStatus = Json::object();
    for (const auto &[status, count] : m_statusCounts)
        byStatus[std::to_string(status)] = count;
    Json perTenant = Json::object();
    for (const auto &[tenant, count] : m_callsPerTenant)
        perTenant[tenant] = count;
    return Json { { "requests", m_requests }, { "byStatus", byStatus },
        { "apiCallsPerTenant", perTenant } };
}

} // namespace XeroEmulator
