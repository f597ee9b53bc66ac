#pragma once

#include <expected>

#include <QMetaType>
#include <QString>

namespace XeroSync {

enum class ErrorCode
{
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    Unavailable,
    Timeout,
    Validation,
    PayloadTooLarge,
    Internal,
};

//! The one error type that crosses module borders (STYLE.md §6).
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message; //!< English, for logs and details; never the UI headline
    bool retryable = false; //!< decides between a retry with backoff and a permanent failure
    QString field {}; //!< the request field at fault, when a request was bad (API errors name it)

    bool operator==(const Error &) const = default;
};

template <typename T>
using Result = std::expected<T, Error>;

//! Stable snake_case name of a code, as the API's error bodies carry it ("not_found").
QString errorCodeName(ErrorCode code);

//! Parses errorCodeName()'s output back; nullopt-like Internal for unknown names is not
//! useful to callers, so this returns an Error for an unknown name.
Result<ErrorCode> errorCodeFromName(const QString &name);

//! Shorthand for the common `return std::unexpected(Error{...})`.
inline std::unexpected<Error> fail(ErrorCode code, const QString &message, bool retryable = false)
{
    return std::unexpected(Error { code, message, retryable });
}

} // namespace XeroSync

Q_DECLARE_METATYPE(XeroSync::Error)
