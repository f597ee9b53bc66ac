#pragma once

#include <optional>

#include <QDate>

#include "emulatormodel.h"

namespace XeroEmulator {

struct PayPeriod
{
    QDate start;
    QDate end;

    qint64 days() const { return start.daysTo(end) + 1; }

    bool operator==(const PayPeriod &) const = default;
};

//! The pay periods of a Xero pay calendar, derived from its StartDate (research §3.4):
//! WEEKLY/FORTNIGHTLY/FOURWEEKLY step 7/14/28 days; MONTHLY, QUARTERLY and ANNUAL step 1, 3 and
//! 12 months from the start's day of month; TWICEMONTHLY splits each month at the start's day and
//! at ReferenceDate's day (default: the 1st and the 16th).
class PayPeriodCalculator
{
public:
    static std::optional<PayPeriod> periodContaining(const PayCalendar &calendar, const QDate &day);
    static bool isPeriod(const PayCalendar &calendar, const QDate &start, const QDate &end);
    //! The period after `period` (for messages naming the nearest valid period).
    static std::optional<PayPeriod> next(const PayCalendar &calendar, const PayPeriod &period);

private:
    static std::optional<PayPeriod> monthStepped(
        const PayCalendar &calendar, const QDate &day, int months);
    static std::optional<PayPeriod> twiceMonthly(const PayCalendar &calendar, const QDate &day);
};

} // namespace XeroEmulator
