#include <QTest>

#include "core/queue/redisconfig.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

class TestRedisConfig : public QObject
{
    Q_OBJECT

private slots:

    void parses()
    {
        auto c = RedisConfig::fromUrl(u"redis://:s3cret@10.0.0.5:6380/2"_s);
        QVERIFY(c.has_value());
        QCOMPARE(c->host, u"10.0.0.5"_s);
        QCOMPARE(c->port, 6380);
        QCOMPARE(c->password, u"s3cret"_s);
        QCOMPARE(c->database, 2);
        QCOMPARE(c->redacted(), u"redis://:***@10.0.0.5:6380/2"_s);

        c = RedisConfig::fromUrl(u"redis://app:pw@localhost"_s);
        QCOMPARE(c->username, u"app"_s);
        QCOMPARE(c->port, 6379);
        QCOMPARE(c->database, 0);

        c = RedisConfig::fromUrl(u"unix:///run/redis/redis.sock?db=3"_s);
        QVERIFY(c.has_value());
        QCOMPARE(c->unixSocket, u"/run/redis/redis.sock"_s);
        QCOMPARE(c->database, 3);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("tls") << u"rediss://h:6380"_s << u"no TLS support"_s;
        QTest::newRow("http") << u"http://h"_s << u"must look like redis://"_s;
        QTest::newRow("bad db") << u"redis://h/abc"_s << u"invalid database"_s;
        QTest::newRow("garbage") << u"::::"_s << u"must look like"_s;
    }

    void rejects()
    {
        QFETCH(QString, url);
        QFETCH(QString, messagePart);
        const auto c = RedisConfig::fromUrl(url);
        QVERIFY(!c);
        QVERIFY2(c.error().message.contains(messagePart), qPrintable(c.error().message));
    }
};

QTEST_GUILESS_MAIN(TestRedisConfig)
#include "tst_redisconfig.moc"
