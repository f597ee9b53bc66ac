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
    dispatch(request, std::move(done), 0);
}

void XeroClient::countAgainst(const QString &tenantId)
{
    if (!m_gate || tenantId.isEmpty())
        return;
    // A permit taken and given back at once: its place in the minute and day windows stays.
    if (const auto permit = m_gate->tryAcquire(tenantId); permit && permit->granted)
        m_gate->release(tenantId, permit->id);
}

void XeroClient::dispatch(const XeroRequest &request, Callback done, int attempt)
{
    if (!m_gate) {
        transmit(request, std::move(done), attempt, {});
        return;
    }
    const auto tenant = request.tenantId.isEmpty() ? QStringLiteral("custom") : request.tenantId;
    auto permit = m_gate->tryAcquire(tenant);
    if (!permit) {
        // Without the shared gate we could overrun Xero's limits: report, the caller retries.
        XeroReply reply;
        reply.error = permit.error();
        done(std::move(reply));
        return;
    }
    if (!permit->granted) {
        qCDebug(lcXero).noquote() << "waiting" << permit->waitMs << "ms for" << permit->reason
                                  << "limit of" << tenant;
        QTimer::singleShot(std::max(1, permit->waitMs), this,
            [this, request, done = std::move(done), attempt]() mutable {
                dispatch(request, std::move(done), attempt);
            });
        return;
    }
    transmit(request, std::move(done), attempt, permit->id);
}

void XeroClient::transmit(
    const XeroRequest &request, Callback done, int attempt, const QByteArray &permit)
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
        [this, reply, request, done = std::move(done), url, attempt, permit]() mutable {
            const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError
                || reply->error() == QNetworkReply::TimeoutError;
            auto result = XeroReplyReader::read(reply, timedOut);
            qCDebug(lcXero).noquote()
                << request.method << url.path() << result.status << result.correlationId;
            reply->deleteLater();
            const auto tenant =
                request.tenantId.isEmpty() ? QStringLiteral("custom") : request.tenantId;
            if (m_gate) {
                m_gate->release(tenant, permit);
                m_gate->observe(tenant, result.limits, result.status);
            }
            if (result.status == 429) {
                ++m_rateLimited;
                // Wait as Xero says and send again; a day-limit wait is too long to hold a caller.
                const int waitS = result.limits.retryAfterSeconds.value_or(1);
                if (m_gate && waitS <= 120 && attempt < 10) {
                    qCInfo(lcXero).noquote() << QStringLiteral("429 (%1), sending again in %2 s")
                                                    .arg(QString::fromLatin1(result.limits.problem))
                                                    .arg(waitS);
                    QTimer::singleShot(waitS * 1000, this,
                        [this, request, done = std::move(done), attempt]() mutable {
                            dispatch(request, std::move(done), attempt + 1);
                        });
                    return;
                }
            }
            done(std::move(result));
        });
}

} // namespace XeroSync
