#include "agentconfig.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>

#include "core/queue/redisconfig.h"
#include "core/store/databaseconfig.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
const QStringList KNOWN_KEYS { u"redis/url"_s, u"database/url"_s, u"xero/client_id"_s,
    u"xero/client_secret"_s, u"xero/redirect_uri"_s, u"xero/environment"_s, u"xero/base_url"_s,
    u"xero/payroll"_s, u"xero/target"_s, u"xero/tenant_id"_s, u"xero/token_key_file"_s,
    u"xero/calls_per_minute"_s, u"xero/calls_per_day"_s, u"xero/concurrent_calls"_s,
    u"xero/keep_alive_check_ms"_s, u"xero/connection"_s, u"xero/token_key_source"_s, u"http/bind"_s,
    u"http/port"_s, u"http/tls_cert"_s, u"http/tls_key"_s, u"http/max_body_bytes"_s,
    u"http/push_linger_ms"_s, u"webhook/token"_s, u"webhook/hmac_secret"_s,
    u"workers/concurrency"_s, u"workers/shutdown_timeout_ms"_s, u"workers/catch_up_interval_ms"_s,
    u"workers/health_check_interval_ms"_s, u"workers/lock_duration_ms"_s,
    u"workers/stalled_interval_ms"_s, u"workers/max_stalled_count"_s, u"queue/prefix"_s,
    u"queue/name"_s };

struct Reader
{
    QSettings *settings = nullptr;
    const QProcessEnvironment &env;
    QStringList &problems;

    void text(QString &target, const QString &key, const char *envName = nullptr)
    {
        if (settings && settings->contains(key))
            target = settings->value(key).toString().trimmed();
        if (envName && env.contains(QString::fromLatin1(envName)))
            target = env.value(QString::fromLatin1(envName)).trimmed();
    }

    void number(int &target, const QString &key, int min, int max, const char *envName = nullptr)
    {
        QString raw;
        text(raw, key, envName);
        if (raw.isEmpty())
            return;
        bool ok = false;
        const int value = raw.toInt(&ok);
        if (!ok || value < min || value > max) {
            problems << u"%1 must be a whole number from %2 to %3 (got '%4')"_s.arg(key)
                            .arg(min)
                            .arg(max)
                            .arg(raw);
            return;
        }
        target = value;
    }
};

bool readableFile(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isReadable();
}
} // namespace

QString AgentConfig::defaultFile()
{
#ifdef Q_OS_WIN
    return QDir::fromNativeSeparators(qEnvironmentVariable("ProgramData", u"C:/ProgramData"_s))
        + u"/xerosync/agent.conf"_s;
#else
    return u"/etc/xerosync/agent.conf"_s;
#endif
}

