#include "approvalevent.h"

#include "core/common/json.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr qsizetype MAX_ID_LENGTH = 200;
} // namespace

Result<ApprovalEvent> ApprovalEvent::parse(QByteArrayView payload)
{
    auto json = Json::parse(payload);
    if (!json)
        return std::unexpected(json.error());
    if (!json->is_object())
        return fail(ErrorCode::BadRequest, u"the payload is not a JSON object"_s);

    ApprovalEvent event;
    const auto kind = Json::stringAt(*json, "event");
    if (!kind)
        return fail(ErrorCode::BadRequest, u"the payload has no string 'event'"_s);
    if (*kind == u"approved")
        event.kind = Kind::Approved;
    else if (*kind == u"rejected")
        event.kind = Kind::Rejected;
    else
        return fail(ErrorCode::BadRequest, u"unknown event '%1'"_s.arg(kind->left(40)));

    // Ids may arrive as strings or, from integer-keyed schemas, as numbers.
    const auto idIt = json->find("submissionId");
    if (idIt != json->end() && idIt->is_string())
        event.submissionId = QString::fromStdString(idIt->get<std::string>());
    else if (idIt != json->end() && idIt->is_number_integer())
        event.submissionId = QString::number(idIt->get<qint64>());
    if (event.submissionId.trimmed().isEmpty())
        return fail(ErrorCode::BadRequest, u"the payload has no 'submissionId'"_s);
    if (event.submissionId.size() > MAX_ID_LENGTH)
        return fail(ErrorCode::BadRequest,
            u"the submission id is longer than %1 characters"_s.arg(MAX_ID_LENGTH));

    if (const auto v = json->find("version"); v != json->end() && !v->is_null()) {
        if (!v->is_number_integer() || v->get<qint64>() < 1 || v->get<qint64>() > INT_MAX)
            return fail(ErrorCode::BadRequest, u"'version' must be a positive integer"_s);
        event.version = int(v->get<qint64>());
    }
    if (const auto u = json->find("userId"); u != json->end()) {
        if (u->is_string())
            event.userId = QString::fromStdString(u->get<std::string>());
        else if (u->is_number_integer())
            event.userId = QString::number(u->get<qint64>());
    }
    event.approvedBy = Json::stringAt(*json, "approvedBy").value_or(QString());
    if (const auto at = Json::stringAt(*json, "at")) {
        event.at = QDateTime::fromString(*at, Qt::ISODateWithMs);
        if (!event.at.isValid())
            return fail(ErrorCode::BadRequest, u"'at' is not an ISO 8601 time"_s);
        event.at = event.at.toUTC();
    }
    return event;
}

} // namespace XeroSync
