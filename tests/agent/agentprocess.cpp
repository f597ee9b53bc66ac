#include "agentprocess.h"

#include <csignal>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>

namespace XeroSync::Test {

AgentProcess::AgentProcess()
    : m_environment(QProcessEnvironment::systemEnvironment())
{
    // The agent's own variables must come from the test alone.
    for (const char *name : { "REDIS_URL", "DATABASE_URL", "XERO_CLIENT_ID", "XERO_CLIENT_SECRET",
             "XERO_REDIRECT_URI", "XERO_ENVIRONMENT", "XERO_BASE_URL" })
        m_environment.remove(QString::fromLatin1(name));
    setConfig({});
}

AgentProcess::~AgentProcess()
{
    kill();
}

QString AgentProcess::executable()
{
    return QStringLiteral(XEROSYNC_AGENT_PATH);
}

QString AgentProcess::configPath() const
{
    return m_dir.filePath(QStringLiteral("agent.conf"));
}

void AgentProcess::setConfig(const QByteArray &ini)
{
    QFile file(configPath());
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(ini);
    m_tls = ini.contains("tls_cert");
}

Result<void> AgentProcess::makeCertificate(const QString &certPath, const QString &keyPath)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
            QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
            QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
            QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
            QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"), QStringLiteral("-keyout"),
            keyPath, QStringLiteral("-out"), certPath });
    if (!openssl.waitForFinished(30'000) || openssl.exitCode() != 0)
        return fail(ErrorCode::Internal,
            QStringLiteral("openssl failed: ") + QString::fromUtf8(openssl.readAllStandardError()));
    return {};
}

Result<void> AgentProcess::start()
{
    kill();
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(executable());
    m_process->setArguments({ QStringLiteral("--config"), configPath() });
    m_process->setProcessEnvironment(m_environment);
    m_process->setStandardErrorFile(m_dir.filePath(QStringLiteral("agent.log")), QIODevice::Append);
#ifdef Q_OS_LINUX
    // A test that crashes must not leave its child running: the kernel ends it with the test.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_process->start();
    if (!m_process->waitForStarted(5000))
        return fail(ErrorCode::Unavailable,
            QStringLiteral("cannot start the agent: ") + m_process->errorString());
    static const QRegularExpression listening(QStringLiteral("listening on port (\\d+)"));
    QByteArray out;
    const QDeadlineTimer deadline(20'000);
    while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
        m_process->waitForReadyRead(100);
        out += m_process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return {};
        }
    }
    m_process->waitForFinished(1000);
    return fail(ErrorCode::Unavailable,
        QStringLiteral("the agent did not start: ") + QString::fromUtf8(out + log()));
}

Result<int> AgentProcess::terminate(int timeoutMs)
{
    if (!isRunning())
        return fail(ErrorCode::Internal, QStringLiteral("the agent is not running"));
    m_process->terminate();
    if (!m_process->waitForFinished(timeoutMs))
        return fail(ErrorCode::Timeout, QStringLiteral("the agent did not stop on SIGTERM"));
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void AgentProcess::kill()
{
    if (isRunning()) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool AgentProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QUrl AgentProcess::url(const QString &path) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(m_port)
                    .arg(path));
}

QByteArray AgentProcess::log() const
{
    QFile file(m_dir.filePath(QStringLiteral("agent.log")));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

AgentProcess::Command AgentProcess::run(const QStringList &arguments) const
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(
        executable(), arguments + QStringList { QStringLiteral("--config"), configPath() });
    Command command;
    if (!process.waitForFinished(30'000)) {
        process.kill();
        process.waitForFinished();
        return command;
    }
    command.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    command.out = process.readAllStandardOutput();
    command.err = process.readAllStandardError();
    return command;
}

Result<QString> AgentProcess::createToken(const QString &name, const QString &role) const
{
    const Command created = run({ QStringLiteral("token"), QStringLiteral("create"),
        QStringLiteral("--name"), name, QStringLiteral("--role"), role });
    if (created.exitCode != 0)
        return fail(ErrorCode::Internal,
            QStringLiteral("token create failed: ") + QString::fromUtf8(created.err));
    return QString::fromUtf8(created.out).trimmed();
}

} // namespace XeroSync::Test
