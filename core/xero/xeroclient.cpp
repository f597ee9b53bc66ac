#include "xeroclient.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include "core/xero/xerologging.h"
#include "core/xero/xeroreplyreader.h"

namespace XeroSync {

XeroClient::XeroClient(XeroEndpoints endpoints, QObject *parent)
    : QObject(parent)
    , m_endpoints(std::move(endpoints))
    , m_network(new QNetworkAccessManager(this))
{ }

QByteArray XeroClient::idempotencyKey(
    const QString &operation, const QString &submissionId, int version, const QString &part)
{
    const auto material =
        QStringLiteral("%1|%2|%3|%4").arg(operation, submissionId).arg(version).arg(part).toUtf8();
    return "xerosync-" + QCryptographicHash::hash(material, QCryptographicHash::Sha256).toHex();
}

void XeroClient::send(const XeroRequest &request, Callback done)
{
    QUrl url = m_endpoints.api;
    url.setPath(url.path() + request.path);
    if (!request.query.isEmpty())
        url.setQuery(request.query);
    QNetworkRequest http(url);
    http.setRawHeader("Accept", "application/json");
    http.setRawHeader("Authorization", "Bearer " + request.accessToken.toUtf8());
    if (!request.tenantId.isEmpty())
        http.setRawHeader("Xero-Tenant-Id", request.tenantId.toUtf8());
    if (!request.idempotencyKey.isEmpty())
        http.setRawHeader("Idempotency-Key", request.idempotencyKey);
    for (const auto &[name, value] : request.headers)
        http.setRawHeader(name, value);
    QByteArray body;
    if (!request.body.is_null()) {
        body = QByteArray::fromStdString(request.body.dump());
        http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    http.setTransferTimeout(m_timeoutMs);
    auto *reply = m_network->sendCustomRequest(http, request.method, body);
    connect(reply, &QNetworkReply::finished, this,
        [reply, done = std::move(done), method = request.method, url] {
            const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError
                || reply->error() == QNetworkReply::TimeoutError;
            auto result = XeroReplyReader::read(reply, timedOut);
            qCDebug(lcXero).noquote()
                << method << url.path() << result.status << result.correlationId;
            reply->deleteLater();
            done(std::move(result));
        });
}

} // namespace XeroSync
