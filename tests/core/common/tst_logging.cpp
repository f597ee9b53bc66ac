#include <QCommandLineParser>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "core/common/logging.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

Q_LOGGING_CATEGORY(lcTestArea, "xerosync.test.area", QtInfoMsg)

namespace {
// Options built field by field: GCC warns about designated initializers that skip members.
Logging::Options opts(const QString &level, const QString &rules = {}, const QString &file = {},
    qint64 maxBytes = 10 * 1024 * 1024, int keep = 5)
{
    Logging::Options o;
    o.level = level;
    o.rules = rules;
    o.file = file;
    o.maxFileBytes = maxBytes;
    o.keepFiles = keep;
    return o;
}
} // namespace

class TestLogging : public QObject
{
    Q_OBJECT

private slots:

    void levelRules()
    {
        QCOMPARE(Logging::filterRulesForLevel(u"info"_s).value(), QString());
        QVERIFY(
            Logging::filterRulesForLevel(u"debug"_s).value().contains(u"xerosync.*.debug=true"_s));
        QVERIFY(!Logging::filterRulesForLevel(u"verbose"_s));
    }

    void parsesCommandLine()
    {
        QCommandLineParser parser;
        Logging::addCommandLineOptions(parser);
        QVERIFY(parser.parse({ u"agent"_s, u"--log-level"_s, u"DEBUG"_s, u"--log-rules"_s,
            u"xerosync.queue.redis.debug=true"_s, u"--log-file"_s, u"/tmp/x.log"_s }));
        const auto options = Logging::optionsFromParser(parser);
        QVERIFY(options.has_value());
        QCOMPARE(options->level, u"debug"_s);
        QCOMPARE(options->rules, u"xerosync.queue.redis.debug=true"_s);
        QCOMPARE(options->file, u"/tmp/x.log"_s);

        QCommandLineParser bad;
        Logging::addCommandLineOptions(bad);
        QVERIFY(bad.parse({ u"agent"_s, u"--log-level"_s, u"loud"_s }));
        const auto rejected = Logging::optionsFromParser(bad);
        QVERIFY(!rejected);
        QVERIFY(rejected.error().message.contains(u"loud"_s));
    }

    void levelsFilterCategories()
    {
        QVERIFY(Logging::install(opts(u"debug"_s)).has_value());
        QVERIFY(lcTestArea().isDebugEnabled());
        QVERIFY(Logging::install(opts(u"warning"_s)).has_value());
        QVERIFY(!lcTestArea().isInfoEnabled());
        QVERIFY(lcTestArea().isWarningEnabled());
        QVERIFY(Logging::install(opts(u"info"_s)).has_value());
        QVERIFY(!lcTestArea().isDebugEnabled());
        QVERIFY(lcTestArea().isInfoEnabled());
        QVERIFY(Logging::install(opts(u"info"_s, u"xerosync.test.area.debug=true"_s)).has_value());
        QVERIFY(lcTestArea().isDebugEnabled());
    }

    void journaldLineHasPriorityAndNoTime()
    {
        qputenv("JOURNAL_STREAM", "8:1234");
        QVERIFY(Logging::install({}).has_value());
        QMessageLogContext context("file.cpp", 1, "fn", "xerosync.test.area");
        const QString line = Logging::formatLine(QtWarningMsg, context, u"hello"_s, true);
        QCOMPARE(line, u"<4>warning xerosync.test.area: hello"_s);
        qunsetenv("JOURNAL_STREAM");
        QVERIFY(Logging::install({}).has_value());
        const QString plain = Logging::formatLine(QtInfoMsg, context, u"hello"_s, false);
        QVERIFY2(
            plain.contains(QRegularExpression(
                u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} info xerosync.test.area: hello$"_s)),
            qPrintable(plain));
    }

    void fileSinkRotates()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"logs/agent.log"_s);
        QVERIFY(Logging::install(opts(u"info"_s, {}, path, 400, 2)).has_value());
        for (int i = 0; i < 40; ++i)
            qCInfo(lcTestArea) << "line" << i << "with some padding to fill the file";
        QVERIFY(Logging::install({}).has_value()); // closes the file
        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + u".1"_s));
        QVERIFY(QFile::exists(path + u".2"_s));
        QVERIFY(!QFile::exists(path + u".3"_s));
        QFile current(path);
        QVERIFY(current.open(QIODevice::ReadOnly));
        QVERIFY(current.size() < 400);
        QFile previous(path + u".1"_s);
        QVERIFY(previous.open(QIODevice::ReadOnly));
        // The newest line is in the current file, or in .1 when it triggered the rotation.
        const QByteArray text = previous.readAll() + current.readAll();
        QVERIFY2(text.contains("line 39 with"), text.constData());
        QVERIFY(!text.contains("line 0 with"));
    }

    void unwritableFileIsAnError()
    {
        const auto r = Logging::install(opts(u"info"_s, {}, u"/proc/definitely/not/here.log"_s));
        QVERIFY(!r);
        QVERIFY(r.error().message.contains(u"cannot open log file"_s));
        qInstallMessageHandler(nullptr);
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
