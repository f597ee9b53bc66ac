#pragma once

#include <utility>

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QUrl>

namespace XeroSync::Test {

struct HttpReply
{
    int status = 0; //!< 0: no HTTP answer (connection closed, timeout)
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QString networkError;
    QUrl url;
    QByteArray method;

    QByteArray header(const QByteArray &name) const;
    //! The body as JSON; a discarded value when it is not JSON.
    nlohmann::json json() const;
};

//! Blocking HTTP for tests: one request, wait for the answer (or `timeoutMs`).
class TestHttpClient
{
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    HttpReply send(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
        const Headers &headers = {}, int timeoutMs = 15'000);

    HttpReply get(const QUrl &url, const Headers &headers = {})
    {
        return send("GET", url, {}, headers);
    }

    HttpReply postJson(const QUrl &url, const nlohmann::json &body, const Headers &headers = {});
    HttpReply postForm(const QUrl &url, const QByteArray &form, const Headers &headers = {});

private:
    QNetworkAccessManager m_network;
};

} // namespace XeroSync::Test
