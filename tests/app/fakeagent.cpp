#include "fakeagent.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QUrlQuery>

#include "core/api/apiversion.h"
#include "core/api/routes.h"

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace XeroSync::Test {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return u"GET"_s;
    case QHttpServerRequest::Method::Post:
        return u"POST"_s;
    case QHttpServerRequest::Method::Delete:
        return u"DELETE"_s;
    default:
        return u"OTHER"_s;
    }
}

} // namespace

FakeAgent::FakeAgent()
    : m_server(std::make_unique<QHttpServer>())
{
    const auto handle = [this](const QHttpServerRequest &request) {
        Request recorded { methodName(request.method()), request.url().path(),
            request.url().query(), request.value("Authorization"), Json() };
        if (!request.body().isEmpty())
            recorded.body = Json::parse(request.body().toStdString(), nullptr, false);
        m_requests << recorded;
        const Answer out = answer(recorded);
        return QHttpServerResponse("application/json", QByteArray::fromStdString(out.body.dump()),
            QHttpServerResponse::StatusCode(out.status));
    };
    for (const char *route : { Routes::Session, Routes::Health, Routes::QueueStatus, Routes::Logs,
             Routes::Stats, Routes::Jobs, Routes::ManualSync, Routes::BatchSync, Routes::Employees,
             Routes::XeroConnection, Routes::XeroConnect }) {
        m_server->route(QString::fromLatin1(route), handle);
    }
    for (const char *route : { Routes::JobRetry, Routes::Job, Routes::Submission }) {
        m_server->route(QString::fromLatin1(route),
            [handle](
                const QString &, const QHttpServerRequest &request) { return handle(request); });
    }
}

FakeAgent::~FakeAgent() = default;

quint16 FakeAgent::listen(quint16 port)
{
    m_port = m_server->listen(QHostAddress::LocalHost, port);
    return m_port;
}

QString FakeAgent::url() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_port);
}

QList<FakeAgent::Request> FakeAgent::requestsTo(const QString &path, const QString &method) const
{
    QList<Request> out;
    for (const Request &r : m_requests) {
        if (r.path == path && (method.isEmpty() || r.method == method))
            out << r;
    }
    return out;
}

Json FakeAgent::sampleStatus(bool paused)
{
    return { { "counts",
                 { { "waiting", 12 }, { "active", 3 }, { "delayed", 2 }, { "completed", 1480 },
                     { "failed", 4 }, { "paused", 0 } } },
        { "paused", paused }, { "workers", Json::array({ "agent-1", "agent-2" }) },
        { "xero",
            { { "connected", true },
                { "organisations",
                    Json::array({ { { "tenantId", "t-au" }, { "tenantName", "Demo Company (AU)" },
                        { "status", "CONNECTED" }, { "region", "AU" }, { "active", true },
                        { "tokenExpiresAt", "2026-11-28T10:30:00Z" } } }) } } },
        { "rateLimit",
            { { "t-au",
                { { "inFlight", 2 }, { "concurrent", 5 }, { "usedThisMinute", 22 },
                    { "perMinute", 60 }, { "usedToday", 1210 }, { "perDay", 5000 } } } } } };
}

Json FakeAgent::sampleStats()
{
    return { { "hours", 24 },
        { "totals",
            { { "total", 1484 }, { "success", 1462 }, { "failed", 22 }, { "successRate", 0.985 },
                { "averageDurationMs", 820.0 }, { "p95DurationMs", 2310.0 },
                { "topErrors",
                    Json::array({ { { "message",
                                        "Casey Unmapped is not linked to a Xero employee." },
                                      { "count", 9 } },
                        { { "message", "The period is not a pay period of the weekly calendar." },
                            { "count", 7 } },
                        { { "message", "Xero answered 503 (server error)" },
                            { "count", 6 } } }) } } },
        { "series", Json::array() } };
}

Json FakeAgent::sampleLogPage(qint64 newestId, int rows)
{
    Json out = Json::array();
    for (int i = 0; i < rows; ++i) {
        const qint64 id = newestId - i;
        const bool failed = id % 7 == 0;
        out.push_back({ { "id", id }, { "submissionId", "TS-" + std::to_string(1000 + id) },
            { "operation", "sync-timesheet" }, { "status", failed ? "FAILED" : "SUCCESS" },
            { "trigger", id % 5 == 0 ? "manual" : "approval" },
            { "error", failed ? "Casey Unmapped is not linked to a Xero employee." : "" },
            { "retryCount", failed ? 0 : int(id % 2) }, { "durationMs", 400 + (id % 9) * 110 },
            { "createdAt",
                "2026-11-28T09:" + std::string(id % 60 < 10 ? "0" : "") + std::to_string(id % 60)
                    + ":00.000Z" } });
    }
    return { { "rows", out }, { "newestId", newestId }, { "oldestId", newestId - rows + 1 },
        { "hasMore", false } };
}

