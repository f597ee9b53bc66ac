#include "httpconnection.h"

#include <QTcpSocket>
#include <QUrl>

namespace XeroEmulator {

static constexpr qsizetype MaxHeaderBytes = 64 * 1024;

HttpConnection::HttpConnection(
    QTcpSocket *socket, int maxBodyBytes, RequestHandler handler, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_maxBodyBytes(maxBodyBytes)
    , m_handler(std::move(handler))
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
}

void HttpConnection::onReadyRead()
{
    if (m_discard > 0) {
        // Read a refused body to its end, so the client sees our 413 instead of a reset.
        m_discard -= m_socket->readAll().size();
        if (m_discard <= 0)
            m_socket->disconnectFromHost();
        return;
    }
    m_buffer += m_socket->readAll();
    if (!m_busy)
        parse();
}

void HttpConnection::fail(int status, const QByteArray &reason)
{
    const QByteArray body = "{\"error\":\"" + reason + "\"}";
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + " " + reason
        + "\r\nContent-Type: application/json\r\n" + "Content-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    if (status != 413) // a refused body is read to its end first (onReadyRead)
        m_socket->disconnectFromHost();
    m_buffer.clear();
    m_busy = true; // read nothing more
}

void HttpConnection::parse()
{
    const auto headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (m_buffer.size() > MaxHeaderBytes)
            fail(431, "Request Header Fields Too Large");
        return;
    }
    const auto head = m_buffer.left(headerEnd);
    const auto lines = head.split('\n');
    const auto requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        fail(400, "Bad Request");
        return;
    }
    ApiRequest request;
    request.method = requestLine[0];
    const auto url = QUrl::fromEncoded(requestLine[1]);
    request.path = url.path();
    request.segments = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    request.query = QUrlQuery(url);
    qint64 contentLength = 0;
    bool keepAlive = requestLine[2] == "HTTP/1.1";
    for (int i = 1; i < lines.size(); ++i) {
        const auto line = lines[i].trimmed();
        const auto colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const auto name = line.left(colon).trimmed();
        const auto value = line.mid(colon + 1).trimmed();
        request.headers.emplace_back(name, value);
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            contentLength = value.toLongLong(&ok);
            if (!ok || contentLength < 0) {
                fail(400, "Bad Request");
                return;
            }
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            fail(411, "Length Required"); // chunked bodies: no client of ours sends them
            return;
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            keepAlive = value.compare("close", Qt::CaseInsensitive) != 0;
        }
    }
    if (contentLength > m_maxBodyBytes) {
        const qint64 received = m_buffer.size() - (headerEnd + 4);
        fail(413, "Payload Too Large");
        m_discard = contentLength - received;
        if (m_discard <= 0)
            m_socket->disconnectFromHost();
        return;
    }
    const auto total = headerEnd + 4 + contentLength;
    if (m_buffer.size() < total)
        return; // the body is still on its way
    request.body = m_buffer.mid(headerEnd + 4, contentLength);
    request.remote = m_socket->peerAddress();
    m_buffer.remove(0, total);
    m_closeAfter = !keepAlive;
    m_busy = true;
    m_handler(this, request);
}

void HttpConnection::respond(const QByteArray &bytes)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_socket->write(bytes);
    m_busy = false;
    if (m_closeAfter) {
        m_socket->disconnectFromHost();
        m_busy = true;
        return;
    }
    if (!m_buffer.isEmpty())
        parse();
}

void HttpConnection::abort()
{
    m_busy = true;
    m_socket->abort();
    deleteLater();
}

} // namespace XeroEmulator
