#pragma once

#include <QTcpServer>

namespace XeroSync {

//! The agent's plain-HTTP listener: every connection gets a RequestSizeGuard before QHttpServer
//! takes it, so an oversized body is refused before it is read. (QSslServer connections get
//! theirs from its startedEncryptionHandshake signal.)
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT

public:
    GuardedTcpServer(qint64 maxBodyBytes, QObject *parent = nullptr);

signals:
    //! A guard refused a request with `status`.
    void refused(int status);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    qint64 m_maxBodyBytes;
};

} // namespace XeroSync
