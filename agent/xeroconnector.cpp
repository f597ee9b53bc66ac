#include "xeroconnector.h"

#include <QRandomGenerator>
#include <QUuid>

#include "agent/agentlogging.h"
#include "core/common/clock.h"
#include "core/store/xeroconnectionstore.h"
#include "core/xero/oauthclient.h"
#include "core/xero/pkce.h"
#include "core/xero/tokenmanager.h"
#include "core/xero/xeroclient.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr qint64 PENDING_LIFETIME_MS = 10 * 60 * 1000;
constexpr int MAX_PENDING = 32;

SyncTarget syncTargetFor(const QString &payroll)
{
    if (payroll == u"uk"_s)
        return SyncTarget::PayrollUk;
    if (payroll == u"nz"_s)
        return SyncTarget::PayrollNz;
    if (payroll == u"au2"_s)
        return SyncTarget::PayrollAuV2;
    return SyncTarget::PayrollAu;
}

//! AU, UK or NZ from Accounting's Organisation answer; empty when it names none of them. Xero's
//! `Version` is the edition, which decides the payroll API; `CountryCode` is ISO (GB for the UK).
QString regionFrom(const nlohmann::json &answer)
{
    const auto orgs = answer.is_object() ? answer.value("Organisations", nlohmann::json::array())
                                         : nlohmann::json::array();
    if (!orgs.is_array() || orgs.empty() || !orgs[0].is_object())
        return {};
    const auto text = [&](const char *key) {
        const auto value = orgs[0].value(key, nlohmann::json());
        return value.is_string() ? QString::fromStdString(value.get<std::string>()).toUpper()
                                 : QString();
    };
    const QString version = text("Version");
    if (version.startsWith(u"AU"_s))
        return u"AU"_s;
    if (version == u"UK"_s || version == u"NZ"_s)
        return version;
    const QString country = text("CountryCode");
    if (country == u"GB"_s || country == u"UK"_s)
        return u"UK"_s;
    if (country == u"AU"_s || country == u"NZ"_s)
        return country;
    return {};
}
} // namespace

XeroConnector::XeroConnector(OAuthClient &oauth, XeroClient &xero, TokenStore &tokens,
    RefreshLock &lock, XeroConnectionStore &connections, const Clock &clock,
    QString preferredTenant, QString payroll, QObject *parent)
    : QObject(parent)
    , m_oauth(oauth)
    , m_xero(xero)
    , m_tokens(tokens)
    , m_lock(lock)
    , m_connections(connections)
    , m_clock(clock)
    , m_preferredTenant(std::move(preferredTenant))
    , m_payroll(std::move(payroll))
{ }

XeroConnector::~XeroConnector() = default;

QUrl XeroConnector::beginAuthorization()
{
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->age.elapsed() > PENDING_LIFETIME_MS || m_pending.size() > MAX_PENDING)
            it = m_pending.erase(it);
        else
            ++it;
    }
    const Pkce pkce = Pkce::create();
    quint32 random[4];
    QRandomGenerator::system()->fillRange(random);
    const QString state = QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex());
    Pending pending { pkce.verifier, {} };
    pending.age.start();
    m_pending.insert(state, pending);
    return m_oauth.authorizationUrl(pkce, state);
}

