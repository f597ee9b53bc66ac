#pragma once

#include <QStringList>

#include "core/common/error.h"
#include "core/common/logging.h"

namespace XeroSync {

//! The command line:
//! `xerosync-agent [run|migrate|token …|status|check-config|service …] [options]`.
struct AgentOptions
{
    enum class Verb
    {
        Run,
        Migrate,
        Token,
        Status,
        CheckConfig,
        Service
    };

    Verb verb = Verb::Run;
    QString configFile; //!< empty: the default file when it exists, else environment only
    bool migrate = true;
    bool console = false; //!< Windows: run in the foreground instead of under the SCM
    QStringList arguments; //!< what follows the verb (token create|revoke|list, service install)
    QString tokenName;
    QString tokenRole = QStringLiteral("viewer");
    Logging::Options logging;

    //! Help and version requests print and return an error with an empty message.
    static Result<AgentOptions> parse(const QStringList &arguments);
};

} // namespace XeroSync
