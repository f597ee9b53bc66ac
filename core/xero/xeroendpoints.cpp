#include "xeroendpoints.h"

namespace XeroSync {

XeroEndpoints XeroEndpoints::production()
{
    return XeroEndpoints { QUrl(
                               QStringLiteral("https://login.xero.com/identity/connect/authorize")),
        QUrl(QStringLiteral("https://identity.xero.com/connect/token")),
        QUrl(QStringLiteral("https://identity.xero.com/connect/revocation")),
        QUrl(QStringLiteral("https://api.xero.com")) };
}

Result<XeroEndpoints> XeroEndpoints::fromBaseUrl(const QString &baseUrl)
{
    QUrl base(baseUrl);
    if (!base.isValid()
        || (base.scheme() != QLatin1String("http") && base.scheme() != QLatin1String("https"))
        || base.host().isEmpty())
        return fail(
            ErrorCode::BadRequest, QStringLiteral("'%1' is not an http(s) base URL").arg(baseUrl));
    base.setPath(QString());
    const auto at = [&base](const char *path) {
        auto url = base;
        url.setPath(QString::fromLatin1(path));
        return url;
    };
    return XeroEndpoints { at("/identity/connect/authorize"), at("/connect/token"),
        at("/connect/revocation"), base };
}

} // namespace XeroSync
