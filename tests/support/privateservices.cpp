#include "privateservices.h"

#include <QProcess>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace XeroSync::Test {

PrivateServices::PrivateServices()
    : m_stateFile(m_dir.filePath(u"services.env"_s))
{ }

PrivateServices::~PrivateServices()
{
    (void)run({ u"stop"_s });
}

Result<QString> PrivateServices::run(const QStringList &arguments)
{
    QProcess process;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XEROSYNC_SERVICES_STATE"_s, m_stateFile);
    // As production should run it: a restarted Redis comes back with its data.
    env.insert(u"REDIS_APPENDONLY"_s, u"yes"_s);
    process.setProcessEnvironment(env);
    process.start(scriptsDir() + u"/services"_s, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        return fail(ErrorCode::Internal,
            u"scripts/services %1 failed: %2"_s.arg(
                arguments.join(u' '), QString::fromUtf8(process.readAllStandardError())));
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

Result<TestServices> PrivateServices::start(const QString &which)
{
    auto out = run({ u"start"_s, which });
    if (!out)
        return std::unexpected(out.error());
    return TestServices::load(m_stateFile);
}

Result<void> PrivateServices::stop(const QString &which)
{
    auto out = run({ u"stop"_s, which });
    if (!out)
        return std::unexpected(out.error());
    return {};
}

Result<void> PrivateServices::restart(const QString &which)
{
    auto out = run({ u"restart"_s, which });
    if (!out)
        return std::unexpected(out.error());
    return {};
}

} // namespace XeroSync::Test