FakeAgent::Answer FakeAgent::answer(const Request &request)
{
    if (m_handler) {
        if (auto custom = m_handler(request))
            return *custom;
    }
    const QString path = request.path;
    if (path == QLatin1String(Routes::Session))
        return { 200,
            { { "name", "test-token" }, { "role", m_role.toStdString() },
                { "apiVersion", API_VERSION } } };
    if (path == QLatin1String(Routes::Health))
        return { 200,
            { { "status", "ok" },
                { "checks",
                    { { "redis", { { "ok", true }, { "latencyMs", 1 } } },
                        { "postgres", { { "ok", true }, { "latencyMs", 2 } } } } } } };
    if (path == QLatin1String(Routes::QueueStatus) && request.method == u"GET"_s)
        return { 200, sampleStatus(m_paused) };
    if (path == QLatin1String(Routes::QueueStatus)) {
        const std::string action = request.body.value("action", "");
        if (action == "pause" || action == "resume")
            m_paused = action == "pause";
        return { 200, { { "action", action }, { "paused", m_paused }, { "affected", 4 } } };
    }
    if (path == QLatin1String(Routes::Stats))
        return { 200, sampleStats() };
    if (path == QLatin1String(Routes::Logs))
        return { 200,
            { { "rows", Json::array() }, { "newestId", 0 }, { "oldestId", 0 },
                { "hasMore", false } } };
    if (path == QLatin1String(Routes::Jobs))
        return { 200,
            { { "state", "failed" },
                { "jobs",
                    Json::array(
                        { { { "id", "sync:TS-1:v1" }, { "name", "sync-timesheet" },
                              { "data", { { "submissionId", "TS-1" } } }, { "attemptsMade", 5 },
                              { "attempts", 5 }, { "failedReason", "Xero answered 503" },
                              { "timestamp", 1796000000000 } },
                            { { "id", "sync:TS-2:v1" }, { "name", "sync-timesheet" },
                                { "data", { { "submissionId", "TS-2" } } }, { "attemptsMade", 1 },
                                { "attempts", 5 }, { "failedReason", "Employee not mapped" },
                                { "timestamp", 1796000100000 } } }) },
                { "counts", { { "failed", 2 }, { "waiting", 0 } } } } };
    if (path == QLatin1String(Routes::ManualSync))
        return { 202,
            { { "queued",
                Json::array({ { { "submissionId", "TS-1" }, { "jobId", "manual:TS-1" } } }) } } };
    if (path.startsWith(u"/api/xero/sync/submissions/"_s)) {
        const std::string id = path.mid(path.lastIndexOf(u'/') + 1).toStdString();
        const qint64 logId = std::stoll(id.substr(id.find('-') + 1)) - 1000;
        const Json sent { { "EmployeeID", "76362d64-c4d0-5f0c-bc38-fb319a5645cf" },
            { "StartDate", "/Date(1793577600000+0000)/" },
            { "EndDate", "/Date(1794096000000+0000)/" },
            { "TimesheetLines",
                Json::array({ { { "EarningsRateID", "ordinary" },
                    { "NumberOfUnits", Json::array({ 7.5, 8.5, 8.5, 7.5, 8.5, 0, 0 }) } } }) } };
        return { 200,
            { { "submission",
                  { { "id", id }, { "periodStart", "2026-11-16" }, { "periodEnd", "2026-11-22" },
                      { "status", "APPROVED" }, { "version", 1 }, { "totalHours", 40.5 },
                      { "employee", { { "name", "Olivia Smith" } } },
                      { "entries",
                          Json::array({ { { "workDate", "2026-11-16" }, { "hours", 7.5 },
                                            { "description", "Client work" } },
                              { { "workDate", "2026-11-17" }, { "hours", 8.5 },
                                  { "description", "Client work" } } }) } } },
                { "log",
                    Json::array({ { { "id", logId }, { "status", "SUCCESS" },
                        { "details",
                            { { "action", "created" },
                                { "xeroTimesheetId", "3f1c9a52-5d1e-4a8e-9a57-2c0d7e1b6b11" },
                                { "sent", sent },
                                { "received", { { "Status", "OK" } } } } } } }) } } };
    }
    if (path == QLatin1String(Routes::Employees))
        return { 200,
            { { "employees",
                Json::array(
                    { { { "id", "u1" }, { "name", "Olivia Smith" }, { "xeroEmployeeId", "x1" } },
                        { { "id", "u2" }, { "name", "Casey Unmapped" },
                            { "xeroEmployeeId", "" } } }) } } };
    if (path == QLatin1String(Routes::BatchSync))
        return { 202,
            { { "jobId", "batch:1" }, { "submissions", 8 },
                { "quota",
                    { { "estimatedCalls", 12 }, { "remainingToday", 3 }, { "perDay", 5000 },
                        { "fitsToday", false } } } } };
    if (path == QLatin1String(Routes::XeroConnection))
        return { 200, sampleStatus(false)["xero"] };
    if (path == QLatin1String(Routes::XeroConnect))
        return { 200,
            { { "authorizeUrl", "http://127.0.0.1:1/identity/connect/authorize?client_id=x" } } };
    return { 404,
        { { "error", { { "code", "not_found" }, { "message", "no such route in the fake" } } } } };
}

} // namespace XeroSync::Test
