#include "redact.h"

#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace XeroSync {

QString redactedUrl(const QString &url)
{
    QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.scheme().isEmpty())
        return url;
    if (!parsed.password().isEmpty())
        parsed.setPassword(u"***"_s);
    if (parsed.hasQuery()) {
        QUrlQuery query(parsed);
        const auto items = query.queryItems();
        for (const auto &[key, value] : items) {
            if (key.compare(u"password"_s, Qt::CaseInsensitive) == 0) {
                query.removeAllQueryItems(key);
                query.addQueryItem(key, u"***"_s);
            }
        }
        parsed.setQuery(query);
    }
    return parsed.toString();
}

} // namespace XeroSync
