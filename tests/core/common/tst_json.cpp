#include <QTest>

#include "core/common/json.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

class TestJson : public QObject
{
    Q_OBJECT

private slots:

    void parsesValid()
    {
        const auto v = Json::parse(u"{\"a\":\"é\",\"n\":3}"_s);
        QVERIFY(v.has_value());
        QCOMPARE(Json::stringAt(*v, "a").value_or(QString()), u"é"_s);
        QVERIFY(!Json::stringAt(*v, "n").has_value());
        QVERIFY(!Json::stringAt(*v, "missing").has_value());
        QCOMPARE(Json::toQString(*v), u"{\"a\":\"é\",\"n\":3}"_s);
    }

    void rejectsMalformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << QByteArray("{\"a\":");
        QTest::newRow("trailing garbage") << QByteArray("{} x");
        QTest::newRow("bad utf8") << QByteArray("\"\xff\xfe\"");
        QTest::newRow("single quotes") << QByteArray("{'a':1}");
    }

    void rejectsMalformed()
    {
        QFETCH(QByteArray, text);
        const auto v = Json::parse(QByteArrayView(text));
        QVERIFY(!v);
        QCOMPARE(v.error().code, ErrorCode::BadRequest);
    }

    void stringAtOnNonObject()
    {
        QVERIFY(!Json::stringAt(nlohmann::json::array({ 1, 2 }), "a").has_value());
    }
};

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
