#pragma once

#include <functional>

#include <QHash>
#include <QObject>

#include "core/sync/timesheetwriter.h"

namespace XeroSync {

//! Writes many submissions to Payroll AU 1.0 in as few calls as the API allows: one lookup
//! per pay period (paged), then array creates of up to `chunkSize` timesheets per call. After a
//! partial failure it keeps what Xero saved (the items before the failing one, research §10),
//! reports the failing item with Xero's message, and sends the rest again.
class BatchWriter : public QObject
{
    Q_OBJECT

public:
    struct Item
    {
        Submission submission;
        EmployeeTarget target;
    };

    struct ItemResult
    {
        bool success = false;
        bool retryable = false;
        std::optional<WriteOutcome> outcome;
        QString error;
    };

    struct Report
    {
        QHash<QString, ItemResult> results; //!< by submission id
        int calls = 0;
    };

    using Callback = std::function<void(Report)>;
    using Progress = std::function<void(int done, int total)>;

    explicit BatchWriter(XeroClient &client, QObject *parent = nullptr);

    void setChunkSize(int size) { m_chunkSize = size; }

    void writeAu1(QList<Item> items, const QString &tenantId, const QString &accessToken,
        bool mayUpdate, Callback done, Progress progress = {});

private:
    struct Run;
    void lookupPeriod(std::shared_ptr<Run> run, int period, int page);
    void classify(std::shared_ptr<Run> run);
    void sendChunk(std::shared_ptr<Run> run);
    void finished(std::shared_ptr<Run> run, const QString &submissionId, ItemResult result);

    XeroClient &m_client;
    int m_chunkSize = 50;
};

} // namespace XeroSync