void XeroConnector::completeAuthorization(const QString &code, const QString &state,
    std::function<void(Result<QList<XeroConnectionRecord>>)> done)
{
    const auto pending = m_pending.find(state);
    if (state.isEmpty() || pending == m_pending.end()
        || pending->age.elapsed() > PENDING_LIFETIME_MS) {
        done(fail(ErrorCode::BadRequest,
            u"this Xero sign-in is unknown or older than 10 minutes; start again from Connect to Xero"_s));
        return;
    }
    const QByteArray verifier = pending->verifier;
    m_pending.erase(pending);
    m_oauth.exchangeCode(code, verifier, [this, done](Result<TokenSet> tokens) {
        if (!tokens) {
            done(std::unexpected(tokens.error()));
            return;
        }
        const TokenSet set = *tokens;
        m_oauth.connections(set.accessToken, [this, set, done](Result<QList<XeroConnection>> orgs) {
            if (!orgs) {
                done(std::unexpected(orgs.error()));
                return;
            }
            if (orgs->isEmpty()) {
                done(fail(ErrorCode::Forbidden,
                    u"Xero granted access to no organisation; choose one on Xero's consent page"_s));
                return;
            }
            const QString tokenSetId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            // Stored before anything uses it: the refresh token is the only way back in.
            if (auto saved = m_tokens.save(tokenSetId, set, 0); !saved) {
                done(std::unexpected(saved.error()));
                return;
            }
            auto records = std::make_shared<QList<XeroConnectionRecord>>();
            for (const XeroConnection &org : std::as_const(*orgs)) {
                XeroConnectionRecord record;
                record.tenantId = org.tenantId;
                record.tenantName = org.tenantName;
                record.tenantType = org.tenantType.isEmpty() ? u"ORGANISATION"_s : org.tenantType;
                record.connectionId = org.id;
                record.scopes = set.scopes.join(u' ');
                record.tokenSetId = tokenSetId;
                *records << record;
            }
            readRegions(records, 0, set.accessToken, [this, records, done] {
                for (const auto &record : std::as_const(*records)) {
                    if (auto stored = m_connections.upsert(record); !stored) {
                        done(std::unexpected(stored.error()));
                        return;
                    }
                }
                qCInfo(lcAgent) << "connected to Xero:" << records->size() << "organisation(s)";
                emit connectionChanged();
                done(*records);
            });
        });
    });
}

void XeroConnector::connectCustom(std::function<void(Result<XeroConnectionRecord>)> done)
{
    m_oauth.clientCredentials([this, done](Result<TokenSet> tokens) {
        if (!tokens) {
            done(std::unexpected(tokens.error()));
            return;
        }
        const TokenSet set = *tokens;
        XeroRequest request;
        request.path = u"/api.xro/2.0/Organisation"_s;
        request.accessToken = set.accessToken;
        m_xero.send(request, [this, set, done](XeroReply reply) {
            if (!reply.ok()) {
                done(std::unexpected(*reply.error));
                return;
            }
            const auto orgs = reply.json.is_object()
                ? reply.json.value("Organisations", nlohmann::json::array())
                : nlohmann::json::array();
            const auto org = orgs.is_array() && !orgs.empty() && orgs[0].is_object()
                ? orgs[0]
                : nlohmann::json::object();
            XeroConnectionRecord record;
            record.tenantId = QString::fromStdString(org.value("OrganisationID", ""));
            record.tenantName = QString::fromStdString(org.value("Name", ""));
            if (record.tenantId.isEmpty()) {
                done(fail(ErrorCode::Internal,
                    u"Xero's Organisation answer for the custom connection names no organisation"_s));
                return;
            }
            // Sent before the organisation was known, so through no organisation's limits.
            m_xero.countAgainst(record.tenantId);
            record.tenantType = u"ORGANISATION"_s;
            record.region = regionFrom(reply.json);
            record.scopes = set.scopes.join(u' ');
            record.tokenSetId = QString::fromLatin1(CustomTokenSetId);
            // The token first, then the organisation. Saved under the refresh lock with its
            // fence: renewals have raised the set's fence, so a save without one would be
            // refused and a set marked "reconnect needed" (after a disconnect) would stay so.
            // Another agent renewing right now stores a good token itself.
            const auto lease = m_lock.tryLock(record.tokenSetId, TokenManager::LockTtlMs);
            if (!lease) {
                done(std::unexpected(lease.error()));
                return;
            }
            if (*lease) {
                const auto saved = m_tokens.save(record.tokenSetId, set, (*lease)->fence);
                m_lock.unlock(record.tokenSetId, **lease);
                if (!saved) {
                    done(std::unexpected(saved.error()));
                    return;
                }
            }
            if (auto stored = m_connections.upsert(record); !stored) {
                done(std::unexpected(stored.error()));
                return;
            }
            qCInfo(lcAgent).noquote()
                << u"connected to Xero through the custom connection: %1 (%2)"_s.arg(
                       record.tenantName, record.tenantId);
            emit connectionChanged();
            done(record);
        });
    });
}

