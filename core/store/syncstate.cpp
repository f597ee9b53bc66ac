#include "syncstate.h"

#include <array>

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr std::array TARGET_NAMES { u"payroll-au", u"payroll-uk", u"payroll-nz", u"payroll-au-v2",
    u"projects" };
constexpr std::array STATUS_NAMES { u"PENDING", u"SYNCED", u"FAILED" };
} // namespace

QString syncTargetName(SyncTarget target)
{
    return QString::fromUtf16(TARGET_NAMES[size_t(target)]);
}

Result<SyncTarget> syncTargetFromString(const QString &text)
{
    for (size_t i = 0; i < TARGET_NAMES.size(); ++i) {
        if (text == QStringView(TARGET_NAMES[i]))
            return SyncTarget(i);
    }
    return fail(ErrorCode::BadRequest, u"unknown Xero target '%1'"_s.arg(text));
}

QString syncStateStatusName(SyncStateStatus status)
{
    return QString::fromUtf16(STATUS_NAMES[size_t(status)]);
}

Result<SyncStateStatus> syncStateStatusFromString(const QString &text)
{
    for (size_t i = 0; i < STATUS_NAMES.size(); ++i) {
        if (text.compare(QStringView(STATUS_NAMES[i]), Qt::CaseInsensitive) == 0)
            return SyncStateStatus(i);
    }
    return fail(ErrorCode::BadRequest, u"unknown sync state '%1'"_s.arg(text));
}

} // namespace XeroSync
