#include "batchwriter.h"

#include <QCryptographicHash>

#include "core/common/json.h"
#include "core/sync/timesheetmapper.h"

namespace XeroSync {

struct BatchWriter::Run
{
    QList<Item> items;
    QString tenantId;
    QString accessToken;
    bool mayUpdate = false;
    Callback done;
    Progress progress;
    QList<QDate> periods;
    QHash<QString, nlohmann::json> existing; //!< "employee|start" -> Xero's timesheet
    QList<int> toCreate; //!< indexes into items
    QList<int> toUpdate;
    Report report;
    int total = 0;
    int chunkLimit = 0; //!< 1 after a whole-call 400: isolate the item Xero refuses
};

BatchWriter::BatchWriter(XeroClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

void BatchWriter::writeAu1(QList<Item> items, const QString &tenantId, const QString &accessToken,
    bool mayUpdate, Callback done, Progress progress)
{
    auto run = std::make_shared<Run>();
    run->items = std::move(items);
    run->tenantId = tenantId;
    run->accessToken = accessToken;
    run->mayUpdate = mayUpdate;
    run->done = std::move(done);
    run->progress = std::move(progress);
    run->total = static_cast<int>(run->items.size());
    for (const auto &item : run->items) {
        if (!run->periods.contains(item.submission.periodStart))
            run->periods.append(item.submission.periodStart);
    }
    if (run->items.isEmpty()) {
        run->done(run->report);
        return;
    }
    lookupPeriod(run, 0, 1);
}

void BatchWriter::lookupPeriod(std::shared_ptr<Run> run, int period, int page)
{
    if (period >= run->periods.size()) {
        classify(run);
        return;
    }
    const auto start = run->periods[period];
    XeroRequest request;
    request.path = QStringLiteral("/payroll.xro/1.0/Timesheets");
    request.tenantId = run->tenantId;
    request.accessToken = run->accessToken;
    request.query.addQueryItem(QStringLiteral("where"),
        QStringLiteral("StartDate==DateTime(%1,%2,%3)")
            .arg(start.year())
            .arg(start.month())
            .arg(start.day()));
    request.query.addQueryItem(QStringLiteral("page"), QString::number(page));
    ++run->report.calls;
    m_client.send(request, [this, run, period, page](XeroReply reply) {
        if (reply.error) {
            // Without the lookup a create could duplicate: every item of the period fails,
            // retryable.
            for (const auto &item : run->items) {
                if (item.submission.periodStart == run->periods[period])
                    run->report.results[item.submission.id] = ItemResult { false,
                        reply.error->retryable, std::nullopt, reply.error->message };
            }
            lookupPeriod(run, period + 1, 1);
            return;
        }
        const auto list = reply.json.is_object()
            ? reply.json.value("Timesheets", nlohmann::json::array())
            : nlohmann::json::array();
        for (const auto &sheet : list) {
            const auto start = PayCalendar::dateFromXero(Json::textAt(sheet, "StartDate"));
            if (start)
                run->existing.insert(Json::textAt(sheet, "EmployeeID").toLower() + QLatin1Char('|')
                        + start->toString(Qt::ISODate),
                    sheet);
        }
        if (list.size() >= 100)
            lookupPeriod(run, period, page + 1); // Xero pages by 100
        else
            lookupPeriod(run, period + 1, 1);
    });
}

void BatchWriter::classify(std::shared_ptr<Run> run)
{
    run->toCreate.clear();
    run->toUpdate.clear();
    for (int i = 0; i < run->items.size(); ++i) {
        const auto &item = run->items[i];
        if (run->report.results.contains(item.submission.id))
            continue;
        const QString key = item.target.xeroEmployeeId.toLower() + QLatin1Char('|')
            + item.submission.periodStart.toString(Qt::ISODate);
        const auto found = run->existing.constFind(key);
        if (found == run->existing.constEnd()) {
            run->toCreate.append(i);
            continue;
        }
        WriteOutcome outcome;
        outcome.xeroTimesheetId = Json::textAt(*found, "TimesheetID");
        outcome.received = *found;
        if (TimesheetWriter::contentOfAu1(*found)
            == TimesheetWriter::contentOfAu1(
                TimesheetMapper::toPayrollAu1(item.submission, item.target))) {
            outcome.action = WriteOutcome::Action::Unchanged;
            finished(run, item.submission.id, ItemResult { true, false, outcome, {} });
        } else if (Json::textAt(*found, "Status") != QLatin1String("DRAFT") || !run->mayUpdate) {
            outcome.action = WriteOutcome::Action::Refused;
            outcome.reason = QStringLiteral(
                "Xero's timesheet %1 holds other hours and is %2; it is not overwritten by a batch")
                                 .arg(outcome.xeroTimesheetId,
                                     Json::textAt(*found, "Status").toLower());
            finished(run, item.submission.id, ItemResult { false, false, outcome, outcome.reason });
        } else {
            run->toUpdate.append(i);
        }
    }
    sendChunk(run);
}

void BatchWriter::sendChunk(std::shared_ptr<Run> run)
{
    XeroRequest request;
    request.method = "POST";
    request.tenantId = run->tenantId;
    request.accessToken = run->accessToken;
    if (!run->toUpdate.isEmpty()) {
        // Drafts with other hours: full replacement, one call each (AU 1.0 has no bulk update).
        const int index = run->toUpdate.takeFirst();
        const auto &item = run->items[index];
        const QString key = item.target.xeroEmployeeId.toLower() + QLatin1Char('|')
            + item.submission.periodStart.toString(Qt::ISODate);
        const auto id = Json::textAt(run->existing.value(key), "TimesheetID");
        auto body = TimesheetMapper::toPayrollAu1(item.submission, item.target);
        body["TimesheetID"] = id.toStdString();
        request.path = QStringLiteral("/payroll.xro/1.0/Timesheets/") + id;
        request.body = nlohmann::json::array({ body });
        request.idempotencyKey = XeroClient::idempotencyKey(
            QStringLiteral("update"), item.submission.id, item.submission.version);
        ++run->report.calls;
        m_client.send(request, [this, run, index, body](XeroReply reply) {
            const auto &submission = run->items[index].submission;
            if (reply.error) {
                finished(run, submission.id,
                    ItemResult {
                        false, reply.error->retryable, std::nullopt, reply.error->message });
            } else {
                WriteOutcome outcome { WriteOutcome::Action::Updated,
                    Json::textAt(body, "TimesheetID"), {}, body, reply.json };
                finished(run, submission.id, ItemResult { true, false, outcome, {} });
            }
            sendChunk(run);
        });
        return;
    }
    if (run->toCreate.isEmpty()) {
        run->done(run->report);
        return;
    }
    const auto chunk = run->toCreate.mid(0, run->chunkLimit > 0 ? run->chunkLimit : m_chunkSize);
    run->toCreate.remove(0, chunk.size());
    auto bodies = nlohmann::json::array();
    QByteArray keyMaterial;
    for (int index : chunk) {
        const auto &item = run->items[index];
        bodies.push_back(TimesheetMapper::toPayrollAu1(item.submission, item.target));
        keyMaterial +=
            item.submission.id.toUtf8() + ':' + QByteArray::number(item.submission.version) + ';';
    }
    request.path = QStringLiteral("/payroll.xro/1.0/Timesheets");
    request.body = bodies;
    // The same chunk always gets the same key, so a retry after a lost answer is a replay.
    request.idempotencyKey = "xerosync-batch-"
        + QCryptographicHash::hash(keyMaterial, QCryptographicHash::Sha256).toHex();
    ++run->report.calls;
    m_client.send(request, [this, run, chunk, bodies](XeroReply reply) {
        const auto answered = reply.json.is_object()
            ? reply.json.value("Timesheets", nlohmann::json::array())
            : nlohmann::json::array();
        if (reply.ok() || (reply.status == 400 && answered.is_array() && !answered.empty())) {
            QList<int> again;
            for (int i = 0; i < chunk.size(); ++i) {
                const auto &submission = run->items[chunk[i]].submission;
                const auto item = i < static_cast<int>(answered.size())
                    ? answered[static_cast<size_t>(i)]
                    : nlohmann::json::object();
                const auto id = Json::textAt(item, "TimesheetID");
                if (!id.isEmpty()) {
                    WriteOutcome outcome { WriteOutcome::Action::Created, id, {},
                        bodies[static_cast<size_t>(i)], item };
                    finished(run, submission.id, ItemResult { true, false, outcome, {} });
                } else if (item.contains("ValidationErrors")) {
                    QStringList messages;
                    for (const auto &error : item["ValidationErrors"])
                        messages << Json::textAt(error, "Message");
                    finished(run, submission.id,
                        ItemResult {
                            false, false, std::nullopt, messages.join(QStringLiteral("; ")) });
                } else if (!reply.ok()) {
                    again.append(chunk[i]); // after the failing item: not attempted by Xero
                } else {
                    // A success that leaves an item out: do not resend blindly; the next
                    // run's lookup tells whether Xero has it.
                    finished(run, submission.id,
                        ItemResult { false, true, std::nullopt,
                            QStringLiteral("Xero's answer did not include this timesheet") });
                }
            }
            run->toCreate = again + run->toCreate;
        } else if (reply.status == 400 && chunk.size() > 1) {
            // A top-level refusal ("Invalid EmployeeID …") names no item, yet the items before
            // the bad one were saved: read Xero again, then go on one item per call.
            run->chunkLimit = 1;
            run->existing.clear();
            lookupPeriod(run, 0, 1);
            return;
        } else {
            // A whole-call failure of one item, or 5xx/network: report it (a later run's lookup
            // finds anything Xero saved despite the error).
            for (int index : chunk)
                finished(run, run->items[index].submission.id,
                    ItemResult { false, reply.error ? reply.error->retryable : true, std::nullopt,
                        reply.error ? reply.error->message : QStringLiteral("unexpected answer") });
        }
        sendChunk(run);
    });
}

void BatchWriter::finished(std::shared_ptr<Run> run, const QString &submissionId, ItemResult result)
{
    run->report.results.insert(submissionId, std::move(result));
    if (run->progress)
        run->progress(static_cast<int>(run->report.results.size()), run->total);
}

} // namespace XeroSync
