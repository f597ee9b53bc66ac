#include <QTest>

#include "core/store/sqlscript.h"

using namespace Qt::StringLiterals;
using XeroSync::SqlScript;

class TestSqlScript : public QObject
{
    Q_OBJECT

private slots:

    void splits_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QStringList>("statements");
        QTest::newRow("two") << u"SELECT 1; SELECT 2;"_s
                             << QStringList { u"SELECT 1"_s, u"SELECT 2"_s };
        QTest::newRow("no trailing semicolon")
            << u"SELECT 1;\nSELECT 2"_s << QStringList { u"SELECT 1"_s, u"SELECT 2"_s };
        QTest::newRow("semicolon in string")
            << u"INSERT INTO t VALUES ('a;b'); SELECT 'it''s;'"_s
            << QStringList { u"INSERT INTO t VALUES ('a;b')"_s, u"SELECT 'it''s;'"_s };
        QTest::newRow("E string") << u"SELECT E'x\\';y'; SELECT 1"_s
                                  << QStringList { u"SELECT E'x\\';y'"_s, u"SELECT 1"_s };
        QTest::newRow("quoted identifier")
            << u"CREATE TABLE \"a;b\" (id int); SELECT 1"_s
            << QStringList { u"CREATE TABLE \"a;b\" (id int)"_s, u"SELECT 1"_s };
        QTest::newRow("dollar body")
            << u"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$; SELECT 2"_s
            << QStringList {
                   u"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$"_s,
                   u"SELECT 2"_s
               };
        QTest::newRow("tagged dollar body")
            << u"DO $body$ BEGIN PERFORM 1; END $body$; SELECT 2"_s
            << QStringList { u"DO $body$ BEGIN PERFORM 1; END $body$"_s, u"SELECT 2"_s };
        QTest::newRow("line comment") << u"-- setup; nothing here\nSELECT 1; -- done;\n"_s
                                      << QStringList { u"-- setup; nothing here\nSELECT 1"_s };
        QTest::newRow("nested block comment") << u"/* a /* b; */ c; */ SELECT 1; /* only; */"_s
                                              << QStringList { u"/* a /* b; */ c; */ SELECT 1"_s };
        QTest::newRow("positional parameter")
            << u"PREPARE p AS SELECT $1; SELECT 2"_s
            << QStringList { u"PREPARE p AS SELECT $1"_s, u"SELECT 2"_s };
        QTest::newRow("empty statements") << u";;  ;\n"_s << QStringList {};
    }

    void splits()
    {
        QFETCH(QString, script);
        QFETCH(QStringList, statements);
        QCOMPARE(SqlScript::split(script), statements);
    }
};

QTEST_GUILESS_MAIN(TestSqlScript)
#include "tst_sqlscript.moc"
