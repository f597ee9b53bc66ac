#include "guardedtcpserver.h"

#include <QTcpSocket>

#include "agent/http/requestsizeguard.h"

namespace XeroSync {

GuardedTcpServer::GuardedTcpServer(qint64 maxBodyBytes, QObject *parent)
    : QTcpServer(parent)
    , m_maxBodyBytes(maxBodyBytes)
{ }

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    // Before QHttpServer connects to the socket, so the guard sees each read first.
    connect(RequestSizeGuard::attach(socket, m_maxBodyBytes), &RequestSizeGuard::refused, this,
        &GuardedTcpServer::refused);
    addPendingConnection(socket);
}

} // namespace XeroSync
