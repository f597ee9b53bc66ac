#pragma once

#include <QObject>

#include "core/store/approvalevent.h"

namespace XeroSync {

//! Where approvals and rejections meet, whatever announced them (the database trigger, the
//! webhook, the catch-up scan), decoupled from what happens next: the intake queues a sync, the
//! audit trail records it, the push channel tells the dashboard.
class TimesheetEvents final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimesheetEvents)

public:
    explicit TimesheetEvents(QObject *parent = nullptr);

    //! `source`: listener, webhook or catch-up.
    void announce(const XeroSync::ApprovalEvent &event, const QString &source);

signals:
    void approved(const XeroSync::ApprovalEvent &event, const QString &source);
    void rejected(const XeroSync::ApprovalEvent &event, const QString &source);
};

} // namespace XeroSync
