#include "healthcheck.h"

#include "core/queue/redisconnection.h"

namespace XeroSync {

bool HealthCheck::Report::ok() const
{
    return std::all_of(checks.begin(), checks.end(), [](const Check &check) { return check.ok; });
}

nlohmann::json HealthCheck::Report::toJson() const
{
    auto list = nlohmann::json::array();
    for (const auto &check : checks)
        list.push_back({ { "name", check.name.toStdString() }, { "ok", check.ok },
            { "latencyMs", check.latencyMs }, { "error", check.error.toStdString() } });
    return nlohmann::json { { "ok", ok() }, { "checks", list } };
}

HealthCheck::HealthCheck(Database &database, RedisConfig redis, XeroClient &xero, SyncLogStore &log,
    const Clock &clock, TokenProvider token, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_redis(
          std::make_unique<RedisConnection>(std::move(redis), QByteArrayLiteral("xerosync-health")))
    , m_xero(xero)
    , m_log(log)
    , m_clock(clock)
    , m_token(std::move(token))
{
    m_redis->setCommandTimeout(2000); // a health check must answer, not hang on a dead server
}

HealthCheck::~HealthCheck() = default;

void HealthCheck::run(SyncTrigger trigger, std::function<void(Report)> done)
{
    auto report = std::make_shared<Report>();
    const auto timed = [this](const QString &name, const std::function<Result<void>()> &probe) {
        const auto start = m_clock.monotonicMs();
        const auto result = probe();
        return Check { name, result.has_value(), m_clock.monotonicMs() - start,
            result ? QString() : result.error().message };
    };
    report->checks.append(timed(QStringLiteral("redis"), [this]() -> Result<void> {
        const auto reply = m_redis->command({ "PING" });
        if (!reply)
            return std::unexpected(reply.error());
        return {};
    }));
    report->checks.append(timed(QStringLiteral("postgres"), [this]() -> Result<void> {
        const auto query = m_database.exec(QStringLiteral("SELECT 1"));
        if (!query)
            return std::unexpected(query.error());
        return {};
    }));
    const auto start = m_clock.monotonicMs();
    m_token([this, report, start, trigger, done = std::move(done)](Result<QString> token) mutable {
        auto record = [this, report, trigger, done = std::move(done)](Check xero) mutable {
            report->checks.append(xero);
            SyncLogEntry entry;
            entry.operation = QStringLiteral("health-check");
            entry.status = report->ok() ? SyncStatus::Success : SyncStatus::Failed;
            entry.trigger = trigger;
            entry.details = report->toJson();
            QStringList errors;
            for (const auto &check : report->checks) {
                if (!check.ok)
                    errors << check.name + QStringLiteral(": ") + check.error;
            }
            entry.error = errors.join(QStringLiteral("; "));
            report->logId = m_log.insert(entry).value_or(0);
            done(*report);
        };
        if (!token) {
            record(Check { QStringLiteral("xero"), false, m_clock.monotonicMs() - start,
                token.error().message });
            return;
        }
        // The cheapest authenticated call: the connections list, not a tenant's rate limit.
        XeroRequest request;
        request.path = QStringLiteral("/connections");
        request.accessToken = *token;
        m_xero.send(request, [this, start, record = std::move(record)](XeroReply reply) mutable {
            record(Check { QStringLiteral("xero"), reply.ok(), m_clock.monotonicMs() - start,
                reply.error ? reply.error->message : QString() });
        });
    });
}

} // namespace XeroSync
