// Xero's answers as the client reads them: the error shapes of each API family (Payroll AU 1.0,
// Payroll 2.0, Projects, identity) behind every status the client handles, and Xero's dates.
#include <array>

#include "core/xero/paycalendar.h"
#include "core/xero/xeroerrors.h"
#include "fuzzinput.h"

using namespace XeroSync;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static constexpr std::array<int, 12> Statuses { 200, 204, 400, 401, 403, 404, 409, 412, 429,
        500, 503, 504 };
    XeroReply reply;
    reply.status = Statuses[data[0] % Statuses.size()];
    reply.body = Fuzz::bytes(data + 1, size - 1);
    reply.json = Fuzz::json(reply.body);
    if (data[0] & 0x80)
        reply.limits.retryAfterSeconds = int(data[0]);
    const auto error = XeroErrors::fromReply(reply);
    // Every failure status is an error with a message; a 2xx never is.
    if (reply.status >= 400 && (!error || error->message.isEmpty()))
        __builtin_trap();
    if (reply.status < 300 && error)
        __builtin_trap();
    (void)XeroErrors::messageOf(reply);
    (void)PayCalendar::dateFromXero(QString::fromUtf8(reply.body));
    return 0;
}
