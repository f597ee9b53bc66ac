#include "requestsizeguard.h"

#include <QTcpSocket>
#include <QTimer>

#include "agent/agentlogging.h"
#include "core/api/apierror.h"

namespace XeroSync {

RequestSizeGuard *RequestSizeGuard::attach(QTcpSocket *socket, qint64 maxBodyBytes)
{
    return new RequestSizeGuard(socket, maxBodyBytes);
}

RequestSizeGuard::RequestSizeGuard(QTcpSocket *socket, qint64 maxBodyBytes)
    : QObject(socket)
    , m_socket(socket)
    , m_maxBodyBytes(maxBodyBytes)
{
    connect(socket, &QIODevice::readyRead, this, &RequestSizeGuard::inspect);
}

void RequestSizeGuard::inspect()
{
    if (m_draining) {
        drain();
        return;
    }
    if (m_done)
        return;
    const QByteArray data = m_socket->peek(m_socket->bytesAvailable());
    consume(data);
}

void RequestSizeGuard::drain()
{
    // Everything there is now, before QHttpServer's slot runs (its readAll() would take what is
    // left), so the refused request never reaches it. Through a small fixed buffer: readAll()
    // keeps reading while a fast client keeps sending, into one array as large as the body.
    char scratch[64 * 1024];
    while (m_drainLeft > 0) {
        const qint64 got = m_socket->read(scratch, qint64(sizeof scratch));
        if (got <= 0)
            break;
        m_drainLeft -= got;
    }
    if (m_drainLeft <= 0) {
        m_draining = false;
        m_socket->disconnectFromHost();
    }
}

bool RequestSizeGuard::consume(QByteArrayView data)
{
    qsizetype pos = 0;
    while (pos < data.size() && !m_done) {
        if (m_inBody) {
            const qint64 take = std::min<qint64>(m_bodyLeft, data.size() - pos);
            m_bodyLeft -= take;
            pos += take;
            m_inBody = m_bodyLeft > 0;
            continue;
        }
        const qsizetype before = m_head.size();
        m_head.append(data.sliced(pos));
        const qsizetype end = m_head.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
        if (end < 0) {
            if (m_head.size() > MaxHeadBytes) {
                m_bufferedBefore = data.size();
                refuse(431, "Request Header Fields Too Large",
                    QByteArrayLiteral("the request head is larger than 64 KiB"));
                return false;
            }
            return true;
        }
        const qsizetype headBytes = end + 4;
        pos += headBytes - before;
        m_bufferedBefore = pos; // the bytes of this read up to the body: dropped too if refused
        m_head.truncate(headBytes);
        if (!headComplete())
            return false;
        m_head.clear();
    }
    return true;
}

bool RequestSizeGuard::headComplete()
{
    qint64 length = 0;
    bool upgrade = false;
    const QList<QByteArray> lines = m_head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = lines[i].left(colon).trimmed().toLower();
        const QByteArray value = lines[i].mid(colon + 1).trimmed();
        if (name == "content-length") {
            // A malformed length is QHttpServer's to refuse; only a large valid one is ours.
            bool ok = false;
            const qint64 parsed = value.toLongLong(&ok);
            if (ok && parsed > 0)
                length = parsed;
        } else if (name == "transfer-encoding" && value.toLower().contains("chunked")) {
            refuse(411, "Length Required",
                QByteArrayLiteral("chunked request bodies are not accepted: send Content-Length"));
            return false;
        } else if (name == "upgrade") {
            upgrade = true;
        }
    }
    if (length > m_maxBodyBytes) {
        m_inBody = true;
        m_bodyLeft = length;
        refuse(413, "Payload Too Large",
            QByteArray("the request body is larger than ") + QByteArray::number(m_maxBodyBytes)
                + " bytes");
        return false;
    }
    if (upgrade) {
        // What follows is WebSocket frames, not HTTP.
        m_done = true;
        return true;
    }
    m_inBody = length > 0;
    m_bodyLeft = length;
    return true;
}

void RequestSizeGuard::refuse(int status, const char *reason, const QByteArray &message)
{
    // What the client still sends of this request: the announced body, else a little.
    const qint64 announced = (m_inBody ? m_bodyLeft : 0) + m_bufferedBefore;
    m_done = true;
    qCInfo(lcAgentHttp).noquote() << "refused a request from" << m_socket->peerAddress().toString()
                                  << "with" << status << "before reading it:" << message;
    const Error error { status == 411 ? ErrorCode::BadRequest : ErrorCode::PayloadTooLarge,
        QString::fromUtf8(message) };
    const QByteArray body = QByteArray::fromStdString(ApiError::body(error).dump());
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body);
    m_socket->flush();
    emit refused(status);
    m_draining = true;
    m_drainLeft = std::min(announced, DrainBytes);
    // Whatever of this request is already here is dropped now; a client that never finishes
    // sending is cut off after DrainMs.
    QTimer::singleShot(DrainMs, this, [this] {
        if (m_draining)
            m_socket->abort();
    });
    drain();
}

} // namespace XeroSync
