#include "error.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr std::array<std::pair<ErrorCode, const char16_t *>, 11> NAMES { {
    { ErrorCode::BadRequest, u"bad_request" },
    { ErrorCode::Unauthorized, u"unauthorized" },
    { ErrorCode::Forbidden, u"forbidden" },
    { ErrorCode::NotFound, u"not_found" },
    { ErrorCode::Conflict, u"conflict" },
    { ErrorCode::RateLimited, u"rate_limited" },
    { ErrorCode::Unavailable, u"unavailable" },
    { ErrorCode::Timeout, u"timeout" },
    { ErrorCode::Validation, u"validation" },
    { ErrorCode::PayloadTooLarge, u"payload_too_large" },
    { ErrorCode::Internal, u"internal" },
} };
} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const auto &[c, name] : NAMES) {
        if (c == code)
            return QString::fromUtf16(name);
    }
    return u"internal"_s;
}

Result<ErrorCode> errorCodeFromName(const QString &name)
{
    for (const auto &[c, n] : NAMES) {
        if (name == QStringView(n))
            return c;
    }
    return fail(ErrorCode::BadRequest, u"unknown error code '%1'"_s.arg(name));
}

} // namespace XeroSync
