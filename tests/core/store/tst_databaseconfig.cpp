#include <QTest>

#include "core/store/databaseconfig.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

class TestDatabaseConfig : public QObject
{
    Q_OBJECT

private slots:

    void parses_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("database");

        QTest::newRow("full") << u"postgres://app:pw@db.example:6543/timesheets"_s
                              << u"db.example"_s << 6543 << u"app"_s << u"pw"_s << u"timesheets"_s;
        QTest::newRow("postgresql scheme") << u"postgresql://app@127.0.0.1/x"_s << u"127.0.0.1"_s
                                           << 5432 << u"app"_s << QString() << u"x"_s;
        QTest::newRow("encoded password") << u"postgres://app:p%40ss%3Aw%2Fd@h/x"_s << u"h"_s
                                          << 5432 << u"app"_s << u"p@ss:w/d"_s << u"x"_s;
        QTest::newRow("socket host encoded")
            << u"postgres://postgres@%2Fvar%2Frun%2Fpostgresql:5440/db"_s
            << u"/var/run/postgresql"_s << 5440 << u"postgres"_s << QString() << u"db"_s;
        QTest::newRow("socket host query")
            << u"postgres:///db?host=/tmp/sock&user=me"_s << u"/tmp/sock"_s << 5432 << u"me"_s
            << QString() << u"db"_s;
        QTest::newRow("ipv6") << u"postgres://u@[::1]:5433/d"_s << u"::1"_s << 5433 << u"u"_s
                              << QString() << u"d"_s;
        QTest::newRow("db defaults to user")
            << u"postgres://alice@h"_s << u"h"_s << 5432 << u"alice"_s << QString() << u"alice"_s;
    }

    void parses()
    {
        QFETCH(QString, url);
        const auto config = DatabaseConfig::fromUrl(url);
        QVERIFY2(config.has_value(), qPrintable(config ? QString() : config.error().message));
        QTEST(config->host, "host");
        QTEST(config->port, "port");
        QTEST(config->user, "user");
        QTEST(config->password, "password");
        QTEST(config->database, "database");
        QVERIFY(config->connectOptions.contains(u"connect_timeout=5"_s));
    }

    void options()
    {
        const auto config =
            DatabaseConfig::fromUrl(u"postgres://u@h/d?sslmode=require&connect_timeout=2"_s);
        QVERIFY(config.has_value());
        QVERIFY(config->connectOptions.contains(u"sslmode=require"_s));
        QVERIFY(config->connectOptions.contains(u"connect_timeout=2"_s));
        QVERIFY(!config->connectOptions.contains(u"connect_timeout=5"_s));
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("mysql") << u"mysql://u@h/d"_s << u"must start with postgres://"_s;
        QTest::newRow("empty") << QString() << u"must start with postgres://"_s;
        QTest::newRow("bad port") << u"postgres://u@h:99999/d"_s << u"invalid port"_s;
        QTest::newRow("port text") << u"postgres://u@h:abc/d"_s << u"invalid port"_s;
        QTest::newRow("unknown param")
            << u"postgres://u@h/d?sslmod=require"_s << u"unsupported parameter 'sslmod'"_s;
        QTest::newRow("option injection")
            << u"postgres://u@h/d?sslmode=a;host=evil"_s << u"must not contain ';'"_s;
        QTest::newRow("unclosed ipv6") << u"postgres://u@[::1/d"_s << u"unclosed"_s;
    }

    void rejects()
    {
        QFETCH(QString, url);
        QFETCH(QString, messagePart);
        const auto config = DatabaseConfig::fromUrl(url);
        QVERIFY(!config);
        QCOMPARE(config.error().code, ErrorCode::BadRequest);
        QVERIFY2(config.error().message.contains(messagePart), qPrintable(config.error().message));
    }

    void redactedHidesPassword()
    {
        const auto config = DatabaseConfig::fromUrl(u"postgres://app:hunter2@db:5432/x"_s);
        QVERIFY(config.has_value());
        QCOMPARE(config->redacted(), u"postgres://app:***@db:5432/x"_s);
        const auto socket = DatabaseConfig::fromUrl(u"postgres://pg@%2Frun%2Fpg/x"_s);
        QCOMPARE(socket->redacted(), u"postgres://pg@%2Frun%2Fpg:5432/x"_s);
        QVERIFY(socket->isUnixSocket());
    }
};

QTEST_GUILESS_MAIN(TestDatabaseConfig)
#include "tst_databaseconfig.moc"
