// The agent API's request bodies: every route that takes JSON parses it with these.
#include "core/api/approvalwebhookrequest.h"
#include "core/api/batchsyncrequest.h"
#include "core/api/manualsyncrequest.h"
#include "core/api/queueactionrequest.h"
#include "fuzzinput.h"

using namespace XeroSync;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto body = Fuzz::json(Fuzz::bytes(data, size));
    if (body.is_discarded())
        return 0;
    // A request is either accepted or refused with a message; nothing else may happen.
    if (const auto r = ManualSyncRequest::fromJson(body); !r && r.error().message.isEmpty())
        __builtin_trap();
    if (const auto r = BatchSyncRequest::fromJson(body); !r && r.error().message.isEmpty())
        __builtin_trap();
    if (const auto r = QueueActionRequest::fromJson(body); !r && r.error().message.isEmpty())
        __builtin_trap();
    if (const auto r = ApprovalWebhookRequest::fromJson(body); !r && r.error().message.isEmpty())
        __builtin_trap();
    return 0;
}
