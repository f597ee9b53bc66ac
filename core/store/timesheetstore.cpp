#include "timesheetstore.h"

#include "core/store/database.h"
#include "core/store/sqlvalue.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr int MAX_CATCH_UP = 5000;

// A text[] literal for `= ANY(CAST(? AS text[]))`: one bound value whatever the list's length.
QString textArray(const QStringList &values)
{
    QStringList quoted;
    quoted.reserve(values.size());
    for (QString v : values) {
        v.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
        quoted << u'"' + v + u'"';
    }
    return u'{' + quoted.join(u',') + u'}';
}

QList<SubmissionRef> readRefs(QSqlQuery &q)
{
    QList<SubmissionRef> refs;
    while (q.next())
        refs.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toInt(),
            q.value(3).toDate(), q.value(4).toDate() });
    return refs;
}

Employee readEmployee(const QSqlQuery &q, int first)
{
    return { q.value(first).toString(), q.value(first + 1).toString(),
        q.value(first + 2).toString(), q.value(first + 3).toString(), q.value(first + 4).toString(),
        q.value(first + 5).toString(), q.value(first + 6).toBool() };
}

const auto EMPLOYEE_COLUMNS =
    u"e.id, e.name, e.email, e.xero_employee_id, e.xero_earnings_rate_id, e.xero_tenant_id, e.active"_s;
} // namespace

TimesheetStore::TimesheetStore(Database &database)
    : m_database(database)
{ }

Result<Submission> TimesheetStore::load(const QString &submissionId)
{
    if (submissionId.trimmed().isEmpty())
        return fail(ErrorCode::BadRequest, u"a submission id is required"_s);
    auto q = m_database.exec(
        u"SELECT s.id, s.user_id, s.period_start, s.period_end, s.status, s.approved_by,"
        " s.approved_at, s.version, %1"
        " FROM timesheet_submissions s JOIN employees e ON e.id = s.user_id WHERE s.id = ?"_s.arg(
            EMPLOYEE_COLUMNS),
        { submissionId });
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, u"submission '%1' does not exist"_s.arg(submissionId));
    Submission s;
    s.id = q->value(0).toString();
    s.userId = q->value(1).toString();
    s.periodStart = q->value(2).toDate();
    s.periodEnd = q->value(3).toDate();
    s.status = q->value(4).toString();
    s.approvedBy = q->value(5).toString();
    s.approvedAt = Sql::toUtc(q->value(6));
    s.version = q->value(7).toInt();
    s.employee = readEmployee(*q, 8);

    auto entries = m_database.exec(
        u"SELECT id, work_date, hours::float8, earnings_rate_id, tracking_item_id, xero_project_id,"
        " xero_task_id, description FROM timesheet_entries WHERE submission_id = ?"
        " ORDER BY work_date, id"_s,
        { submissionId });
    if (!entries)
        return std::unexpected(entries.error());
    while (entries->next()) {
        s.entries.append({ entries->value(0).toLongLong(), entries->value(1).toDate(),
            entries->value(2).toDouble(), entries->value(3).toString(),
            entries->value(4).toString(), entries->value(5).toString(),
            entries->value(6).toString(), entries->value(7).toString() });
    }
    return s;
}

Result<QString> TimesheetStore::organisationOf(const QString &submissionId)
{
    auto q = m_database.exec(u"SELECT e.xero_tenant_id FROM timesheet_submissions s"
                             " JOIN employees e ON e.id = s.user_id WHERE s.id = ?"_s,
        { submissionId });
    if (!q)
        return std::unexpected(q.error());
    return q->next() ? q->value(0).toString().trimmed().toLower() : QString();
}

Result<QList<SubmissionRef>> TimesheetStore::findApproved(
    const QDate &from, const QDate &to, const QStringList &userIds)
{
    if (!from.isValid() || !to.isValid())
        return fail(ErrorCode::BadRequest, u"a date range needs a valid start and end date"_s);
    if (from > to)
        return fail(ErrorCode::BadRequest,
            u"the date range is inverted: %1 is after %2"_s.arg(
                from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    QString sql =
        u"SELECT id, user_id, version, period_start, period_end FROM timesheet_submissions"
        " WHERE status = 'APPROVED' AND period_start <= ? AND period_end >= ?"_s;
    QVariantList binds { to, from };
    if (!userIds.isEmpty()) {
        sql += u" AND user_id = ANY(CAST(? AS text[]))"_s;
        binds << textArray(userIds);
    }
    sql += u" ORDER BY period_start, id"_s;
    auto q = m_database.exec(sql, binds);
    if (!q)
        return std::unexpected(q.error());
    return readRefs(*q);
}

Result<QList<SubmissionRef>> TimesheetStore::findUnsynced(
    const QStringList &liveSubmissionIds, int limit)
{
    if (limit < 1 || limit > MAX_CATCH_UP)
        return fail(ErrorCode::BadRequest,
            u"limit must be between 1 and %1 (got %2)"_s.arg(MAX_CATCH_UP).arg(limit));
    auto q = m_database.exec(u"SELECT s.id, s.user_id, s.version, s.period_start, s.period_end"
                             " FROM timesheet_submissions s"
                             " LEFT JOIN xero_sync_state st ON st.submission_id = s.id"
                             " WHERE s.status = 'APPROVED'"
                             "  AND NOT (st.status IS NOT NULL AND st.status = 'SYNCED' AND "
                             "st.last_synced_version >= s.version)"
                             "  AND NOT (st.status IS NOT NULL AND st.status = 'FAILED' AND "
                             "st.attempted_version >= s.version)"
                             "  AND NOT (s.id = ANY(CAST(? AS text[])))"
                             " ORDER BY s.approved_at NULLS FIRST, s.id LIMIT ?"_s,
        { textArray(liveSubmissionIds), limit });
    if (!q)
        return std::unexpected(q.error());
    return readRefs(*q);
}

Result<QList<Employee>> TimesheetStore::employees(bool activeOnly)
{
    auto q = m_database.exec(u"SELECT %1 FROM employees e %2 ORDER BY e.name, e.id"_s.arg(
        EMPLOYEE_COLUMNS, activeOnly ? u"WHERE e.active"_s : QString()));
    if (!q)
        return std::unexpected(q.error());
    QList<Employee> list;
    while (q->next())
        list.append(readEmployee(*q, 0));
    return list;
}

} // namespace XeroSync
