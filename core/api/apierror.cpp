#include "apierror.h"

#include "core/common/json.h"

using namespace Qt::StringLiterals;

namespace XeroSync::ApiError {

int httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
        return 400;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::Forbidden:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::Conflict:
        return 409;
    case ErrorCode::Validation:
        return 422;
    case ErrorCode::PayloadTooLarge:
        return 413;
    case ErrorCode::RateLimited:
        return 429;
    case ErrorCode::Unavailable:
        return 503;
    case ErrorCode::Timeout:
        return 504;
    case ErrorCode::Internal:
        break;
    }
    return 500;
}

nlohmann::json body(const Error &error)
{
    nlohmann::json inner { { "code", errorCodeName(error.code).toStdString() },
        { "message", error.message.toStdString() } };
    if (!error.field.isEmpty())
        inner["field"] = error.field.toStdString();
    if (error.retryable)
        inner["retryable"] = true;
    return { { "error", inner } };
}

Error fromBody(int httpStatus, const nlohmann::json &body)
{
    const auto inner = body.is_object() ? body.value("error", nlohmann::json()) : nlohmann::json();
    const auto code = errorCodeFromName(Json::textAt(inner, "code"));
    if (!inner.is_object() || !code)
        return Error { ErrorCode::Internal, u"the agent answered HTTP %1"_s.arg(httpStatus) };
    Error error { *code, Json::textAt(inner, "message"), inner.value("retryable", false) };
    error.field = Json::textAt(inner, "field");
    return error;
}

} // namespace XeroSync::ApiError