Result<AgentConfig> AgentConfig::load(const QString &file, const QProcessEnvironment &env)
{
    AgentConfig config;
    QStringList problems;
    std::unique_ptr<QSettings> settings;
    if (!file.isEmpty()) {
        config.sourceFile = file;
        if (!readableFile(file))
            return fail(ErrorCode::BadRequest, u"cannot read the config file %1"_s.arg(file));
        settings = std::make_unique<QSettings>(file, QSettings::IniFormat);
        if (settings->status() != QSettings::NoError)
            return fail(ErrorCode::BadRequest, u"the config file %1 is not valid INI"_s.arg(file));
        for (const QString &key : settings->allKeys()) {
            if (!KNOWN_KEYS.contains(key))
                problems << u"unknown setting '%1' in %2 (known: %3)"_s.arg(
                    key, file, KNOWN_KEYS.join(u", "_s));
        }
    }
    Reader read { settings.get(), env, problems };
    read.text(config.redisUrl, u"redis/url"_s, "REDIS_URL");
    read.text(config.databaseUrl, u"database/url"_s, "DATABASE_URL");
    read.text(config.xeroClientId, u"xero/client_id"_s, "XERO_CLIENT_ID");
    read.text(config.xeroClientSecret, u"xero/client_secret"_s, "XERO_CLIENT_SECRET");
    read.text(config.xeroRedirectUri, u"xero/redirect_uri"_s, "XERO_REDIRECT_URI");
    read.text(config.xeroEnvironment, u"xero/environment"_s, "XERO_ENVIRONMENT");
    read.text(config.xeroBaseUrl, u"xero/base_url"_s, "XERO_BASE_URL");
    read.text(config.xeroPayroll, u"xero/payroll"_s, "XERO_PAYROLL");
    read.text(config.xeroTarget, u"xero/target"_s, "XERO_TARGET");
    read.text(config.xeroTenantId, u"xero/tenant_id"_s, "XERO_TENANT_ID");
    read.text(config.xeroConnection, u"xero/connection"_s, "XERO_CONNECTION");
    read.text(config.tokenKeyFile, u"xero/token_key_file"_s, "XEROSYNC_TOKEN_KEY_FILE");
    read.text(config.tokenKeySource, u"xero/token_key_source"_s, "XEROSYNC_TOKEN_KEY_SOURCE");
    read.number(config.xeroPerMinute, u"xero/calls_per_minute"_s, 1, 100'000);
    read.number(config.xeroPerDay, u"xero/calls_per_day"_s, 1, 10'000'000);
    read.number(config.xeroConcurrent, u"xero/concurrent_calls"_s, 1, 100);
    QString bind;
    read.text(bind, u"http/bind"_s, "XEROSYNC_HTTP_BIND");
    if (!bind.isEmpty()) {
        if (bind == u"localhost"_s)
            bind = u"127.0.0.1"_s;
        if (!config.bindAddress.setAddress(bind))
            problems << u"http/bind must be an IP address such as 127.0.0.1 (got '%1')"_s.arg(bind);
    }
    read.number(config.port, u"http/port"_s, 0, 65535, "XEROSYNC_HTTP_PORT");
    read.text(config.tlsCert, u"http/tls_cert"_s, "XEROSYNC_TLS_CERT");
    read.text(config.tlsKey, u"http/tls_key"_s, "XEROSYNC_TLS_KEY");
    int maxBody = int(config.maxBodyBytes);
    read.number(maxBody, u"http/max_body_bytes"_s, 1024, 64 * 1024 * 1024);
    config.maxBodyBytes = maxBody;
    read.number(config.pushLingerMs, u"http/push_linger_ms"_s, 0, 86'400'000);
    read.text(config.webhookToken, u"webhook/token"_s, "XEROSYNC_WEBHOOK_TOKEN");
    read.text(config.webhookSecret, u"webhook/hmac_secret"_s, "XEROSYNC_WEBHOOK_SECRET");
    read.number(config.concurrency, u"workers/concurrency"_s, 1, 64, "XEROSYNC_WORKERS");
    read.number(config.shutdownTimeoutMs, u"workers/shutdown_timeout_ms"_s, 0, 600'000);
    read.number(config.catchUpIntervalMs, u"workers/catch_up_interval_ms"_s, 1000, 86'400'000);
    read.number(
        config.healthCheckIntervalMs, u"workers/health_check_interval_ms"_s, 1000, 86'400'000);
    read.number(config.lockDurationMs, u"workers/lock_duration_ms"_s, 1000, 600'000);
    read.number(config.keepAliveCheckMs, u"xero/keep_alive_check_ms"_s, 1000, 86'400'000);
    read.number(config.stalledIntervalMs, u"workers/stalled_interval_ms"_s, 1000, 600'000);
    read.number(config.maxStalledCount, u"workers/max_stalled_count"_s, 0, 100);
    read.text(config.queuePrefix, u"queue/prefix"_s);
    read.text(config.queueName, u"queue/name"_s);

    if (auto redis = RedisConfig::fromUrl(config.redisUrl); !redis)
        problems << u"REDIS_URL / redis/url: %1"_s.arg(redis.error().message);
    if (config.databaseUrl.isEmpty())
        problems << u"DATABASE_URL / database/url is required (postgresql://user@host:5432/db)"_s;
    else if (auto db = DatabaseConfig::fromUrl(config.databaseUrl); !db)
        problems << u"DATABASE_URL / database/url: %1"_s.arg(db.error().message);
    if (config.xeroEnvironment != u"production"_s && config.xeroEnvironment != u"sandbox"_s)
        problems
            << u"XERO_ENVIRONMENT / xero/environment must be production or sandbox (got '%1')"_s
                   .arg(config.xeroEnvironment);
    if (config.sandbox()) {
        const QUrl base(config.xeroBaseUrl);
        if (config.xeroBaseUrl.isEmpty() || !base.isValid() || base.host().isEmpty())
            problems
                << u"XERO_BASE_URL / xero/base_url must name the emulator (http://127.0.0.1:PORT) when XERO_ENVIRONMENT is sandbox"_s;
    } else if (!config.xeroBaseUrl.isEmpty()) {
        problems
            << u"XERO_BASE_URL / xero/base_url is only for XERO_ENVIRONMENT=sandbox; production uses Xero's own URLs"_s;
    }
    if (config.xeroConnection != u"oauth"_s && config.xeroConnection != u"custom"_s)
        problems << u"XERO_CONNECTION / xero/connection must be oauth or custom (got '%1')"_s.arg(
            config.xeroConnection);
    else if (config.customConnection() && config.xeroClientSecret.isEmpty())
        problems << u"a custom connection (xero/connection=custom) needs XERO_CLIENT_SECRET"_s;
    if (config.tokenKeySource != u"file"_s && config.tokenKeySource != u"keychain"_s)
        problems
            << u"XEROSYNC_TOKEN_KEY_SOURCE / xero/token_key_source must be file or keychain (got '%1')"_s
                   .arg(config.tokenKeySource);
    static const QStringList payrolls { u"au1"_s, u"uk"_s, u"nz"_s, u"au2"_s };
    if (!payrolls.contains(config.xeroPayroll))
        problems << u"xero/payroll must be au1, uk, nz or au2 (got '%1')"_s.arg(config.xeroPayroll);
    if (config.xeroTarget != u"payroll"_s && config.xeroTarget != u"projects"_s)
        problems << u"XERO_TARGET / xero/target must be payroll or projects (got '%1')"_s.arg(
            config.xeroTarget);
    if (!config.xeroRedirectUri.isEmpty()) {
        const QUrl redirect(config.xeroRedirectUri);
        if (!redirect.isValid() || redirect.scheme().isEmpty() || redirect.host().isEmpty())
            problems << u"XERO_REDIRECT_URI must be an absolute URL (got '%1')"_s.arg(
                config.xeroRedirectUri);
    }
    if (config.tlsCert.isEmpty() != config.tlsKey.isEmpty())
        problems << u"http/tls_cert and http/tls_key go together: give both or neither"_s;
    for (const QString &path : { config.tlsCert, config.tlsKey }) {
        if (!path.isEmpty() && !readableFile(path))
            problems << u"cannot read %1"_s.arg(path);
    }
    if (!config.bindAddress.isLoopback() && !config.tls())
        problems
            << u"http/bind %1 is not loopback: remote access needs TLS (http/tls_cert and http/tls_key)"_s
                   .arg(config.bindAddress.toString());
    if (!config.webhookToken.isEmpty() && config.webhookToken.size() < 16)
        problems << u"webhook/token must be at least 16 characters"_s;
    if (!config.webhookSecret.isEmpty() && config.webhookSecret.size() < 16)
        problems << u"webhook/hmac_secret must be at least 16 characters"_s;
    if (config.queuePrefix.isEmpty() || config.queueName.isEmpty()
        || config.queueName.contains(u':'))
        problems << u"queue/prefix and queue/name must be non-empty, and the name without ':'"_s;

    if (!problems.isEmpty())
        return fail(ErrorCode::BadRequest, problems.join(u'\n'));
    return config;
}

} // namespace XeroSync
