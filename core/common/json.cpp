#include "json.h"

using namespace Qt::StringLiterals;

namespace XeroSync::Json {

Result<nlohmann::json> parse(QByteArrayView text)
{
    // allow_exceptions=false: a parse error yields a "discarded" value instead of throwing,
    // so nothing can escape into the event loop.
    auto value = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (value.is_discarded())
        return fail(ErrorCode::BadRequest, u"malformed JSON"_s);
    return value;
}

std::optional<QString> stringAt(const nlohmann::json &object, const char *key)
{
    if (!object.is_object())
        return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return std::nullopt;
    return QString::fromStdString(it->get<std::string>());
}

} // namespace XeroSync::Json
