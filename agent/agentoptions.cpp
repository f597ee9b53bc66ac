#include "agentoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include "agent/agentconfig.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

Result<AgentOptions> AgentOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"xerosync-agent: syncs approved timesheets into Xero.\n\n"
        "Verbs:\n"
        "  run                 run the service (default)\n"
        "  migrate             apply database migrations and exit\n"
        "  token create --name N --role admin|viewer\n"
        "  token revoke --name N\n"
        "  token list\n"
        "  status              print the queue status\n"
        "  check-config        validate the configuration and exit\n"
        "  service install     Windows: register with the service control manager\n"
        "                      (uses --config, default %ProgramData%\\xerosync\\agent.conf)\n"
        "  service uninstall   Windows: stop and unregister the service\n\n"
        "Environment (wins over the file): REDIS_URL, DATABASE_URL, XERO_CLIENT_ID,\n"
        "XERO_CLIENT_SECRET, XERO_REDIRECT_URI, XERO_ENVIRONMENT, XERO_BASE_URL."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        u"verb"_s, u"run, migrate, token, status, check-config or service"_s, u"[verb]"_s);
    const QCommandLineOption config(u"config"_s,
        u"Config file (default %1 when present)."_s.arg(AgentConfig::defaultFile()), u"file"_s);
    const QCommandLineOption noMigrate(
        u"no-migrate"_s, u"Do not apply database migrations at start."_s);
    const QCommandLineOption console(
        u"console"_s, u"Run in the foreground (Windows; always so on Linux)."_s);
    const QCommandLineOption name(u"name"_s, u"Token name (token create/revoke)."_s, u"name"_s);
    const QCommandLineOption role(
        u"role"_s, u"Token role: admin or viewer (token create)."_s, u"role"_s, u"viewer"_s);
    parser.addOptions({ config, noMigrate, console, name, role });
    Logging::addCommandLineOptions(parser);
    if (!parser.parse(arguments))
        return fail(ErrorCode::BadRequest, parser.errorText());
    if (parser.isSet(u"help"_s)) {
        parser.showHelp(0); // exits
    }
    if (parser.isSet(u"version"_s))
        parser.showVersion();

    AgentOptions options;
    QStringList positional = parser.positionalArguments();
    const QString verb = positional.isEmpty() ? u"run"_s : positional.takeFirst();
    if (verb == u"run"_s)
        options.verb = Verb::Run;
    else if (verb == u"migrate"_s)
        options.verb = Verb::Migrate;
    else if (verb == u"token"_s)
        options.verb = Verb::Token;
    else if (verb == u"status"_s)
        options.verb = Verb::Status;
    else if (verb == u"check-config"_s)
        options.verb = Verb::CheckConfig;
    else if (verb == u"service"_s)
        options.verb = Verb::Service;
    else
        return fail(
            ErrorCode::BadRequest, u"unknown verb '%1'; run with --help for the list"_s.arg(verb));
    options.arguments = positional;
    if (options.verb == Verb::Token) {
        const QString sub = positional.value(0);
        if (sub != u"create"_s && sub != u"revoke"_s && sub != u"list"_s)
            return fail(ErrorCode::BadRequest, u"token needs create, revoke or list"_s);
        options.tokenName = parser.value(name).isEmpty() ? positional.value(1) : parser.value(name);
        options.tokenRole = parser.value(role);
        if (sub != u"list"_s && options.tokenName.isEmpty())
            return fail(ErrorCode::BadRequest, u"token %1 needs --name"_s.arg(sub));
    } else if (options.verb == Verb::Service) {
        const QString sub = positional.value(0);
        if ((sub != u"install"_s && sub != u"uninstall"_s) || positional.size() > 1)
            return fail(ErrorCode::BadRequest, u"service needs install or uninstall"_s);
    } else if (!positional.isEmpty()) {
        return fail(ErrorCode::BadRequest, u"unexpected argument '%1'"_s.arg(positional.first()));
    }
    options.configFile = parser.value(config);
    if (options.configFile.isEmpty() && QFileInfo::exists(AgentConfig::defaultFile()))
        options.configFile = AgentConfig::defaultFile();
    options.migrate = !parser.isSet(noMigrate);
    options.console = parser.isSet(console);
    auto logging = Logging::optionsFromParser(parser);
    if (!logging)
        return std::unexpected(logging.error());
    options.logging = *logging;
    return options;
}

} // namespace XeroSync
