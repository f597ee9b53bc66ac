#include "xeroconnectionstore.h"

#include <QSqlQuery>

#include "core/store/database.h"
#include "core/store/sqlvalue.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

XeroConnectionStore::XeroConnectionStore(Database &database, const Clock &clock)
    : m_database(database)
    , m_clock(clock)
{ }

Result<void> XeroConnectionStore::upsert(const XeroConnectionRecord &r)
{
    const QVariant now = Sql::timestamp(m_clock.now());
    auto q = m_database.exec(
        u"INSERT INTO xero_connection (tenant_id, tenant_name, tenant_type, region, connection_id,"
        " scopes, status, token_set_id, connected_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, 'CONNECTED', ?, ?, ?)"
        " ON CONFLICT (tenant_id) DO UPDATE SET tenant_name = EXCLUDED.tenant_name,"
        " tenant_type = EXCLUDED.tenant_type, region = COALESCE(EXCLUDED.region, "
        "xero_connection.region),"
        " connection_id = EXCLUDED.connection_id, scopes = EXCLUDED.scopes, status = 'CONNECTED',"
        " token_set_id = EXCLUDED.token_set_id,"
        // A reconnect keeps the organisation's place: the first connected stays the default.
        " connected_at = CASE WHEN xero_connection.status = 'DISCONNECTED'"
        " THEN EXCLUDED.connected_at ELSE xero_connection.connected_at END,"
        " updated_at = EXCLUDED.updated_at"_s,
        { r.tenantId, r.tenantName, r.tenantType, Sql::text(r.region), Sql::text(r.connectionId),
            r.scopes, Sql::text(r.tokenSetId), now, now });
    if (!q)
        return std::unexpected(q.error());
    return {};
}

Result<QList<XeroConnectionRecord>> XeroConnectionStore::list(bool includeDisconnected)
{
    auto q = m_database.exec(
        u"SELECT tenant_id, tenant_name, tenant_type, region, connection_id, scopes, status,"
        " token_set_id, connected_at, updated_at FROM xero_connection %1 ORDER BY connected_at, position"_s
            .arg(includeDisconnected ? QString() : u"WHERE status <> 'DISCONNECTED'"_s));
    if (!q)
        return std::unexpected(q.error());
    QList<XeroConnectionRecord> out;
    while (q->next()) {
        XeroConnectionRecord r;
        r.tenantId = q->value(0).toString();
        r.tenantName = q->value(1).toString();
        r.tenantType = q->value(2).toString();
        r.region = q->value(3).toString();
        r.connectionId = q->value(4).toString();
        r.scopes = q->value(5).toString();
        r.status = q->value(6).toString();
        r.tokenSetId = q->value(7).toString();
        r.connectedAt = Sql::toUtc(q->value(8));
        r.updatedAt = Sql::toUtc(q->value(9));
        out << r;
    }
    return out;
}

Result<void> XeroConnectionStore::setStatus(const QString &tenantId, const QString &status)
{
    auto q = m_database.exec(
        u"UPDATE xero_connection SET status = ?, updated_at = ? WHERE tenant_id = ? RETURNING tenant_id"_s,
        { status, Sql::timestamp(m_clock.now()), tenantId });
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, u"no Xero connection for tenant %1"_s.arg(tenantId));
    return {};
}

} // namespace XeroSync
