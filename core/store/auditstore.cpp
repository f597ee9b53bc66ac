#include "auditstore.h"

#include <QRegularExpression>

#include "core/store/database.h"
#include "core/store/sqlvalue.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr int MAX_AUDIT_PAGE = 500;
} // namespace

AuditStore::AuditStore(Database &database, const Clock &clock)
    : m_database(database)
    , m_clock(clock)
{ }

namespace {
Result<void> checkEntry(const AuditEntry &entry)
{
    static const QRegularExpression actionPattern(u"^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*$"_s);
    if (entry.actor.trimmed().isEmpty())
        return fail(ErrorCode::BadRequest, u"an audit entry needs an actor"_s);
    if (!actionPattern.match(entry.action).hasMatch())
        return fail(ErrorCode::BadRequest,
            u"audit action '%1' is not a dotted lowercase verb like queue.pause"_s.arg(
                entry.action));
    return {};
}
} // namespace

Result<qint64> AuditStore::record(const AuditEntry &entry)
{
    if (auto valid = checkEntry(entry); !valid)
        return std::unexpected(valid.error());
    auto q = m_database.exec(u"INSERT INTO audit_log (created_at, actor, action, target, details)"
                             " VALUES (?, ?, ?, ?, CAST(? AS jsonb)) RETURNING id"_s,
        { Sql::timestamp(m_clock.now()), entry.actor, entry.action, Sql::text(entry.target),
            Sql::json(entry.details) });
    if (!q)
        return std::unexpected(q.error());
    q->next();
    return q->value(0).toLongLong();
}

Result<void> AuditStore::recordMany(const QList<AuditEntry> &entries)
{
    if (entries.isEmpty())
        return {};
    QStringList rows;
    QVariantList binds;
    const QVariant now = Sql::timestamp(m_clock.now());
    for (const AuditEntry &entry : entries) {
        if (auto valid = checkEntry(entry); !valid)
            return valid;
        rows << u"(?, ?, ?, ?, CAST(? AS jsonb))"_s;
        binds << now << entry.actor << entry.action << Sql::text(entry.target)
              << Sql::json(entry.details);
    }
    auto q = m_database.exec(
        u"INSERT INTO audit_log (created_at, actor, action, target, details) VALUES "_s
            + rows.join(u", "_s),
        binds);
    if (!q)
        return std::unexpected(q.error());
    return {};
}

Result<QList<AuditEntry>> AuditStore::list(
    int limit, std::optional<qint64> beforeId, const QString &action)
{
    if (limit < 1 || limit > MAX_AUDIT_PAGE)
        return fail(ErrorCode::BadRequest,
            u"limit must be between 1 and %1 (got %2)"_s.arg(MAX_AUDIT_PAGE).arg(limit));
    QStringList where;
    QVariantList binds;
    if (beforeId) {
        where << u"id < ?"_s;
        binds << *beforeId;
    }
    if (!action.isEmpty()) {
        where << u"action = ?"_s;
        binds << action;
    }
    binds << limit;
    auto q = m_database.exec(
        u"SELECT id, created_at, actor, action, target, details::text FROM audit_log %1"
        " ORDER BY id DESC LIMIT ?"_s.arg(
            where.isEmpty() ? QString() : u"WHERE "_s + where.join(u" AND "_s)),
        binds);
    if (!q)
        return std::unexpected(q.error());
    QList<AuditEntry> entries;
    while (q->next()) {
        entries.append({ q->value(0).toLongLong(), Sql::toUtc(q->value(1)), q->value(2).toString(),
            q->value(3).toString(), q->value(4).toString(), Sql::toJson(q->value(5)) });
    }
    return entries;
}

} // namespace XeroSync
