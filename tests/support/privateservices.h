#pragma once

#include <QTemporaryDir>

#include "core/common/error.h"
#include "support/testservices.h"

namespace XeroSync::Test {

//! Servers of a test's own, through scripts/services with a private state file, for tests that
//! restart or stop a server (doing that to the shared ones would break tests running beside).
//! Everything is stopped and deleted on destruction.
class PrivateServices final
{
public:
    PrivateServices();
    ~PrivateServices();
    Q_DISABLE_COPY_MOVE(PrivateServices)

    //! `which`: "pg", "redis" or "all".
    Result<TestServices> start(const QString &which = QStringLiteral("all"));
    Result<void> stop(const QString &which);
    Result<void> restart(const QString &which);

private:
    Result<QString> run(const QStringList &arguments);

    QTemporaryDir m_dir;
    QString m_stateFile;
};

} // namespace XeroSync::Test
