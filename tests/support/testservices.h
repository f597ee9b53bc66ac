#pragma once

#include <QString>

#include "core/common/error.h"

namespace XeroSync::Test {

//! The servers the `services` CTest fixture started, read from its state file
//! ($XEROSYNC_SERVICES_STATE), or from REDIS_URL/DATABASE_URL when run by hand.
struct TestServices
{
    QString databaseUrl;
    QString redisUrl;
    QString pgSocketDir;
    int pgPort = 0;

    static Result<TestServices> load(const QString &stateFile = {});
};

//! The project's scripts/ directory ($XEROSYNC_SCRIPTS_DIR, set by CTest).
QString scriptsDir();

} // namespace XeroSync::Test
