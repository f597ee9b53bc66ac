#include "timesheetevents.h"

namespace XeroSync {

TimesheetEvents::TimesheetEvents(QObject *parent)
    : QObject(parent)
{ }

void TimesheetEvents::announce(const ApprovalEvent &event, const QString &source)
{
    if (event.kind == ApprovalEvent::Kind::Approved)
        emit approved(event, source);
    else
        emit rejected(event, source);
}

} // namespace XeroSync
