#include "agentcommands.h"

#include <QTextStream>

#include "agent/http/apijson.h"
#include "core/common/systemclock.h"
#include "core/queue/queue.h"
#include "core/store/apitokenstore.h"
#include "core/store/auditstore.h"
#include "core/store/database.h"
#include "core/store/migrator.h"
#include "core/store/synclogstore.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

std::unique_ptr<Database> openDatabase(const AgentConfig &config)
{
    auto database = Database::fromUrl(config.databaseUrl);
    if (!database) {
        err() << "xerosync-agent: " << database.error().message << Qt::endl;
        return nullptr;
    }
    if (auto alive = (*database)->exec(u"SELECT 1"_s); !alive) {
        err() << "xerosync-agent: cannot reach PostgreSQL: " << alive.error().message << Qt::endl;
        return nullptr;
    }
    return std::move(*database);
}
} // namespace

int AgentCommands::migrate(const AgentConfig &config)
{
    const auto database = openDatabase(config);
    if (!database)
        return 1;
    const auto applied = Migrator(*database).migrate();
    if (!applied) {
        err() << "xerosync-agent: migration failed: " << applied.error().message << Qt::endl;
        return 1;
    }
    out() << (*applied == 0 ? u"database is up to date"_s
                            : u"applied %1 migration(s)"_s.arg(*applied))
          << Qt::endl;
    return 0;
}

int AgentCommands::token(const AgentOptions &options, const AgentConfig &config)
{
    const auto database = openDatabase(config);
    if (!database)
        return 1;
    if (auto applied = Migrator(*database).migrate(); !applied) {
        err() << "xerosync-agent: migration failed: " << applied.error().message << Qt::endl;
        return 1;
    }
    ApiTokenStore tokens(*database, SystemClock::shared());
    AuditStore audit(*database, SystemClock::shared());
    const QString sub = options.arguments.value(0);
    if (sub == u"create"_s) {
        const auto role = ApiTokenStore::roleFromName(options.tokenRole);
        if (!role) {
            err() << "xerosync-agent: " << role.error().message << Qt::endl;
            return 2;
        }
        const auto created = tokens.create(options.tokenName, *role);
        if (!created) {
            err() << "xerosync-agent: " << created.error().message << Qt::endl;
            return 1;
        }
        (void)audit.record({ 0, {}, u"cli"_s, u"token.create"_s, options.tokenName,
            { { "role", options.tokenRole.toStdString() } } });
        // The secret alone on stdout, so scripts can capture it; it is not shown again.
        out() << created->secret << Qt::endl;
        err() << "created " << options.tokenRole << " token '" << options.tokenName
              << "'; store it now, it cannot be shown again" << Qt::endl;
        return 0;
    }
    if (sub == u"revoke"_s) {
        if (auto revoked = tokens.revoke(options.tokenName); !revoked) {
            err() << "xerosync-agent: " << revoked.error().message << Qt::endl;
            return 1;
        }
        (void)audit.record(
            { 0, {}, u"cli"_s, u"token.revoke"_s, options.tokenName, nlohmann::json::object() });
        out() << "revoked token '" << options.tokenName << "'" << Qt::endl;
        return 0;
    }
    const auto list = tokens.list();
    if (!list) {
        err() << "xerosync-agent: " << list.error().message << Qt::endl;
        return 1;
    }
    out() << qSetFieldWidth(24) << Qt::left << "NAME" << qSetFieldWidth(8) << "ROLE"
          << qSetFieldWidth(22) << "CREATED" << qSetFieldWidth(0) << "LAST USED" << Qt::endl;
    for (const ApiToken &token : *list) {
        out() << qSetFieldWidth(24) << token.name << qSetFieldWidth(8)
              << ApiToken::roleName(token.role) << qSetFieldWidth(22)
              << token.createdAt.toString(Qt::ISODate) << qSetFieldWidth(0)
              << (token.lastUsedAt.isValid() ? token.lastUsedAt.toString(Qt::ISODate) : u"never"_s)
              << Qt::endl;
    }
    return 0;
}

int AgentCommands::status(const AgentConfig &config)
{
    const auto redis = RedisConfig::fromUrl(config.redisUrl);
    if (!redis) {
        err() << "xerosync-agent: " << redis.error().message << Qt::endl;
        return 1;
    }
    QueueSettings settings;
    settings.prefix = config.queuePrefix;
    settings.name = config.queueName;
    Queue queue(*redis, settings);
    const auto counts = queue.counts();
    if (!counts) {
        err() << "xerosync-agent: " << counts.error().message << Qt::endl;
        return 1;
    }
    const auto paused = queue.isPaused();
    const auto workers = queue.workers();
    out() << "queue " << config.queuePrefix << ':' << config.queueName
          << (paused.value_or(false) ? " (PAUSED)" : " (running)") << Qt::endl;
    const nlohmann::json c = ApiJson::counts(*counts);
    for (const auto &[state, value] : c.items())
        out() << "  " << qSetFieldWidth(10) << Qt::left << QString::fromStdString(state)
              << qSetFieldWidth(0) << value.get<qint64>() << Qt::endl;
    out() << "workers connected: " << (workers ? workers->size() : 0) << Qt::endl;
    if (const auto database = openDatabase(config)) {
        SyncLogStore log(*database, SystemClock::shared());
        if (const auto stats = log.stats24h(3)) {
            out() << "last 24 h: " << stats->success << " synced, " << stats->failed
                  << " failed, success rate " << QString::number(stats->successRate * 100, 'f', 1)
                  << "%" << Qt::endl;
            for (const ErrorCount &error : stats->topErrors)
                out() << "  " << error.count << " x " << error.message.left(100) << Qt::endl;
        }
    }
    return 0;
}

int AgentCommands::checkConfig(const AgentConfig &config)
{
    out() << "configuration is valid"
          << (config.sourceFile.isEmpty() ? u" (environment only)"_s
                                          : u" (" + config.sourceFile + u" plus environment)")
          << Qt::endl;
    out() << "  redis      " << RedisConfig::fromUrl(config.redisUrl)->redacted() << Qt::endl;
    out() << "  xero       "
          << (config.sandbox() ? u"sandbox at "_s + config.xeroBaseUrl : u"production"_s)
          << ", payroll " << config.xeroPayroll << ", target " << config.xeroTarget << Qt::endl;
    out() << "  http       " << (config.tls() ? "https://" : "http://")
          << config.bindAddress.toString() << ':' << config.port << Qt::endl;
    out() << "  workers    " << config.concurrency << Qt::endl;
    return 0;
}

} // namespace XeroSync
