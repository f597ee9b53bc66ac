#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include "core/common/error.h"

namespace XeroSync {

//! What the approval trigger announces on `xerosync_timesheet_events`.
struct ApprovalEvent
{
    enum class Kind
    {
        Approved,
        Rejected
    };

    Kind kind = Kind::Approved;
    QString submissionId;
    int version = 1;
    QString userId;
    QString approvedBy;
    QDateTime at; //!< when the database saw the change (UTC); invalid when not given

    //! Parses a NOTIFY payload: `{"event":"approved","submissionId":"…","version":N,…}`.
    //! Everything but `event` and `submissionId` is optional; anything malformed is a
    //! BadRequest saying what is wrong.
    static Result<ApprovalEvent> parse(QByteArrayView payload);
};

} // namespace XeroSync

Q_DECLARE_METATYPE(XeroSync::ApprovalEvent)
