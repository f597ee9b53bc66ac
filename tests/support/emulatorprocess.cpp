#include "emulatorprocess.h"

#include <csignal>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

#include <QDeadlineTimer>
#include <QRegularExpression>

namespace XeroSync::Test {

EmulatorProcess::~EmulatorProcess()
{
    stop();
}

QString EmulatorProcess::executable()
{
    return QStringLiteral(XEROSYNC_EMULATOR_PATH);
}

Result<void> EmulatorProcess::start(const QStringList &extraArguments)
{
    stop();
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(executable());
    m_process->setArguments(
        QStringList { QStringLiteral("--port"), QStringLiteral("0") } + extraArguments);
    // For debugging a test by hand: XEROSYNC_EMULATOR_LOG=/tmp/emulator.log keeps its request log.
    if (const auto logFile = qEnvironmentVariable("XEROSYNC_EMULATOR_LOG"); !logFile.isEmpty())
        m_process->setStandardErrorFile(logFile, QIODevice::Append);
#ifdef Q_OS_LINUX
    // A test that crashes must not leave its child running: the kernel ends it with the test.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_process->start();
    if (!m_process->waitForStarted(5000))
        return fail(ErrorCode::Unavailable,
            QStringLiteral("cannot start %1: %2").arg(executable(), m_process->errorString()));
    static const QRegularExpression listening(QStringLiteral("listening on (\\S+)"));
    QByteArray out;
    const QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(
                static_cast<int>(std::max<qint64>(1, deadline.remainingTime()))))
            break;
        out += m_process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_baseUrl = QUrl(match.captured(1));
            return {};
        }
    }
    const QByteArray log = out + m_process->readAllStandardError();
    stop();
    return fail(ErrorCode::Unavailable,
        QStringLiteral("xero-emulator did not start: %1").arg(QString::fromUtf8(log)));
}

void EmulatorProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_log += m_process->readAllStandardError();
    m_process.reset();
}

QUrl EmulatorProcess::url(const QString &path) const
{
    return m_baseUrl.resolved(QUrl(path));
}

QByteArray EmulatorProcess::log() const
{
    if (m_process)
        m_log += m_process->readAllStandardError();
    return m_log;
}

} // namespace XeroSync::Test
