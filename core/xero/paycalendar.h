#pragma once

#include <optional>

#include <QDate>
#include <QString>

namespace XeroSync {

//! An employee's Xero pay calendar, in AU 1.0 spelling of the type (the 2.0 spellings are
//! mapped on read: Weekly -> WEEKLY, FourWeekly -> FOURWEEKLY, TwiceMonthly -> TWICEMONTHLY ...).
struct PayCalendar
{
    QString id;
    QString type; //!< WEEKLY, FORTNIGHTLY, FOURWEEKLY, MONTHLY, TWICEMONTHLY, QUARTERLY, ANNUAL
    QDate startDate; //!< the start of one pay period (Xero: of the upcoming one)
    QDate referenceDate; //!< TWICEMONTHLY: start of the second half

    static QString typeFrom2(const QString &payroll2Type);
    //! A Xero date as a calendar date: "/Date(ms[+hhmm])/" (AU 1.0) or "YYYY-MM-DD[T...]" (2.0).
    static std::optional<QDate> dateFromXero(const QString &text);
};

struct PayPeriod
{
    QDate start;
    QDate end;

    int days() const { return static_cast<int>(start.daysTo(end)) + 1; }

    bool contains(const QDate &day) const { return day >= start && day <= end; }

    bool operator==(const PayPeriod &) const = default;
};

//! Xero's pay periods (research §3.4): periods step 7/14/28 days or 1/3/12 months from the
//! calendar's start date, in both directions; twice-monthly splits each month in two.
class PayPeriods
{
public:
    static std::optional<PayPeriod> containing(const PayCalendar &calendar, const QDate &day);
    static bool isPeriod(const PayCalendar &calendar, const PayPeriod &period);
};

} // namespace XeroSync
