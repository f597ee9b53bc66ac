#pragma once

#include <memory>

#include "core/store/database.h"

namespace XeroSync::Test {

//! A fresh database on the test PostgreSQL for one test run, dropped again on destruction, so
//! tests running in parallel never see each other's rows.
class TestDatabase final
{
public:
    ~TestDatabase();
    Q_DISABLE_COPY_MOVE(TestDatabase)

    //! Creates the database on the server at `serverUrl` (a URL to any database there).
    static Result<std::unique_ptr<TestDatabase>> create(
        const QString &serverUrl, const QString &tag);
    //! create() plus the product's migrations, ready for the stores.
    static Result<std::unique_ptr<TestDatabase>> createMigrated(
        const QString &serverUrl, const QString &tag);

    const QString &url() const { return m_url; }

    const QString &name() const { return m_name; }

    Database &database() { return *m_database; }

    //! Another Database object on the same database (to act as a second agent).
    std::unique_ptr<Database> open() const;

private:
    TestDatabase(DatabaseConfig admin, QString name, QString url);

    DatabaseConfig m_admin;
    QString m_name;
    QString m_url;
    std::unique_ptr<Database> m_database;
};

} // namespace XeroSync::Test
