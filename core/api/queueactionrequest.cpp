#include "queueactionrequest.h"

#include "core/api/fieldreader.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

QString QueueActionRequest::actionName() const
{
    switch (action) {
    case Action::Pause:
        return u"pause"_s;
    case Action::Resume:
        return u"resume"_s;
    case Action::RetryFailed:
        return u"retry-failed"_s;
    case Action::ClearFailed:
        return u"clear-failed"_s;
    }
    return {};
}

Result<QueueActionRequest> QueueActionRequest::fromJson(const nlohmann::json &body)
{
    FieldReader reader(body);
    const QString name = reader.string("action");
    QueueActionRequest request;
    if (name == u"pause"_s)
        request.action = Action::Pause;
    else if (name == u"resume"_s)
        request.action = Action::Resume;
    else if (name == u"retry-failed"_s)
        request.action = Action::RetryFailed;
    else if (name == u"clear-failed"_s)
        request.action = Action::ClearFailed;
    else if (!name.isEmpty())
        reader.reject("action", u"action must be pause, resume, retry-failed or clear-failed"_s);
    if (auto ok = reader.finish(); !ok)
        return std::unexpected(ok.error());
    return request;
}

} // namespace XeroSync
