#pragma once

#include <functional>

#include <QObject>

#include "core/common/clock.h"
#include "core/store/synclogstore.h"
#include "core/store/syncstatestore.h"
#include "core/store/timesheetstore.h"
#include "core/sync/batchwriter.h"

namespace XeroSync {

//! The `batch-sync` run for Payroll AU 1.0: every approved submission in a date range,
//! validated first, then written in as few calls as the API allows (BatchWriter). One log row
//! per submission plus one for the batch. Reference data is read once per run: the employee
//! list, the calendars and the pay items (3+ calls, not 3 per employee).
class BatchSync : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QDate from;
        QDate to;
        QStringList userIds;
        bool force = false;
        QString tenantId;
        //! Employees that name no organisation belong to the default one: this run takes them
        //! only when `tenantId` is it.
        bool defaultOrganisation = true;
        QString accessToken;
        QString jobId;
        SyncTrigger trigger = SyncTrigger::Batch;
    };

    struct Summary
    {
        qint64 batchLogId = 0;
        int total = 0;
        int synced = 0;
        int invalid = 0; //!< refused by our validation, nothing sent
        int failed = 0; //!< refused or failed at Xero
        int otherOrganisation = 0; //!< left alone: their employee is in another organisation
        int calls = 0;
        QString error; //!< a failure of the whole run (source unreadable, Xero unreachable)
        bool tokenRejected = false; //!< `error` is Xero's 401 to the access token
    };

    BatchSync(TimesheetStore &timesheets, SyncLogStore &log, SyncStateStore &state,
        XeroClient &client, BatchWriter &writer, const Clock &clock, QObject *parent = nullptr);

    void run(const Request &request, std::function<void(Summary)> done,
        BatchWriter::Progress progress = {});

private:
    struct Run;
    void readReference(std::shared_ptr<Run> run, int page);
    void write(std::shared_ptr<Run> run);
    void finish(std::shared_ptr<Run> run);
    void logSubmission(const Run &run, const Submission &submission, bool ok, const QString &error,
        const nlohmann::json &details);

    TimesheetStore &m_timesheets;
    SyncLogStore &m_log;
    SyncStateStore &m_state;
    XeroClient &m_client;
    BatchWriter &m_writer;
    const Clock &m_clock;
};

} // namespace XeroSync
