#pragma once

#include <functional>

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include "apirequest.h"

class QTcpSocket;

namespace XeroEmulator {

//! One client connection speaking HTTP/1.1 with Content-Length bodies and keep-alive.
//!
//! Hand-written instead of QHttpServer because the emulator must answer late (latency, slow
//! faults) and close a connection without answering after doing the work (lost-response
//! faults). QHttpServer 6.4's responder is meant to answer inside the route handler and gives
//! no documented way to hold an answer or drop the connection. Requests on one connection are
//! answered strictly in order: the next is parsed only after the current answer.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    using RequestHandler = std::function<void(HttpConnection *, ApiRequest &)>;

    HttpConnection(
        QTcpSocket *socket, int maxBodyBytes, RequestHandler handler, QObject *parent = nullptr);

    //! Writes one complete answer and goes on with the next request, if any.
    void respond(const QByteArray &bytes);
    //! Closes the connection without an answer (fault injection).
    void abort();

private:
    void onReadyRead();
    void parse();
    void fail(int status, const QByteArray &reason);

    QTcpSocket *m_socket;
    int m_maxBodyBytes;
    RequestHandler m_handler;
    QByteArray m_buffer;
    bool m_busy = false; //!< a request is being answered
    bool m_closeAfter = false;
    qint64 m_discard = 0; //!< bytes of a refused body still to read before closing
};

} // namespace XeroEmulator
