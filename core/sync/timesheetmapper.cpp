#include "timesheetmapper.h"

#include <cmath>
#include <map>
#include <tuple>

#include <QCryptographicHash>
#include <QDateTime>
#include <QStringList>

namespace XeroSync {

namespace {

QString rateOf(const TimesheetEntry &entry, const EmployeeTarget &target)
{
    return entry.earningsRateId.isEmpty() ? target.defaultEarningsRateId : entry.earningsRateId;
}

std::string iso(const QDate &date)
{
    return date.toString(Qt::ISODate).toStdString();
}

double rounded(double hours)
{
    return std::round(hours * 10000.0) / 10000.0; // Xero keeps four decimals
}

} // namespace

std::string TimesheetMapper::msDate(const QDate &date)
{
    return "/Date(" + std::to_string(QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch())
        + "+0000)/";
}

nlohmann::json TimesheetMapper::toPayrollAu1(
    const Submission &submission, const EmployeeTarget &target)
{
    const auto days = static_cast<size_t>(submission.periodStart.daysTo(submission.periodEnd) + 1);
    // Keyed by (rate, tracking) in order of first appearance, so the body is stable.
    std::vector<std::pair<QString, QString>> order;
    std::map<std::pair<QString, QString>, std::vector<double>> units;
    for (const auto &entry : submission.entries) {
        const auto key = std::make_pair(rateOf(entry, target), entry.trackingItemId);
        if (!units.contains(key)) {
            order.push_back(key);
            units[key] = std::vector<double>(days, 0.0);
        }
        const auto index = submission.periodStart.daysTo(entry.workDate);
        if (index >= 0 && static_cast<size_t>(index) < days)
            units[key][static_cast<size_t>(index)] += entry.hours;
    }
    auto lines = nlohmann::json::array();
    for (const auto &key : order) {
        nlohmann::json line { { "EarningsRateID", key.first.toStdString() } };
        if (!key.second.isEmpty())
            line["TrackingItemID"] = key.second.toStdString();
        auto values = nlohmann::json::array();
        for (double value : units[key])
            values.push_back(rounded(value));
        line["NumberOfUnits"] = values;
        lines.push_back(line);
    }
    return nlohmann::json { { "EmployeeID", target.xeroEmployeeId.toStdString() },
        { "StartDate", msDate(submission.periodStart) },
        { "EndDate", msDate(submission.periodEnd) }, { "Status", "DRAFT" },
        { "TimesheetLines", lines } };
}

nlohmann::json TimesheetMapper::toPayroll2(
    const Submission &submission, const EmployeeTarget &target)
{
    std::map<std::tuple<QDate, QString, QString>, double> hours;
    for (const auto &entry : submission.entries)
        hours[{ entry.workDate, rateOf(entry, target), entry.trackingItemId }] += entry.hours;
    auto lines = nlohmann::json::array();
    for (const auto &[key, value] : hours) {
        if (value <= 0)
            continue; // Xero refuses zero units; a day without hours has no line
        const auto &[date, rate, tracking] = key;
        nlohmann::json line { { "date", iso(date) }, { "earningsRateID", rate.toStdString() },
            { "numberOfUnits", rounded(value) } };
        if (!tracking.isEmpty())
            line["trackingItemID"] = tracking.toStdString();
        lines.push_back(line);
    }
    return nlohmann::json { { "payrollCalendarID", target.calendar.id.toStdString() },
        { "employeeID", target.xeroEmployeeId.toStdString() },
        { "startDate", iso(submission.periodStart) }, { "endDate", iso(submission.periodEnd) },
        { "timesheetLines", lines } };
}

nlohmann::json TimesheetMapper::toProjectsTimeEntries(
    const Submission &submission, const EmployeeTarget &target)
{
    // One time entry per (date, project, task): the identity the writer matches Xero's entries
    // by, so two rows of the source for the same task and day become one entry of their sum.
    struct Sum
    {
        QString projectId;
        QString taskId;
        double hours = 0;
        QStringList descriptions;
    };

    std::map<std::tuple<QDate, QString, QString>, Sum> sums;
    for (const auto &entry : submission.entries) {
        if (entry.xeroTaskId.isEmpty() || entry.xeroProjectId.isEmpty() || entry.hours <= 0)
            continue;
        auto &sum =
            sums[{ entry.workDate, entry.xeroProjectId.toLower(), entry.xeroTaskId.toLower() }];
        sum.projectId = entry.xeroProjectId.toLower();
        sum.taskId = entry.xeroTaskId.toLower();
        sum.hours += entry.hours;
        if (!entry.description.isEmpty() && !sum.descriptions.contains(entry.description))
            sum.descriptions << entry.description;
    }
    auto entries = nlohmann::json::array();
    for (const auto &[key, sum] : sums) {
        nlohmann::json item { { "projectId", sum.projectId.toStdString() },
            { "userId", target.projectsUserId.toLower().toStdString() },
            { "taskId", sum.taskId.toStdString() },
            { "dateUtc", iso(std::get<0>(key)) + "T00:00:00Z" },
            { "duration", static_cast<int>(std::lround(sum.hours * 60)) } };
        if (!sum.descriptions.isEmpty())
            item["description"] = sum.descriptions.join(QStringLiteral("; ")).toStdString();
        entries.push_back(item);
    }
    return entries;
}

QByteArray TimesheetMapper::contentHash(const nlohmann::json &body)
{
    // nlohmann::json (not ordered_json) dumps object keys sorted: a canonical form.
    return QCryptographicHash::hash(
        QByteArray::fromStdString(body.dump()), QCryptographicHash::Sha256)
        .toHex();
}

} // namespace XeroSync
