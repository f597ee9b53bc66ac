#pragma once

#include <memory>

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include "core/common/error.h"

namespace XeroSync::Test {

//! A real xerosync-agent in a process of its own, as systemd would run it: configured by a
//! config file plus environment, port 0, its log in a temp dir, stopped with SIGTERM.
class AgentProcess
{
public:
    AgentProcess();
    ~AgentProcess();
    AgentProcess(const AgentProcess &) = delete;
    AgentProcess &operator=(const AgentProcess &) = delete;

    QProcessEnvironment &environment() { return m_environment; }

    //! Writes the INI config file the agent is started with. With `tls_cert` in it, url() is
    //! https.
    void setConfig(const QByteArray &ini);
    QString configPath() const;

    Result<void> start();
    //! SIGTERM and wait; the exit code, or an error when it did not stop in time.
    Result<int> terminate(int timeoutMs = 30'000);
    void kill();
    bool isRunning() const;

    QUrl url(const QString &path) const;

    quint16 port() const { return m_port; }

    qint64 pid() const { return m_process ? m_process->processId() : 0; }

    QByteArray log() const;

    struct Command
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    //! Runs a CLI verb (token create, status, …) with the same config and environment.
    Command run(const QStringList &arguments) const;
    //! `token create --name name --role role`: the token it printed, or its error output.
    Result<QString> createToken(const QString &name, const QString &role) const;

    static QString executable();

    //! A throwaway self-signed certificate for 127.0.0.1 / localhost (openssl), PEM files.
    static Result<void> makeCertificate(const QString &certPath, const QString &keyPath);

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_environment;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    bool m_tls = false;
};

} // namespace XeroSync::Test
