#pragma once

#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include <QList>
#include <QObject>

#include "core/common/clock.h"
#include "core/queue/redisconfig.h"
#include "core/store/database.h"
#include "core/store/synclogstore.h"
#include "core/xero/xeroclient.h"

namespace XeroSync {

class RedisConnection;

//! The `health-check` job: Redis, PostgreSQL and the Xero connection, each with its latency,
//! recorded as a sync log row (operation "health-check") for the dashboard.
class HealthCheck : public QObject
{
    Q_OBJECT

public:
    struct Check
    {
        QString name; //!< redis, postgres, xero
        bool ok = false;
        qint64 latencyMs = 0;
        QString error;
    };

    struct Report
    {
        QList<Check> checks;
        qint64 logId = 0;

        bool ok() const;
        nlohmann::json toJson() const;
    };

    using TokenProvider = std::function<void(std::function<void(Result<QString>)>)>;

    HealthCheck(Database &database, RedisConfig redis, XeroClient &xero, SyncLogStore &log,
        const Clock &clock, TokenProvider token, QObject *parent = nullptr);
    ~HealthCheck() override;

    void run(SyncTrigger trigger, std::function<void(Report)> done);

private:
    Database &m_database;
    std::unique_ptr<RedisConnection> m_redis;
    XeroClient &m_xero;
    SyncLogStore &m_log;
    const Clock &m_clock;
    TokenProvider m_token;
};

} // namespace XeroSync