void XeroConnector::readRegions(std::shared_ptr<QList<XeroConnectionRecord>> records,
    qsizetype index, const QString &accessToken, std::function<void()> done)
{
    if (index >= records->size()) {
        done();
        return;
    }
    XeroRequest request;
    request.path = u"/api.xro/2.0/Organisation"_s;
    request.tenantId = records->at(index).tenantId;
    request.accessToken = accessToken;
    m_xero.send(request, [this, records, index, accessToken, done](XeroReply reply) {
        auto &record = (*records)[index];
        record.region = reply.ok() ? regionFrom(reply.json) : QString();
        if (record.region.isEmpty()) {
            // Not fatal: the organisation syncs with the configured xero/payroll instead.
            qCWarning(lcAgent).noquote()
                << u"could not tell the region of Xero organisation %1 (%2); using xero/payroll=%3"_s
                       .arg(record.tenantName,
                           reply.ok() ? u"no known Version or CountryCode"_s : reply.error->message,
                           m_payroll);
        }
        readRegions(records, index + 1, accessToken, done);
    });
}

Result<XeroConnectionRecord> XeroConnector::active(const QString &organisation, bool *isDefault)
{
    const auto all = m_connections.list();
    if (!all)
        return std::unexpected(all.error());
    const auto find = [&all](const QString &wanted) -> const XeroConnectionRecord * {
        for (const auto &record : *all) {
            if (wanted.isEmpty() || record.tenantId.compare(wanted, Qt::CaseInsensitive) == 0)
                return &record;
        }
        return nullptr;
    };
    const QString wanted = organisation.isEmpty() ? m_preferredTenant : organisation;
    const XeroConnectionRecord *chosen = find(wanted);
    if (isDefault)
        *isDefault = chosen && (organisation.isEmpty() || chosen == find(m_preferredTenant));
    if (!chosen) {
        return fail(ErrorCode::Unavailable,
            wanted.isEmpty()
                ? u"xerosync is not connected to Xero yet; an admin must use Connect to Xero"_s
                : u"the Xero organisation %1 is not connected; an admin must use Connect to Xero and allow it"_s
                      .arg(wanted),
            true);
    }
    if (chosen->status == u"RECONNECT_NEEDED"_s)
        return fail(ErrorCode::Forbidden,
            u"the Xero connection to %1 needs re-authorising: an admin must use Connect to Xero again"_s
                .arg(chosen->tenantName),
            false);
    return *chosen;
}

QString XeroConnector::payrollFor(const XeroConnectionRecord &record) const
{
    if (record.region == u"UK"_s)
        return u"uk"_s;
    if (record.region == u"NZ"_s)
        return u"nz"_s;
    if (record.region == u"AU"_s)
        return m_payroll == u"au2"_s ? u"au2"_s : u"au1"_s;
    return m_payroll;
}

TokenManager *XeroConnector::managerFor(const QString &tokenSetId)
{
    auto it = m_managers.find(tokenSetId);
    if (it == m_managers.end())
        it = m_managers.insert(
            tokenSetId, new TokenManager(m_oauth, m_tokens, m_lock, m_clock, tokenSetId, this));
    return *it;
}

Result<SyncJobs::Tenant> XeroConnector::tenant(const QString &organisation)
{
    bool isDefault = false;
    const auto record = active(organisation, &isDefault);
    if (!record)
        return std::unexpected(record.error());
    SyncJobs::Tenant tenant;
    tenant.tenantId = record->tenantId;
    tenant.isDefault = isDefault;
    const QString payroll = payrollFor(*record);
    tenant.target = m_projects ? SyncTarget::Projects : syncTargetFor(payroll);
    tenant.api = payroll == u"au1"_s ? PayrollTarget::PayrollAu1 : PayrollTarget::Payroll2;
    TokenManager *manager = managerFor(record->tokenSetId);
    tenant.accessToken = [manager](std::function<void(Result<QString>)> done) {
        manager->accessToken(std::move(done));
    };
    tenant.refreshAfterRejection = [manager](const QString &rejected,
                                       std::function<void(Result<QString>)> done) {
        manager->refreshAfterRejection(rejected, std::move(done));
    };
    tenant.accessRevoked = [this, tenantId = record->tenantId](const QString &reason) {
        qCWarning(lcAgent).noquote()
            << u"Xero refused organisation %1; an admin must connect again: %2"_s.arg(
                   tenantId, reason);
        (void)m_connections.setStatus(tenantId, u"RECONNECT_NEEDED"_s);
    };
    return tenant;
}

