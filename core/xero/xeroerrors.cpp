#include "xeroerrors.h"

#include <QStringList>

#include "core/common/json.h"

namespace XeroSync {

QString XeroErrors::messageOf(const XeroReply &reply)
{
    const auto &json = reply.json;
    if (!json.is_object()) {
        const auto plain = QString::fromUtf8(reply.body).simplified();
        return plain.left(300);
    }
    QStringList parts;
    // Payroll AU 1.0: per-item ValidationErrors, else the top-level Message.
    if (const auto items = json.find("Timesheets"); items != json.end() && items->is_array()) {
        for (const auto &item : *items) {
            for (const auto &error : item.value("ValidationErrors", nlohmann::json::array()))
                parts << Json::textAt(error, "Message");
        }
    }
    // Payroll 2.0 Problem.
    for (const auto &field : json.value("invalidFields", nlohmann::json::array())) {
        const auto name = Json::textAt(field, "name");
        const auto reason = Json::textAt(field, "reason");
        parts << (name.isEmpty() || name == QLatin1String("_default")
                ? reason
                : name + QStringLiteral(": ") + reason);
    }
    // Projects modelState: {"model.Name": ["..."]}.
    if (const auto state = json.find("modelState"); state != json.end() && state->is_object()) {
        for (const auto &[key, messages] : state->items()) {
            for (const auto &message : messages) {
                if (message.is_string())
                    parts << QString::fromStdString(message.get<std::string>());
            }
        }
    }
    parts.removeAll(QString());
    parts.removeDuplicates();
    if (!parts.isEmpty())
        return parts.join(QStringLiteral("; "));
    for (const char *key :
        { "Message", "detail", "Detail", "message", "error_description", "error", "Title" }) {
        if (const auto value = Json::textAt(json, key); !value.isEmpty())
            return value;
    }
    return QString::fromUtf8(reply.body).left(300);
}

std::optional<Error> XeroErrors::fromReply(const XeroReply &reply)
{
    const int status = reply.status;
    if (status >= 200 && status < 300)
        return std::nullopt;
    const auto message = messageOf(reply);
    const auto withStatus = [&](const QString &what) {
        return QStringLiteral("Xero answered %1 (%2): %3").arg(status).arg(what, message);
    };
    switch (status) {
    case 400:
        // The token endpoint's invalid_grant means the connection must be authorised again.
        if (Json::textAt(reply.json, "error") == QLatin1String("invalid_grant"))
            return Error { ErrorCode::Unauthorized, withStatus(QStringLiteral("invalid_grant")),
                false };
        return Error { ErrorCode::Validation, withStatus(QStringLiteral("validation")), false };
    case 401:
        // Projects answers 401 for an organisation without Xero Projects (research §7): no
        // refreshed token fixes that, a person must.
        if (message.contains(QLatin1String("provisioned in Xero Projects"), Qt::CaseInsensitive))
            return Error { ErrorCode::BadRequest,
                withStatus(QStringLiteral("no Xero Projects"))
                    + QStringLiteral(". Turn on Xero Projects for the organisation, or send its "
                                     "time to payroll instead."),
                false };
        return Error { ErrorCode::Unauthorized, withStatus(QStringLiteral("unauthorized")), true };
    case 403:
        return Error { ErrorCode::Forbidden, withStatus(QStringLiteral("forbidden")), false };
    case 404:
        return Error { ErrorCode::NotFound, withStatus(QStringLiteral("not found")), false };
    case 409:
        return Error { ErrorCode::Conflict, withStatus(QStringLiteral("conflict")), false };
    case 429: {
        const auto problem = reply.limits.problem.isEmpty()
            ? QStringLiteral("unknown")
            : QString::fromLatin1(reply.limits.problem);
        const auto wait = reply.limits.retryAfterSeconds
            ? QStringLiteral("; retry after %1 s").arg(*reply.limits.retryAfterSeconds)
            : QString();
        return Error { ErrorCode::RateLimited,
            QStringLiteral("Xero rate limit reached (%1)%2").arg(problem, wait), true };
    }
    default:
        break;
    }
    if (status >= 500)
        return Error { ErrorCode::Unavailable, withStatus(QStringLiteral("server error")), true };
    return Error { ErrorCode::BadRequest, withStatus(QStringLiteral("unexpected")), false };
}

Error XeroErrors::fromTransport(const QString &what, bool timedOut)
{
    if (timedOut)
        return Error { ErrorCode::Timeout,
            QStringLiteral("Xero did not answer in time: %1").arg(what), true };
    return Error { ErrorCode::Unavailable,
        QStringLiteral("Xero could not be reached: %1").arg(what), true };
}

} // namespace XeroSync
