#include "testdatabase.h"

#include <atomic>

#include <QCoreApplication>
#include <QRegularExpression>

#include "core/store/migrator.h"

using namespace Qt::StringLiterals;

namespace XeroSync::Test {
namespace {
std::atomic<int> s_counter { 0 };
}

TestDatabase::TestDatabase(DatabaseConfig admin, QString name, QString url)
    : m_admin(std::move(admin))
    , m_name(std::move(name))
    , m_url(std::move(url))
    , m_database(std::make_unique<Database>(*DatabaseConfig::fromUrl(m_url)))
{ }

TestDatabase::~TestDatabase()
{
    m_database.reset();
    Database admin(m_admin);
    // FORCE: a test that failed half-way may leave connections behind (PostgreSQL 13+).
    (void)admin.exec(u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(m_name));
}

Result<std::unique_ptr<TestDatabase>> TestDatabase::create(
    const QString &serverUrl, const QString &tag)
{
    auto admin = DatabaseConfig::fromUrl(serverUrl);
    if (!admin)
        return std::unexpected(admin.error());
    QString safeTag = tag.toLower();
    safeTag.replace(QRegularExpression(u"[^a-z0-9]"_s), u"_"_s);
    const QString name = u"xs_%1_%2_%3"_s.arg(safeTag.left(30))
                             .arg(QCoreApplication::applicationPid())
                             .arg(s_counter.fetch_add(1));
    {
        Database server(*admin);
        if (auto created = server.exec(u"CREATE DATABASE \"%1\""_s.arg(name)); !created)
            return std::unexpected(created.error());
    }
    QString url = serverUrl;
    const qsizetype query = url.indexOf(u'?');
    const QString suffix = query >= 0 ? url.mid(query) : QString();
    url = url.left(query >= 0 ? query : url.size());
    url = url.left(url.lastIndexOf(u'/')) + u'/' + name + suffix;
    return std::unique_ptr<TestDatabase>(new TestDatabase(*admin, name, url));
}

Result<std::unique_ptr<TestDatabase>> TestDatabase::createMigrated(
    const QString &serverUrl, const QString &tag)
{
    auto db = create(serverUrl, tag);
    if (!db)
        return db;
    Migrator migrator((*db)->database());
    if (auto applied = migrator.migrate(); !applied)
        return std::unexpected(applied.error());
    return db;
}

std::unique_ptr<Database> TestDatabase::open() const
{
    return std::make_unique<Database>(*DatabaseConfig::fromUrl(m_url));
}

} // namespace XeroSync::Test
