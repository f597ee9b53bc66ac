#include <QTemporaryDir>
#include <QTest>

#include "agent/agentconfig.h"
#include "agent/agentoptions.h"
#include "agent/service/servicehost.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

//! The agent's configuration: the file, the environment on top, every problem reported at once.
class TestAgentConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QByteArray &ini)
    {
        const QString path = m_dir.filePath(u"agent.conf"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(ini);
        return path;
    }

    static QProcessEnvironment env(
        std::initializer_list<std::pair<const char *, const char *>> values)
    {
        QProcessEnvironment e;
        for (const auto &[key, value] : values)
            e.insert(QString::fromLatin1(key), QString::fromLatin1(value));
        return e;
    }

private slots:

    void fileValuesAndEnvironmentWins()
    {
        const QString path =
            write("[redis]\nurl=redis://127.0.0.1:6390/"
                  "2\n[database]\nurl=postgresql://file@127.0.0.1:5432/xs\n"
                  "[workers]\nconcurrency=8\n[http]\nport=9000\npush_linger_ms=5000\n[xero]"
                  "\nenvironment=sandbox\nbase_url=http://127.0.0.1:9999\n");
        const auto config = AgentConfig::load(
            path, env({ { "DATABASE_URL", "postgresql://env@127.0.0.1:5432/xs" } }));
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QCOMPARE(config->redisUrl, u"redis://127.0.0.1:6390/2"_s);
        QCOMPARE(config->databaseUrl, u"postgresql://env@127.0.0.1:5432/xs"_s);
        QCOMPARE(config->concurrency, 8);
        QCOMPARE(config->port, 9000);
        QCOMPARE(config->pushLingerMs, 5000);
        QVERIFY(config->sandbox());
        QVERIFY(config->bindAddress.isLoopback());
    }

    void environmentOnly()
    {
        const auto config = AgentConfig::load({},
            env({ { "DATABASE_URL", "postgresql://u@127.0.0.1:5432/xs" },
                { "REDIS_URL", "redis://127.0.0.1:6379/0" } }));
        QVERIFY(config);
        QCOMPARE(config->xeroEnvironment, u"production"_s);
    }

    void customConnection()
    {
        const auto db = std::pair { "DATABASE_URL", "postgresql://u@127.0.0.1:5432/xs" };
        auto config = AgentConfig::load({},
            env({ db, { "XERO_CONNECTION", "custom" }, { "XERO_CLIENT_ID", "c" },
                { "XERO_CLIENT_SECRET", "s" } }));
        QVERIFY(config);
        QVERIFY(config->customConnection());
        QVERIFY(!AgentConfig::load({}, env({ db })).value().customConnection()); // oauth default
        config = AgentConfig::load({}, env({ db, { "XERO_CONNECTION", "custom" } }));
        QVERIFY(!config);
        QVERIFY(config.error().message.contains(u"needs XERO_CLIENT_SECRET"_s));
        config = AgentConfig::load({}, env({ db, { "XERO_CONNECTION", "partner" } }));
        QVERIFY(!config);
        QVERIFY(config.error().message.contains(u"must be oauth or custom"_s));
    }

    void tokenKeySource()
    {
        const auto db = std::pair { "DATABASE_URL", "postgresql://u@127.0.0.1:5432/xs" };
        QCOMPARE(AgentConfig::load({}, env({ db })).value().tokenKeySource, u"file"_s);
        QCOMPARE(AgentConfig::load({}, env({ db, { "XEROSYNC_TOKEN_KEY_SOURCE", "keychain" } }))
                     .value()
                     .tokenKeySource,
            u"keychain"_s);
        const auto bad =
            AgentConfig::load({}, env({ db, { "XEROSYNC_TOKEN_KEY_SOURCE", "vault" } }));
        QVERIFY(!bad);
        QVERIFY(bad.error().message.contains(u"must be file or keychain"_s));
    }

    void everyProblemAtOnce()
    {
        const QString path = write(
            "[redis]\nurl=rediss://secure:6380\n[workers]\nconcurrency=0\n[http]\nbind=0.0.0.0\n"
            "push_linger_ms=-1\n"
            "[xero]\nenvironment=staging\npayroll=us\ntarget=invoices\n[webhook]\ntoken=short\n["
            "unknown]\nkey=1\n");
        const auto config = AgentConfig::load(path, {});
        QVERIFY(!config);
        const QStringList lines = config.error().message.split(u'\n');
        const QStringList expected { u"unknown setting 'unknown/key'"_s, u"REDIS_URL"_s,
            u"DATABASE_URL / database/url is required"_s,
            u"workers/concurrency must be a whole number from 1 to 64"_s, u"XERO_ENVIRONMENT"_s,
            u"xero/payroll must be"_s, u"xero/target must be payroll or projects"_s,
            u"remote access needs TLS"_s, u"http/push_linger_ms must be a whole number from 0"_s,
            u"webhook/token must be at least 16"_s };
        for (const QString &needle : expected) {
            const bool found = std::any_of(lines.cbegin(), lines.cend(),
                [&needle](const QString &line) { return line.contains(needle); });
            QVERIFY2(found,
                qPrintable(
                    u"no problem mentions '%1' in:\n%2"_s.arg(needle, config.error().message)));
        }
        QCOMPARE(lines.size(), expected.size());
    }

    void sandboxNeedsTheEmulatorUrl()
    {
        const auto config = AgentConfig::load({},
            env({ { "DATABASE_URL", "postgresql://u@127.0.0.1:5432/xs" },
                { "XERO_ENVIRONMENT", "sandbox" } }));
        QVERIFY(!config);
        QVERIFY(config.error().message.contains(u"XERO_BASE_URL"_s));
    }

    void unreadableFile()
    {
        const auto config = AgentConfig::load(m_dir.filePath(u"missing.conf"_s), {});
        QVERIFY(!config);
        QVERIFY(config.error().message.contains(u"cannot read the config file"_s));
    }

    void serviceVerb_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error"); // empty: parsed
        QTest::newRow("install") << QStringList { u"service"_s, u"install"_s } << QString();
        QTest::newRow("install with config")
            << QStringList { u"service"_s, u"install"_s, u"--config"_s, u"C:/x/agent.conf"_s }
            << QString();
        QTest::newRow("uninstall") << QStringList { u"service"_s, u"uninstall"_s } << QString();
        QTest::newRow("nothing") << QStringList { u"service"_s }
                                 << u"service needs install or uninstall"_s;
        QTest::newRow("start") << QStringList { u"service"_s, u"start"_s }
                               << u"service needs install or uninstall"_s;
        QTest::newRow("extra") << QStringList { u"service"_s, u"install"_s, u"now"_s }
                               << u"service needs install or uninstall"_s;
    }

    void serviceVerb()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        const auto options = AgentOptions::parse(QStringList { u"xerosync-agent"_s } + arguments);
        if (!error.isEmpty()) {
            QVERIFY(!options);
            QCOMPARE(options.error().message, error);
            return;
        }
        QVERIFY2(options, qPrintable(options ? QString() : options.error().message));
        QCOMPARE(options->verb, AgentOptions::Verb::Service);
        QCOMPARE(options->arguments.value(0), arguments.at(1));
        if (arguments.contains(u"--config"_s))
            QCOMPARE(options->configFile, arguments.last());
    }

    void serviceInstallPointsLinuxToSystemd()
    {
#ifdef Q_OS_WIN
        QSKIP("registers a real service on Windows");
#else
        // On Linux the package's unit is the service; the verb says so instead of doing nothing.
        const auto installed = ServiceHost::install(m_dir.filePath(u"agent.conf"_s));
        QVERIFY(!installed);
        QVERIFY(installed.error().message.contains(u"systemctl enable --now xerosync-agent"_s));
        const auto removed = ServiceHost::uninstall();
        QVERIFY(!removed);
        QVERIFY(removed.error().message.contains(u"systemctl disable --now xerosync-agent"_s));
#endif
    }
};

QTEST_GUILESS_MAIN(TestAgentConfig)
#include "tst_agentconfig.moc"
