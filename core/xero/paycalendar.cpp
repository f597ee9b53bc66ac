#include "paycalendar.h"

#include <algorithm>

#include <QDateTime>
#include <QRegularExpression>

namespace XeroSync {

QString PayCalendar::typeFrom2(const QString &payroll2Type)
{
    return payroll2Type.toUpper();
}

std::optional<QDate> PayCalendar::dateFromXero(const QString &text)
{
    static const QRegularExpression msJson(
        QStringLiteral("^/Date\\((-?\\d+)([+-])?(\\d{2})?(\\d{2})?\\)/$"));
    if (const auto match = msJson.match(text.trimmed()); match.hasMatch()) {
        qint64 ms = match.captured(1).toLongLong();
        // The offset says which local calendar day the instant names.
        if (!match.captured(2).isEmpty())
            ms += (match.captured(3).toInt() * 60 + match.captured(4).toInt()) * 60'000LL
                * (match.captured(2) == QLatin1String("-") ? -1 : 1);
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date();
    }
    const auto date = QDate::fromString(text.trimmed().left(10), Qt::ISODate);
    return date.isValid() ? std::optional(date) : std::nullopt;
}

namespace {

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

std::optional<PayPeriod> monthly(const QDate &anchor, const QDate &day, int months)
{
    auto index =
        floorDiv((day.year() - anchor.year()) * 12LL + (day.month() - anchor.month()), months);
    for (int attempt = 0; attempt < 4; ++attempt) {
        const auto start = anchor.addMonths(static_cast<int>(index * months));
        const auto end = anchor.addMonths(static_cast<int>((index + 1) * months)).addDays(-1);
        if (day < start)
            --index;
        else if (day > end)
            ++index;
        else
            return PayPeriod { start, end };
    }
    return std::nullopt;
}

std::optional<PayPeriod> twiceMonthly(const PayCalendar &calendar, const QDate &day)
{
    int first = calendar.startDate.day();
    int second = calendar.referenceDate.isValid() ? calendar.referenceDate.day() : 16;
    if (first == second)
        second = first <= 15 ? first + 15 : first - 15;
    if (first > second)
        std::swap(first, second);
    const auto startOf = [](const QDate &month, int dayOfMonth) {
        return QDate(month.year(), month.month(), std::min(dayOfMonth, month.daysInMonth()));
    };
    const QDate starts[] = { startOf(day.addMonths(-1), second), startOf(day, first),
        startOf(day, second), startOf(day.addMonths(1), first) };
    for (int i = 0; i < 3; ++i) {
        if (day >= starts[i] && day < starts[i + 1])
            return PayPeriod { starts[i], starts[i + 1].addDays(-1) };
    }
    return std::nullopt;
}

} // namespace

std::optional<PayPeriod> PayPeriods::containing(const PayCalendar &calendar, const QDate &day)
{
    if (!calendar.startDate.isValid() || !day.isValid())
        return std::nullopt;
    const auto type = calendar.type.toUpper();
    const int stepDays = type == QLatin1String("WEEKLY") ? 7
        : type == QLatin1String("FORTNIGHTLY")           ? 14
        : type == QLatin1String("FOURWEEKLY")            ? 28
                                                         : 0;
    if (stepDays > 0) {
        const auto start = calendar.startDate.addDays(
            floorDiv(calendar.startDate.daysTo(day), stepDays) * stepDays);
        return PayPeriod { start, start.addDays(stepDays - 1) };
    }
    if (type == QLatin1String("MONTHLY"))
        return monthly(calendar.startDate, day, 1);
    if (type == QLatin1String("QUARTERLY"))
        return monthly(calendar.startDate, day, 3);
    if (type == QLatin1String("ANNUAL"))
        return monthly(calendar.startDate, day, 12);
    if (type == QLatin1String("TWICEMONTHLY"))
        return twiceMonthly(calendar, day);
    return std::nullopt;
}

bool PayPeriods::isPeriod(const PayCalendar &calendar, const PayPeriod &period)
{
    const auto found = containing(calendar, period.start);
    return found && *found == period;
}

} // namespace XeroSync
