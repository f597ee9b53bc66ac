#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include <QList>
#include <QObject>
#include <QUrlQuery>

#include "core/xero/ratelimitgate.h"
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

    //! Sends the request; `done` runs on this object's thread with the answer. With a gate, the
    //! request waits for a slot first, and a 429 is waited out and sent again, not reported: a
    //! rate limit is not a failed attempt.
    void send(const XeroRequest &request, Callback done);

    //! Shares Xero's limits with every other client (not owned; may be null).
    void setRateLimitGate(RateLimitGate *gate) { m_gate = gate; }

    //! A call already made without the organisation's id (a custom connection's first
    //! Organisation read, which is how it learns the id) is counted against that organisation
    //! afterwards, so the gate's minute and day match Xero's; skipped when its window is full.
    void countAgainst(const QString &tenantId);

    //! 429s answered by Xero so far (the gate should keep this at zero).
    int rateLimitedAnswers() const { return m_rateLimited; }

    //! A key for one write of one submission version: the same inputs always give the same key,
    //! so a retry after a lost answer is recognised by Xero (≤128 characters).
    static QByteArray idempotencyKey(const QString &operation, const QString &submissionId,
        int version, const QString &part = {});

private:
    void dispatch(const XeroRequest &request, Callback done, int attempt);
    void transmit(const XeroRequest &request, Callback done, int attempt, const QByteArray &permit);

    XeroEndpoints m_endpoints;
    RateLimitGate *m_gate = nullptr;
    int m_rateLimited = 0;
    QNetworkAccessManager *m_network;
    int m_timeoutMs = 30'000;
};

} // namespace XeroSync
