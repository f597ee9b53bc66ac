#pragma once

#include <QString>
#include <QUrl>

// The agent's routes, shared by the agent (which serves them) and the dashboard (which calls them),
// so a renamed route cannot drift between the two. `<arg>` is QHttpServer's placeholder.
namespace XeroSync::Routes {

inline constexpr auto Health = "/api/health";
inline constexpr auto Session = "/api/session";
inline constexpr auto Metrics = "/metrics";
inline constexpr auto ApprovalWebhook = "/api/events/timesheet-approved";

inline constexpr auto ManualSync = "/api/xero/sync/manual";
inline constexpr auto BatchSync = "/api/xero/sync/batch";
inline constexpr auto QueueStatus = "/api/xero/sync/queue/status";
inline constexpr auto Logs = "/api/xero/sync/logs";
inline constexpr auto Stats = "/api/xero/sync/stats";
inline constexpr auto Jobs = "/api/xero/sync/jobs";
inline constexpr auto JobRetry = "/api/xero/sync/jobs/<arg>/retry";
inline constexpr auto Job = "/api/xero/sync/jobs/<arg>";
inline constexpr auto Submission = "/api/xero/sync/submissions/<arg>";
inline constexpr auto SubmissionPreview = "/api/xero/sync/submissions/<arg>/preview";
inline constexpr auto Employees = "/api/xero/sync/employees";
inline constexpr auto Events = "/api/xero/sync/events";

inline constexpr auto XeroConnect = "/api/xero/connect";
inline constexpr auto XeroCallback = "/api/xero/callback";
inline constexpr auto XeroConnection = "/api/xero/connection";

//! A route with its `<arg>` filled in, percent-encoded (a job id such as `sync:TS-1:v1`).
inline QString withArg(const char *route, const QString &arg)
{
    return QString::fromLatin1(route).replace(
        QStringLiteral("<arg>"), QString::fromUtf8(QUrl::toPercentEncoding(arg)));
}

} // namespace XeroSync::Routes
