#pragma once

#include "agent/agentconfig.h"
#include "agent/agentoptions.h"

namespace XeroSync {

//! The verbs other than `run`: for an engineer at the box (`migrate`, `token …`, `status`,
//! `check-config`). Each prints to stdout and returns the process exit code.
class AgentCommands final
{
public:
    static int migrate(const AgentConfig &config);
    static int token(const AgentOptions &options, const AgentConfig &config);
    static int status(const AgentConfig &config);
    static int checkConfig(const AgentConfig &config);
};

} // namespace XeroSync
