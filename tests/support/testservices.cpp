#include "testservices.h"

#include <unistd.h>

#include <QFile>

using namespace Qt::StringLiterals;

namespace XeroSync::Test {

Result<TestServices> TestServices::load(const QString &stateFile)
{
    // The fixture's state file, else the one `scripts/services start` writes by default, else
    // the REDIS_URL / DATABASE_URL of the environment.
    QString path =
        stateFile.isEmpty() ? qEnvironmentVariable("XEROSYNC_SERVICES_STATE") : stateFile;
    if (path.isEmpty())
        path = u"/tmp/xerosync-services-%1.env"_s.arg(getuid());
    TestServices services;
    if (!path.isEmpty() && QFile::exists(path)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Internal, u"cannot read %1"_s.arg(path));
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            const QString key = line.section(u'=', 0, 0);
            const QString value = line.section(u'=', 1);
            if (key == u"DATABASE_URL")
                services.databaseUrl = value;
            else if (key == u"REDIS_URL")
                services.redisUrl = value;
            else if (key == u"PG_SOCK")
                services.pgSocketDir = value;
            else if (key == u"PG_PORT")
                services.pgPort = value.toInt();
        }
    } else {
        services.databaseUrl = qEnvironmentVariable("DATABASE_URL");
        services.redisUrl = qEnvironmentVariable("REDIS_URL");
    }
    if (services.databaseUrl.isEmpty())
        return fail(ErrorCode::Unavailable,
            u"no test servers: run through ctest (the services fixture starts them) or "
            "eval \"$(scripts/services start)\" first"_s);
    return services;
}

QString scriptsDir()
{
    return qEnvironmentVariable(
        "XEROSYNC_SCRIPTS_DIR", QStringLiteral(XEROSYNC_SOURCE_DIR "/scripts"));
}

} // namespace XeroSync::Test
