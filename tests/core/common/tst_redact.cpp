#include <QTest>

#include "core/common/redact.h"

using namespace Qt::StringLiterals;

class TestRedact : public QObject
{
    Q_OBJECT

private slots:

    void redacts_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("redis with password")
            << u"redis://:s3cret@127.0.0.1:6379/0"_s << u"redis://:***@127.0.0.1:6379/0"_s;
        QTest::newRow("postgres user:pass")
            << u"postgres://app:hunter2@db:5432/x"_s << u"postgres://app:***@db:5432/x"_s;
        QTest::newRow("password query") << u"postgres://db/x?password=hunter2&sslmode=require"_s
                                        << u"postgres://db/x?sslmode=require&password=***"_s;
        QTest::newRow("no secret") << u"redis://127.0.0.1:6379"_s << u"redis://127.0.0.1:6379"_s;
        QTest::newRow("not a url") << u"plain text"_s << u"plain text"_s;
    }

    void redacts()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QString out = XeroSync::redactedUrl(input);
        QCOMPARE(out, expected);
        QVERIFY(!out.contains(u"hunter2"_s));
        QVERIFY(!out.contains(u"s3cret"_s));
    }
};

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
