#pragma once

#include <QString>

#include "core/common/error.h"

class QCommandLineParser;

namespace XeroSync::Logging {

struct Options
{
    QString level = QStringLiteral("info"); //!< debug | info | warning
    QString rules; //!< extra QLoggingCategory filter rules, ';'-separated
    QString file; //!< optional log file; rotated by size
    qint64 maxFileBytes = 10 * 1024 * 1024;
    int keepFiles = 5;
};

//! Adds --log-level, --log-rules and --log-file to a command line parser.
void addCommandLineOptions(QCommandLineParser &parser);

//! Reads the options added by addCommandLineOptions(); an unknown level is an error.
Result<Options> optionsFromParser(const QCommandLineParser &parser);

//! The filter rules that implement a level for the xerosync categories.
Result<QString> filterRulesForLevel(const QString &level);

//! Installs the message pattern, the filter rules and the handler (stderr, plus the file when
//! set). Under systemd (JOURNAL_STREAM set) it drops the timestamp, which journald adds, and
//! prefixes each line with its syslog priority so `journalctl -p` works.
Result<void> install(const Options &options);

//! The line the handler writes to stderr for a message (pattern from install()), without a
//! trailing newline; exposed for tests.
QString formatLine(
    QtMsgType type, const QMessageLogContext &context, const QString &message, bool underJournal);

} // namespace XeroSync::Logging
