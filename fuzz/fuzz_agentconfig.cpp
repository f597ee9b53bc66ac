// The agent's config file (INI, read through QSettings) with an empty environment.
#include <QProcessEnvironment>
#include <QTemporaryFile>

#include "agent/agentconfig.h"
#include "fuzzinput.h"

using namespace XeroSync;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QTemporaryFile file;
    if (!file.open())
        return 0;
    file.write(Fuzz::bytes(data, size));
    file.close();
    const auto config = AgentConfig::load(file.fileName(), QProcessEnvironment());
    if (!config && config.error().message.isEmpty())
        __builtin_trap(); // a refused file always says what is wrong
    return 0;
}
