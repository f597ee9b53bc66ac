#include "agentlogging.h"

Q_LOGGING_CATEGORY(lcAgent, "xerosync.agent")
Q_LOGGING_CATEGORY(lcAgentHttp, "xerosync.agent.http")
