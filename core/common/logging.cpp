#include "logging.h"

#include <cstdio>

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace XeroSync::Logging {
namespace {

constexpr auto PATTERN = "%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}";
constexpr auto JOURNAL_PATTERN = "%{type} %{category}: %{message}";

// The handler is a C function pointer, so its state is file-static; install() is called once
// from main() before any thread starts.
struct Sink
{
    QMutex mutex;
    bool underJournal = false;
    QFile file;
    qint64 maxBytes = 0;
    int keep = 0;
};

Sink &sink()
{
    static Sink s;
    return s;
}

int syslogPriority(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 7;
    case QtInfoMsg:
        return 6;
    case QtWarningMsg:
        return 4;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 2;
    }
    return 6;
}

// Size-based rotation: app.log -> app.log.1 -> ... -> app.log.N (oldest dropped). Qt has no
// rotating sink and pulling in a logging framework for this would be heavier than these lines.
void rotateLocked(Sink &s)
{
    const QString path = s.file.fileName();
    s.file.close();
    QFile::remove(u"%1.%2"_s.arg(path).arg(s.keep));
    for (int i = s.keep - 1; i >= 1; --i)
        QFile::rename(u"%1.%2"_s.arg(path).arg(i), u"%1.%2"_s.arg(path).arg(i + 1));
    if (s.keep > 0)
        QFile::rename(path, path + u".1"_s);
    else
        QFile::remove(path);
    if (!s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        std::fprintf(stderr, "cannot reopen log file %s\n", qUtf8Printable(path));
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    Sink &s = sink();
    const QString line = formatLine(type, context, message, s.underJournal);
    const QByteArray bytes = line.toUtf8() + '\n';
    QMutexLocker lock(&s.mutex);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
    if (s.file.isOpen()) {
        // The file always carries timestamps, even under journald (which adds its own).
        const QByteArray fileBytes = s.underJournal
            ? QDateTime::currentDateTime().toString(u"yyyy-MM-ddThh:mm:ss.zzz "_s).toUtf8()
                + qFormatLogMessage(type, context, message).toUtf8() + '\n'
            : bytes;
        s.file.write(fileBytes);
        s.file.flush();
        if (s.maxBytes > 0 && s.file.size() >= s.maxBytes)
            rotateLocked(s);
    }
}

} // namespace

void addCommandLineOptions(QCommandLineParser &parser)
{
    parser.addOption(
        { u"log-level"_s, u"Log level: debug, info or warning."_s, u"level"_s, u"info"_s });
    parser.addOption({ u"log-rules"_s,
        u"Extra logging filter rules, e.g. \"xerosync.queue.redis.debug=true\"."_s, u"rules"_s });
    parser.addOption(
        { u"log-file"_s, u"Also write the log to this file (rotated by size)."_s, u"path"_s });
}

Result<Options> optionsFromParser(const QCommandLineParser &parser)
{
    Options options;
    if (parser.isSet(u"log-level"_s))
        options.level = parser.value(u"log-level"_s).toLower();
    if (auto rules = filterRulesForLevel(options.level); !rules)
        return std::unexpected(rules.error());
    options.rules = parser.value(u"log-rules"_s);
    options.file = parser.value(u"log-file"_s);
    return options;
}

Result<QString> filterRulesForLevel(const QString &level)
{
    // The xerosync categories default to QtInfoMsg (debug off); these rules move that threshold.
    if (level == u"debug")
        return u"xerosync.*.debug=true"_s;
    if (level == u"info")
        return QString();
    if (level == u"warning")
        return u"xerosync.*.debug=false\nxerosync.*.info=false"_s;
    return fail(
        ErrorCode::BadRequest, u"unknown log level '%1' (use debug, info or warning)"_s.arg(level));
}

QString formatLine(
    QtMsgType type, const QMessageLogContext &context, const QString &message, bool underJournal)
{
    // Uses the pattern install() set; only the journald priority prefix is added here.
    QString line = qFormatLogMessage(type, context, message);
    if (underJournal)
        line.prepend(u"<%1>"_s.arg(syslogPriority(type)));
    return line;
}

Result<void> install(const Options &options)
{
    auto levelRules = filterRulesForLevel(options.level);
    if (!levelRules)
        return std::unexpected(levelRules.error());

    Sink &s = sink();
    {
        QMutexLocker lock(&s.mutex);
        s.underJournal = !qEnvironmentVariableIsEmpty("JOURNAL_STREAM");
        s.maxBytes = options.maxFileBytes;
        s.keep = options.keepFiles;
        if (s.file.isOpen())
            s.file.close();
        if (!options.file.isEmpty()) {
            QDir().mkpath(QFileInfo(options.file).absolutePath());
            s.file.setFileName(options.file);
            if (!s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
                return fail(ErrorCode::Internal,
                    u"cannot open log file %1: %2"_s.arg(options.file, s.file.errorString()));
            }
        }
    }
    qSetMessagePattern(QString::fromLatin1(s.underJournal ? JOURNAL_PATTERN : PATTERN));

    QStringList rules;
    if (!levelRules->isEmpty())
        rules << *levelRules;
    if (!options.rules.isEmpty())
        rules << options.rules.split(u';', Qt::SkipEmptyParts);
    // QT_LOGGING_RULES keeps working: Qt applies it on top of setFilterRules().
    QLoggingCategory::setFilterRules(rules.join(u'\n'));
    qInstallMessageHandler(handleMessage);
    return {};
}

} // namespace XeroSync::Logging
