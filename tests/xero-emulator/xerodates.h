#pragma once

#include <optional>
#include <string>

#include <QDate>
#include <QDateTime>

namespace XeroEmulator {

//! The date spellings Xero uses on the wire (research §3.3, §4.2). Payroll dates are calendar
//! dates: they are compared as YYYY-MM-DD, never as instants.
class XeroDates
{
public:
    //! "/Date(1573171200000+0000)/" — AU 1.0 output for a date.
    static std::string msDate(const QDate &date);
    //! "/Date(1573171200000+0000)/" — AU 1.0 output for a timestamp.
    static std::string msDateTime(const QDateTime &time);
    //! "/Date(1573171200000)/" — AU 1.0 envelope DateTimeUTC (no offset, as Xero sends it).
    static std::string msDateTimeNoOffset(const QDateTime &time);
    //! "2020-04-13T00:00:00" — Payroll 2.0 output for a `format: date` field.
    static std::string isoMidnight(const QDate &date);
    //! "2020-04-21T03:07:36.8132834" — Payroll 2.0 / identity timestamps: 7 digits, no zone.
    static std::string timestamp(const QDateTime &time);
    //! "2020-04-21T03:07:36Z" — Projects timestamps.
    static std::string isoUtc(const QDateTime &time);
    static std::string isoDate(const QDate &date);

    //! Reads "/Date(ms[+-hhmm])/", "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ss[...]" as a calendar date.
    static std::optional<QDate> parseDate(const std::string &text);
    //! Reads an ISO-8601 timestamp ("Z" or offset; none means UTC) or an MS-JSON date.
    static std::optional<QDateTime> parseDateTime(const std::string &text);
    //! Reads an HTTP If-Modified-Since value: RFC 1123, or ISO-8601 as Xero's SDKs send it.
    static std::optional<QDateTime> parseHttpDate(const std::string &text);
};

} // namespace XeroEmulator
