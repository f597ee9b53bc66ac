#include "apirequest.h"

#include <algorithm>

namespace XeroEmulator {

QByteArray ApiRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

std::string ApiRequest::queryValue(const char *name) const
{
    return query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded).toStdString();
}

bool ApiRequest::hasQuery(const char *name) const
{
    return query.hasQueryItem(QString::fromLatin1(name));
}

bool ApiRequest::hasAnyScope(std::initializer_list<const char *> wanted) const
{
    return std::any_of(wanted.begin(), wanted.end(), [this](const char *scope) {
        return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
    });
}

QUrlQuery ApiRequest::form() const
{
    auto text = QString::fromUtf8(body);
    text.replace(QLatin1Char('+'), QLatin1String("%20"));
    return QUrlQuery(text);
}

} // namespace XeroEmulator
