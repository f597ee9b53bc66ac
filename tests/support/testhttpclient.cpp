#include "testhttpclient.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QTimer>

namespace XeroSync::Test {

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

nlohmann::json HttpReply::json() const
{
    return nlohmann::json::parse(body.toStdString(), nullptr, false);
}

HttpReply TestHttpClient::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
    const Headers &headers, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(
            QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    auto *reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    HttpReply result;
    result.url = url;
    result.method = method;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.append({ pair.first, pair.second });
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

HttpReply TestHttpClient::postJson(
    const QUrl &url, const nlohmann::json &body, const Headers &headers)
{
    return send("POST", url, QByteArray::fromStdString(body.dump()), headers);
}

HttpReply TestHttpClient::postForm(const QUrl &url, const QByteArray &form, const Headers &headers)
{
    auto all = headers;
    all.append(
        std::pair<QByteArray, QByteArray>("Content-Type", "application/x-www-form-urlencoded"));
    return send("POST", url, form, all);
}

} // namespace XeroSync::Test
