#pragma once

// Records of the source timesheet tables, as the sync engine reads them.

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace XeroSync {

struct Employee
{
    QString id;
    QString name;
    QString email;
    QString xeroEmployeeId;
    QString xeroEarningsRateId;
    QString xeroTenantId;
    bool active = true;
};

struct TimesheetEntry
{
    qint64 id = 0;
    QDate workDate;
    double hours = 0;
    QString earningsRateId; //!< empty: the employee's default
    QString trackingItemId;
    QString xeroProjectId;
    QString xeroTaskId;
    QString description;
};

//! A submission with its employee and entries (entries sorted by date).
struct Submission
{
    QString id;
    QString userId;
    QDate periodStart;
    QDate periodEnd;
    QString status; //!< SUBMITTED, APPROVED, REJECTED
    QString approvedBy;
    QDateTime approvedAt;
    int version = 1;
    Employee employee;
    QList<TimesheetEntry> entries;
};

//! Enough of a submission to enqueue a job for it.
struct SubmissionRef
{
    QString id;
    QString userId;
    int version = 1;
    QDate periodStart;
    QDate periodEnd;
};

} // namespace XeroSync
