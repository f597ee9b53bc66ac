#include "payperiodcalculator.h"

#include <algorithm>

namespace XeroEmulator {

static qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

std::optional<PayPeriod> PayPeriodCalculator::periodContaining(
    const PayCalendar &calendar, const QDate &day)
{
    if (!calendar.startDate.isValid() || !day.isValid())
        return std::nullopt;
    const auto &type = calendar.type;
    int stepDays = 0;
    if (type == "WEEKLY")
        stepDays = 7;
    else if (type == "FORTNIGHTLY")
        stepDays = 14;
    else if (type == "FOURWEEKLY")
        stepDays = 28;
    if (stepDays > 0) {
        const auto index = floorDiv(calendar.startDate.daysTo(day), stepDays);
        const auto start = calendar.startDate.addDays(index * stepDays);
        return PayPeriod { start, start.addDays(stepDays - 1) };
    }
    if (type == "MONTHLY")
        return monthStepped(calendar, day, 1);
    if (type == "QUARTERLY")
        return monthStepped(calendar, day, 3);
    if (type == "ANNUAL")
        return monthStepped(calendar, day, 12);
    if (type == "TWICEMONTHLY")
        return twiceMonthly(calendar, day);
    return std::nullopt;
}

std::optional<PayPeriod> PayPeriodCalculator::monthStepped(
    const PayCalendar &calendar, const QDate &day, int months)
{
    const auto anchor = calendar.startDate;
    // Months between the anchor and the day, then correct by one either way.
    qint64 index =
        floorDiv((day.year() - anchor.year()) * 12 + (day.month() - anchor.month()), months);
    for (int guard = 0; guard < 4; ++guard) {
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

std::optional<PayPeriod> PayPeriodCalculator::twiceMonthly(
    const PayCalendar &calendar, const QDate &day)
{
    // The two period starts within a month, as days of month.
    int first = calendar.startDate.day();
    int second = calendar.referenceDate.isValid() ? calendar.referenceDate.day() : 16;
    if (first == second)
        second = first <= 15 ? first + 15 : first - 15;
    if (first > second)
        std::swap(first, second);
    auto startIn = [](int year, int month, int dom) {
        const QDate firstOfMonth(year, month, 1);
        return QDate(year, month, std::min(dom, firstOfMonth.daysInMonth()));
    };
    const auto prevMonth = day.addMonths(-1);
    const auto nextMonth = day.addMonths(1);
    const QDate candidates[] = {
        startIn(prevMonth.year(), prevMonth.month(), second),
        startIn(day.year(), day.month(), first),
        startIn(day.year(), day.month(), second),
        startIn(nextMonth.year(), nextMonth.month(), first),
    };
    for (int i = 0; i < 3; ++i) {
        if (day >= candidates[i] && day < candidates[i + 1])
            return PayPeriod { candidates[i], candidates[i + 1].addDays(-1) };
    }
    return std::nullopt;
}

bool PayPeriodCalculator::isPeriod(
    const PayCalendar &calendar, const QDate &start, const QDate &end)
{
    const auto period = periodContaining(calendar, start);
    return period && period->start == start && period->end == end;
}

std::optional<PayPeriod> PayPeriodCalculator::next(
    const PayCalendar &calendar, const PayPeriod &period)
{
    return periodContaining(calendar, period.end.addDays(1));
}

} // namespace XeroEmulator
