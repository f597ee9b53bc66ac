// The PostgreSQL NOTIFY payload of an approval (the trigger's JSON, or anything another writer
// of the channel sends).
#include "core/store/approvalevent.h"
#include "fuzzinput.h"

using namespace XeroSync;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray payload = Fuzz::bytes(data, size);
    const auto event = ApprovalEvent::parse(payload);
    if (event && event->submissionId.isEmpty())
        __builtin_trap(); // an accepted event always names its submission
    if (!event && event.error().message.isEmpty())
        __builtin_trap();
    return 0;
}
