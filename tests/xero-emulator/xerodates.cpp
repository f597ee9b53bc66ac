#include "xerodates.h"

#include <QLocale>
#include <QRegularExpression>
#include <QString>
#include <QTimeZone>

namespace XeroEmulator {

static qint64 midnightMs(const QDate &date)
{
    return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

std::string XeroDates::msDate(const QDate &date)
{
    return "/Date(" + std::to_string(midnightMs(date)) + "+0000)/";
}

std::string XeroDates::msDateTime(const QDateTime &time)
{
    return "/Date(" + std::to_string(time.toMSecsSinceEpoch()) + "+0000)/";
}

std::string XeroDates::msDateTimeNoOffset(const QDateTime &time)
{
    return "/Date(" + std::to_string(time.toMSecsSinceEpoch()) + ")/";
}

std::string XeroDates::isoMidnight(const QDate &date)
{
    return date.toString(Qt::ISODate).toStdString() + "T00:00:00";
}

std::string XeroDates::timestamp(const QDateTime &time)
{
    const auto utc = time.toUTC();
    // Xero's .NET ticks give 7 fractional digits; we have milliseconds, padded with zeros.
    return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")).toStdString() + "0000";
}

std::string XeroDates::isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate).toStdString();
}

std::string XeroDates::isoDate(const QDate &date)
{
    return date.toString(Qt::ISODate).toStdString();
}

static std::optional<qint64> msFromMsJson(const QString &text, int *offsetMinutes = nullptr)
{
    static const QRegularExpression msJson(QStringLiteral("^/Date\\((-?\\d+)([+-]\\d{4})?\\)/$"));
    const auto match = msJson.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 ms = match.captured(1).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    if (offsetMinutes) {
        const auto offset = match.captured(2);
        *offsetMinutes = offset.isEmpty()
            ? 0
            : (offset.mid(1, 2).toInt() * 60 + offset.mid(3, 2).toInt())
                * (offset.startsWith(QLatin1Char('-')) ? -1 : 1);
    }
    return ms;
}

std::optional<QDate> XeroDates::parseDate(const std::string &input)
{
    const auto text = QString::fromStdString(input).trimmed();
    int offsetMinutes = 0;
    if (const auto ms = msFromMsJson(text, &offsetMinutes)) {
        // The offset says which local calendar day the instant names.
        return QDateTime::fromMSecsSinceEpoch(*ms + offsetMinutes * 60'000LL, Qt::UTC).date();
    }
    static const QRegularExpression isoDate(QStringLiteral(
        "^(\\d{4}-\\d{2}-\\d{2})(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$"));
    const auto match = isoDate.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const auto date = QDate::fromString(match.captured(1), Qt::ISODate);
    return date.isValid() ? std::optional(date) : std::nullopt;
}

std::optional<QDateTime> XeroDates::parseDateTime(const std::string &input)
{
    const auto text = QString::fromStdString(input).trimmed();
    if (const auto ms = msFromMsJson(text))
        return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
    auto time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC); // no zone given: Xero means UTC
    return time.toUTC();
}

std::optional<QDateTime> XeroDates::parseHttpDate(const std::string &input)
{
    const auto text = QString::fromStdString(input).trimmed();
    auto time = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (time.isValid()) {
        time.setTimeSpec(Qt::UTC);
        return time;
    }
    return parseDateTime(input);
}

} // namespace XeroEmulator
