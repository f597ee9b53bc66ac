#include "xeroreplyreader.h"

#include <QNetworkReply>

#include "core/xero/xeroerrors.h"

namespace XeroSync {

static std::optional<int> intHeader(QNetworkReply *reply, const char *name)
{
    if (!reply->hasRawHeader(name))
        return std::nullopt;
    bool ok = false;
    const int value = reply->rawHeader(name).trimmed().toInt(&ok);
    return ok ? std::optional(value) : std::nullopt;
}

RateLimitInfo XeroReplyReader::limitsFrom(QNetworkReply *reply)
{
    RateLimitInfo limits;
    limits.dayRemaining = intHeader(reply, "X-DayLimit-Remaining");
    limits.minuteRemaining = intHeader(reply, "X-MinLimit-Remaining");
    limits.appMinuteRemaining = intHeader(reply, "X-AppMinLimit-Remaining");
    limits.retryAfterSeconds = intHeader(reply, "Retry-After");
    limits.problem = reply->rawHeader("X-Rate-Limit-Problem");
    return limits;
}

XeroReply XeroReplyReader::read(QNetworkReply *reply, bool timedOut)
{
    XeroReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = nlohmann::json::parse(result.body.toStdString(), nullptr, false);
    result.limits = limitsFrom(reply);
    result.correlationId = reply->rawHeader("Xero-Correlation-Id");
    if (result.status == 0)
        result.error = XeroErrors::fromTransport(reply->errorString(), timedOut);
    else
        result.error = XeroErrors::fromReply(result);
    return result;
}

} // namespace XeroSync
