#include "timesheetvalidator.h"

#include <QCoreApplication>
#include <QMap>

namespace XeroSync {

namespace {

QString day(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("XeroSync::TimesheetValidator", text);
}

} // namespace

QList<ValidationFinding> TimesheetValidator::validate(
    const Submission &submission, const EmployeeTarget &target)
{
    QList<ValidationFinding> findings;
    const auto &employee = submission.employee;
    const auto who = employee.name.isEmpty() ? submission.userId : employee.name;
    if (target.xeroEmployeeId.isEmpty()) {
        findings.append({ QStringLiteral("employee_not_mapped"),
            tr("%1 is not linked to a Xero employee.").arg(who),
            tr("Set the employee's Xero employee id (employees.xero_employee_id), then sync "
               "again.") });
        return findings; // nothing else can be checked without the Xero employee
    }
    if (!employee.active || !target.active
        || (target.terminationDate.isValid() && target.terminationDate < submission.periodStart))
        findings.append({ QStringLiteral("employee_inactive"),
            tr("%1 is not an active employee in Xero for this period.").arg(who),
            tr("Reactivate the employee in Xero Payroll or correct the period.") });
    if (!target.calendar.startDate.isValid()) {
        findings.append(
            { QStringLiteral("no_pay_calendar"), tr("%1 has no pay calendar in Xero.").arg(who),
                tr("Assign a payroll calendar to the employee in Xero Payroll.") });
    } else {
        const PayPeriod period { submission.periodStart, submission.periodEnd };
        if (!PayPeriods::isPeriod(target.calendar, period)) {
            const auto nearest = PayPeriods::containing(target.calendar, submission.periodStart);
            findings.append({ QStringLiteral("period_mismatch"),
                tr("The period %1 to %2 is not a pay period of %3's %4 pay calendar.")
                    .arg(day(period.start), day(period.end), who, target.calendar.type.toLower()),
                nearest ? tr(
                    "The nearest pay period is %1 to %2; submit the timesheet for that period.")
                              .arg(day(nearest->start), day(nearest->end))
                        : tr("Check the employee's pay calendar in Xero.") });
        }
    }
    entryFindings(submission, findings);
    for (const auto &entry : submission.entries) {
        const auto rate =
            entry.earningsRateId.isEmpty() ? target.defaultEarningsRateId : entry.earningsRateId;
        if (rate.isEmpty() || !target.validEarningsRateIds.contains(rate, Qt::CaseInsensitive))
            findings.append({ QStringLiteral("earnings_rate_invalid"),
                tr("The earnings rate %1 on %2 does not exist in Xero or is not valid for "
                   "timesheets.")
                    .arg(rate.isEmpty() ? tr("(none)") : rate, day(entry.workDate)),
                tr("Use an active hourly earnings rate that is on the employee's pay template in "
                   "Xero.") });
    }
    return unique(findings);
}

QList<ValidationFinding> TimesheetValidator::validateForProjects(
    const Submission &submission, const EmployeeTarget &target)
{
    QList<ValidationFinding> findings;
    const auto &employee = submission.employee;
    const auto who = employee.name.isEmpty() ? submission.userId : employee.name;
    if (target.projectsUserId.isEmpty()) {
        findings.append({ QStringLiteral("projects_user_not_found"),
            tr("%1 is not a Xero Projects user: no user has the email address '%2'.")
                .arg(who, employee.email),
            tr("Invite the person to Xero Projects with that email address, or correct "
               "employees.email, then sync again.") });
        return findings;
    }
    if (!employee.active)
        findings.append(
            { QStringLiteral("employee_inactive"), tr("%1 is not an active employee.").arg(who),
                tr("Reactivate the employee in the timesheet system or do not sync this "
                   "timesheet.") });
    entryFindings(submission, findings);
    for (const auto &entry : submission.entries) {
        if (entry.hours <= 0)
            continue;
        if (entry.xeroProjectId.isEmpty() || entry.xeroTaskId.isEmpty())
            findings.append({ QStringLiteral("entry_without_task"),
                tr("The entry on %1 names no Xero project and task.").arg(day(entry.workDate)),
                tr("Set the entry's project and task (timesheet_entries.xero_project_id and "
                   "xero_task_id), then sync again.") });
        else if (entry.hours * 60 < 0.5)
            findings.append({ QStringLiteral("entry_too_short"),
                tr("The entry on %1 is shorter than a minute.").arg(day(entry.workDate)),
                tr("Xero Projects logs whole minutes; correct the entry.") });
    }
    return unique(findings);
}

void TimesheetValidator::entryFindings(
    const Submission &submission, QList<ValidationFinding> &findings)
{
    if (submission.entries.isEmpty())
        findings.append({ QStringLiteral("no_entries"), tr("The timesheet has no hours."),
            tr("Add the hours worked, or do not approve an empty timesheet.") });
    QMap<QDate, double> perDay;
    for (const auto &entry : submission.entries) {
        if (entry.workDate < submission.periodStart || entry.workDate > submission.periodEnd)
            findings.append({ QStringLiteral("entry_outside_period"),
                tr("Hours on %1 lie outside the period %2 to %3.")
                    .arg(day(entry.workDate), day(submission.periodStart),
                        day(submission.periodEnd)),
                tr("Move the entry into the period or into the timesheet of its own period.") });
        if (entry.hours < 0)
            findings.append({ QStringLiteral("negative_hours"),
                tr("The entry on %1 has negative hours.").arg(day(entry.workDate)),
                tr("Correct the entry; Xero accepts only zero or more hours.") });
        perDay[entry.workDate] += entry.hours;
    }
    for (auto it = perDay.cbegin(); it != perDay.cend(); ++it) {
        if (it.value() > 24)
            findings.append({ QStringLiteral("too_many_hours"),
                tr("%1 hours on %2: a day has at most 24.").arg(it.value()).arg(day(it.key())),
                tr("Correct the entries of that day.") });
    }
}

QList<ValidationFinding> TimesheetValidator::unique(const QList<ValidationFinding> &findings)
{
    // One finding per message is enough for a person to act on.
    QList<ValidationFinding> kept;
    for (const auto &finding : findings) {
        if (std::none_of(kept.begin(), kept.end(),
                [&](const ValidationFinding &f) { return f.message == finding.message; }))
            kept.append(finding);
    }
    return kept;
}

nlohmann::json TimesheetValidator::toJson(const QList<ValidationFinding> &findings)
{
    auto list = nlohmann::json::array();
    for (const auto &f : findings)
        list.push_back({ { "code", f.code.toStdString() }, { "message", f.message.toStdString() },
            { "hint", f.hint.toStdString() } });
    return list;
}

QString TimesheetValidator::describe(const QList<ValidationFinding> &findings)
{
    QStringList messages;
    for (const auto &f : findings)
        messages << f.message + QLatin1Char(' ') + f.hint;
    return messages.join(QLatin1Char(' '));
}

} // namespace XeroSync
