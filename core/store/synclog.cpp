#include "synclog.h"

#include <array>

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr std::array STATUS_NAMES { u"PENDING", u"RUNNING", u"SUCCESS", u"FAILED" };
constexpr std::array TRIGGER_NAMES { u"approval", u"manual", u"batch", u"scheduled" };
} // namespace

QString syncStatusName(SyncStatus status)
{
    return QString::fromUtf16(STATUS_NAMES[size_t(status)]);
}

QString syncTriggerName(SyncTrigger trigger)
{
    return QString::fromUtf16(TRIGGER_NAMES[size_t(trigger)]);
}

Result<SyncStatus> syncStatusFromString(const QString &text)
{
    for (size_t i = 0; i < STATUS_NAMES.size(); ++i) {
        if (text.compare(QStringView(STATUS_NAMES[i]), Qt::CaseInsensitive) == 0)
            return SyncStatus(i);
    }
    return fail(ErrorCode::BadRequest,
        u"unknown sync status '%1' (use PENDING, RUNNING, SUCCESS or FAILED)"_s.arg(text));
}

Result<SyncTrigger> syncTriggerFromString(const QString &text)
{
    for (size_t i = 0; i < TRIGGER_NAMES.size(); ++i) {
        if (text.compare(QStringView(TRIGGER_NAMES[i]), Qt::CaseInsensitive) == 0)
            return SyncTrigger(i);
    }
    return fail(ErrorCode::BadRequest,
        u"unknown sync trigger '%1' (use approval, manual, batch or scheduled)"_s.arg(text));
}

} // namespace XeroSync
