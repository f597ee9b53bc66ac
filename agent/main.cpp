#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

#include "agent/agentapplication.h"
#include "agent/agentcommands.h"
#include "agent/agentconfig.h"
#include "agent/agentoptions.h"
#include "agent/service/servicehost.h"
#include "agent/service/signalwatcher.h"

int main(int argc, char **argv)
{
    using namespace XeroSync;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("xerosync-agent"));
    QCoreApplication::setOrganizationName(QStringLiteral("xerosync"));
    QCoreApplication::setApplicationVersion(QStringLiteral(XEROSYNC_VERSION));
    QTextStream err(stderr);

    const auto options = AgentOptions::parse(app.arguments());
    if (!options) {
        err << "xerosync-agent: " << options.error().message << Qt::endl;
        return 2;
    }
    if (auto logging = Logging::install(options->logging); !logging) {
        err << "xerosync-agent: " << logging.error().message << Qt::endl;
        return 2;
    }
    if (options->verb == AgentOptions::Verb::Service) {
        // Before loading the config: an installer registers the service before anyone has
        // filled the file in; the service checks it when it starts.
        const QString configFile =
            options->configFile.isEmpty() ? AgentConfig::defaultFile() : options->configFile;
        const auto done = options->arguments.value(0) == QStringLiteral("install")
            ? ServiceHost::install(configFile)
            : ServiceHost::uninstall();
        if (!done) {
            err << "xerosync-agent: " << done.error().message << Qt::endl;
            return 1;
        }
        QTextStream(stdout) << *done << Qt::endl;
        return 0;
    }
    const auto config =
        AgentConfig::load(options->configFile, QProcessEnvironment::systemEnvironment());
    if (!config) {
        err << "xerosync-agent: the configuration has problems:" << Qt::endl;
        for (const QString &line : config.error().message.split(u'\n'))
            err << "  - " << line << Qt::endl;
        return 2;
    }
    switch (options->verb) {
    case AgentOptions::Verb::Migrate:
        return AgentCommands::migrate(*config);
    case AgentOptions::Verb::Token:
        return AgentCommands::token(*options, *config);
    case AgentOptions::Verb::Status:
        return AgentCommands::status(*config);
    case AgentOptions::Verb::CheckConfig:
        return AgentCommands::checkConfig(*config);
    case AgentOptions::Verb::Run:
    case AgentOptions::Verb::Service:
        break;
    }

    return ServiceHost::run(options->console, [&] {
        SignalWatcher watcher;
        AgentApplication agent(*config, options->migrate);
        QObject::connect(
            &watcher, &SignalWatcher::terminationRequested, &agent, [&agent](int count) {
                if (count == 1)
                    agent.stop();
                else
                    agent.forceStop();
            });
        QObject::connect(&agent, &AgentApplication::stopped, &app, &QCoreApplication::quit,
            Qt::QueuedConnection);
        if (auto started = agent.start(); !started) {
            err << "xerosync-agent: cannot start: " << started.error().message << Qt::endl;
            return 1;
        }
        // The first stdout line names the port, for scripts and tests that asked for port 0.
        QTextStream(stdout) << "xerosync-agent listening on port " << agent.port() << Qt::endl;
        ServiceHost::notifyReady("syncing approved timesheets");
        QTimer watchdog;
        if (const int interval = ServiceHost::watchdogIntervalMs(); interval > 0) {
            // Petted from the event loop, so systemd restarts a wedged main thread.
            QObject::connect(&watchdog, &QTimer::timeout, &watchdog, &ServiceHost::notifyWatchdog);
            watchdog.start(interval);
        }
        const int code = app.exec();
        // A quit from the Windows SCM arrives without stop(): stop gracefully here too.
        agent.shutdown();
        return code;
    });
}