void XeroConnector::accessToken(std::function<void(Result<QString>)> done)
{
    const auto record = active();
    if (!record) {
        done(std::unexpected(record.error()));
        return;
    }
    managerFor(record->tokenSetId)->accessToken(std::move(done));
}

void XeroConnector::keepAlive(qint64 maxAgeSeconds)
{
    const auto all = m_connections.list();
    if (!all) {
        qCWarning(lcAgent) << "could not look at idle Xero tokens:" << all.error().message;
        return;
    }
    QStringList tokenSets;
    for (const auto &record : *all) {
        if (record.status == u"CONNECTED"_s && !record.tokenSetId.isEmpty()
            && !tokenSets.contains(record.tokenSetId))
            tokenSets << record.tokenSetId;
    }
    for (const QString &id : std::as_const(tokenSets)) {
        managerFor(id)->refreshIfOlderThan(maxAgeSeconds, [id](Result<bool> refreshed) {
            if (!refreshed)
                qCWarning(lcAgent) << "could not refresh idle Xero tokens" << id << ":"
                                   << refreshed.error().message;
        });
    }
}

void XeroConnector::disconnect(std::function<void(Result<void>)> done)
{
    const auto all = m_connections.list();
    if (!all) {
        done(std::unexpected(all.error()));
        return;
    }
    if (all->isEmpty()) {
        done(fail(ErrorCode::NotFound, u"xerosync is not connected to Xero"_s));
        return;
    }
    QStringList tokenSets;
    for (const auto &record : *all) {
        (void)m_connections.setStatus(record.tenantId, u"DISCONNECTED"_s);
        if (!tokenSets.contains(record.tokenSetId))
            tokenSets << record.tokenSetId;
    }
    for (const QString &id : std::as_const(tokenSets)) {
        const auto stored = m_tokens.load(id);
        if (stored && *stored && !(*stored)->tokens.refreshToken.isEmpty()) {
            // Best effort: the organisations are already disconnected on our side.
            m_oauth.revoke((*stored)->tokens.refreshToken, [id](Result<bool> revoked) {
                if (!revoked)
                    qCWarning(lcAgent) << "Xero did not confirm revoking token set" << id << ":"
                                       << revoked.error().message;
            });
        }
        (void)m_tokens.markReconnectNeeded(id, u"disconnected by an admin"_s);
        delete m_managers.take(id);
    }
    emit connectionChanged();
    done({});
}

Result<nlohmann::json> XeroConnector::status()
{
    const auto all = m_connections.list(true);
    if (!all)
        return std::unexpected(all.error());
    const auto current = active();
    nlohmann::json orgs = nlohmann::json::array();
    for (const auto &record : *all) {
        nlohmann::json org { { "tenantId", record.tenantId.toStdString() },
            { "tenantName", record.tenantName.toStdString() },
            { "status", record.status.toStdString() }, { "region", record.region.toStdString() },
            { "payroll", payrollFor(record).toStdString() },
            { "scopes", record.scopes.toStdString() },
            { "connectedAt", record.connectedAt.toString(Qt::ISODate).toStdString() },
            { "active", current && current->tenantId == record.tenantId } };
        if (const auto stored = m_tokens.load(record.tokenSetId); stored && *stored) {
            org["tokenExpiresAt"] = (*stored)->tokens.expiresAt.toString(Qt::ISODate).toStdString();
            if ((*stored)->reconnectNeeded && record.status != u"DISCONNECTED"_s) {
                org["status"] = "RECONNECT_NEEDED";
                org["reason"] = (*stored)->reason.toStdString();
            }
        }
        orgs.push_back(org);
    }
    nlohmann::json out { { "connected", bool(current) }, { "organisations", orgs } };
    if (!current)
        out["message"] = current.error().message.toStdString();
    return out;
}

} // namespace XeroSync
