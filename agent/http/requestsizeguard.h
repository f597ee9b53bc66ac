#pragma once

#include <QByteArray>
#include <QObject>

class QTcpSocket;

namespace XeroSync {

//! Refuses an oversized request before its body is read. QHttpServer 6.4 reads a whole request
//! into memory before any route sees it and has no size limit of its own, so a client could make
//! the agent buffer gigabytes. This guard watches a connection's bytes as they arrive (it is
//! connected to readyRead before QHttpServer, and QHttpServer 6.4 consumes everything on each
//! readyRead, so each peek sees only new bytes): it follows the request framing (head, then
//! Content-Length bytes of body) and answers 413 (body over the limit), 431 (head over 64 KiB)
//! or 411 (chunked body, whose size is not known up front) with the API's error shape. Then it
//! reads and drops what the client still sends of that request (so QHttpServer never sees it and
//! the client, done sending, reads the answer instead of a reset), at most DrainBytes or
//! DrainMs, and closes the connection. It stops watching when a request upgrades to a WebSocket.
//! Hand-written because neither QHttpServer nor QTcpServer offers such a hook in Qt 6.4.
class RequestSizeGuard final : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype MaxHeadBytes = 64 * 1024;
    //! Enough for a client a little over the limit to finish sending and read the 413; a
    //! bigger upload is cut off (it read the 413 early, or sees the connection reset).
    static constexpr qint64 DrainBytes = 1024 * 1024;
    static constexpr int DrainMs = 10'000;

    //! Watches `socket` (and is deleted with it).
    static RequestSizeGuard *attach(QTcpSocket *socket, qint64 maxBodyBytes);

signals:
    //! A request was refused with `status` (for the metrics).
    void refused(int status);

private:
    RequestSizeGuard(QTcpSocket *socket, qint64 maxBodyBytes);
    void inspect();
    //! Follows the framing over `data`; false when the request was refused.
    bool consume(QByteArrayView data);
    bool headComplete();
    void refuse(int status, const char *reason, const QByteArray &message);
    void drain();

    QTcpSocket *m_socket;
    qint64 m_maxBodyBytes;
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    bool m_inBody = false;
    bool m_done = false;
    bool m_draining = false;
    qint64 m_drainLeft = 0;
    qint64 m_bufferedBefore = 0;
};

} // namespace XeroSync
