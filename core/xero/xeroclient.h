#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include <QList>
#include <QObject>
#include <QUrlQuery>

#include "core/xero/xeroendpoints.h"
#include "core/xero/xeroreply.h"

class QNetworkAccessManager;

namespace XeroSync {

struct XeroRequest
{
    QByteArray method = "GET";
    QString path; //!< below the API base, e.g. "/payroll.xro/1.0/Timesheets"
    QUrlQuery query;
    QString tenantId; //!< empty for custom connections, which need no header
    nlohmann::json body; //!< null: no body
    QByteArray idempotencyKey; //!< sent on every create and update (research §10)
    QString accessToken;
    QList<std::pair<QByteArray, QByteArray>> headers;
};

//! Calls Xero's APIs: bearer token, Xero-Tenant-Id, Idempotency-Key, JSON both ways, a
//! timeout, and every answer read into a XeroReply with its limits and its Error.
class XeroClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(XeroReply)>;

    explicit XeroClient(XeroEndpoints endpoints, QObject *parent = nullptr);

    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    const XeroEndpoints &endpoints() const { return m_endpoints; }

    //! Sends the request; `done` runs on this object's thread with the answer.
    void send(const XeroRequest &request, Callback done);

    //! A key for one write of one submission version: the same inputs always give the same key,
    //! so a retry after a lost answer is recognised by Xero (≤128 characters).
    static QByteArray idempotencyKey(const QString &operation, const QString &submissionId,
        int version, const QString &part = {});

private:
    XeroEndpoints m_endpoints;
    QNetworkAccessManager *m_network;
    int m_timeoutMs = 30'000;
};

} // namespace XeroSync
