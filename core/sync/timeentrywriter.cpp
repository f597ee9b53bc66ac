#include "timeentrywriter.h"

#include <QSet>

#include "core/common/json.h"
#include "core/sync/synclogging.h"
#include "core/sync/timesheetmapper.h"
#include "core/xero/xeropages.h"

namespace XeroSync {

namespace {

QString projectsBase(const QString &projectId)
{
    return QStringLiteral("/projects.xro/2.0/Projects/") + projectId;
}

//! (project, task, day): what makes two entries "the same entry" across syncs.
QString identityOf(const nlohmann::json &entry)
{
    return Json::textAt(entry, "projectId").toLower() + QLatin1Char('|')
        + Json::textAt(entry, "taskId").toLower() + QLatin1Char('|')
        + Json::textAt(entry, "dateUtc").left(10);
}

QString descriptionOf(const nlohmann::json &entry)
{
    return Json::textAt(entry, "description"); // null and absent both mean none
}

bool sameContent(const nlohmann::json &ours, const nlohmann::json &theirs)
{
    return ours.value("duration", 0) == theirs.value("duration", -1)
        && descriptionOf(ours) == descriptionOf(theirs);
}

QString slashId(const nlohmann::json &entry)
{
    return Json::textAt(entry, "projectId").toLower() + QLatin1Char('/')
        + Json::textAt(entry, "timeEntryId").toLower();
}

} // namespace

struct TimeEntryWriter::Job
{
    Submission submission;
    EmployeeTarget target;
    QString tenantId;
    QString accessToken;
    bool mayUpdate = false;
    QSet<QString> previous; //!< "project/entry" in lower case
    Callback done;
    nlohmann::json body; //!< ours, one per identity
    QStringList projects; //!< to read: ours and those of previous entries

    struct Step
    {
        XeroRequest request;
        int ours = -1; //!< index into body for a create or update; -1 for a delete
    };

    std::vector<Step> steps;
    std::vector<nlohmann::json> result; //!< per body index: the entry Xero holds afterwards
    size_t pending = 0;
    bool failed = false;
};

TimeEntryWriter::TimeEntryWriter(XeroClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

QString TimeEntryWriter::joinIds(const QStringList &projectSlashEntry)
{
    return projectSlashEntry.join(QLatin1Char(','));
}

QStringList TimeEntryWriter::splitIds(const QString &joined)
{
    QStringList ids;
    for (const auto &part : joined.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        // A payroll timesheet id (the organisation's target changed) has no project: skip it.
        if (part.count(QLatin1Char('/')) == 1)
            ids << part.trimmed().toLower();
    }
    return ids;
}

void TimeEntryWriter::write(const Submission &submission, const EmployeeTarget &target,
    const QString &tenantId, const QString &accessToken, bool mayUpdate, const QString &previousIds,
    Callback done)
{
    auto job = std::make_shared<Job>();
    job->submission = submission;
    job->target = target;
    job->tenantId = tenantId;
    job->accessToken = accessToken;
    job->mayUpdate = mayUpdate;
    job->done = std::move(done);
    job->body = TimesheetMapper::toProjectsTimeEntries(submission, target);
    for (const auto &id : splitIds(previousIds)) {
        job->previous.insert(id);
        const auto project = id.section(QLatin1Char('/'), 0, 0);
        if (!job->projects.contains(project))
            job->projects << project;
    }
    for (const auto &entry : job->body) {
        const auto project = Json::textAt(entry, "projectId");
        if (!job->projects.contains(project))
            job->projects << project;
    }
    lookup(job);
}

void TimeEntryWriter::lookup(std::shared_ptr<Job> job)
{
    // One paged read per project of the user's entries in the period, all at once (the rate
    // gate keeps them within Xero's five in flight).
    auto existing = std::make_shared<nlohmann::json>(nlohmann::json::array());
    auto remaining = std::make_shared<qsizetype>(job->projects.size());
    auto failed = std::make_shared<bool>(false);
    if (job->projects.isEmpty()) {
        plan(job, *existing);
        return;
    }
    const auto &s = job->submission;
    for (const auto &project : job->projects) {
        XeroRequest request;
        request.tenantId = job->tenantId;
        request.accessToken = job->accessToken;
        request.path = projectsBase(project) + QStringLiteral("/Time");
        request.query.addQueryItem(QStringLiteral("userId"), job->target.projectsUserId);
        request.query.addQueryItem(QStringLiteral("dateAfterUtc"),
            s.periodStart.toString(Qt::ISODate) + QStringLiteral("T00:00:00Z"));
        request.query.addQueryItem(QStringLiteral("dateBeforeUtc"),
            s.periodEnd.toString(Qt::ISODate) + QStringLiteral("T23:59:59Z"));
        XeroPages::fetchAll(m_client, request, XeroPages::Projects,
            [this, job, existing, remaining, failed, project](Result<nlohmann::json> items) {
                if (*failed)
                    return;
                if (!items && items.error().code != ErrorCode::NotFound) {
                    *failed = true;
                    job->done(std::unexpected(items.error()));
                    return;
                }
                // A project gone from Xero holds none of our entries any more.
                if (items) {
                    for (auto entry : *items) {
                        if (!entry.contains("projectId"))
                            entry["projectId"] = project.toStdString();
                        existing->push_back(std::move(entry));
                    }
                }
                if (--*remaining == 0)
                    plan(job, *existing);
            });
    }
}

void TimeEntryWriter::plan(std::shared_ptr<Job> job, nlohmann::json existing)
{
    const auto &s = job->submission;
    const auto key = [&s](const char *operation, const nlohmann::json &entry) {
        return XeroClient::idempotencyKey(
            QString::fromLatin1(operation), s.id, s.version, identityOf(entry));
    };
    std::vector<bool> claimed(existing.size(), false);
    job->result.assign(job->body.size(), nlohmann::json());
    QStringList blocked;
    bool changes = false; // an update or a delete: needs a newer version or force
    for (size_t i = 0; i < job->body.size(); ++i) {
        const auto &ours = job->body[i];
        const auto identity = identityOf(ours);
        // Prefer the entry we wrote before; otherwise one with the same identity (a write
        // whose answer was lost, or a sync state lost with the database).
        std::optional<size_t> match;
        for (size_t j = 0; j < existing.size(); ++j) {
            if (claimed[j] || identityOf(existing[j]) != identity)
                continue;
            if (job->previous.contains(slashId(existing[j]))) {
                match = j;
                break;
            }
            if (!match)
                match = j;
        }
        auto body = ours;
        body.erase("projectId"); // the path names the project
        const auto project = Json::textAt(ours, "projectId");
        if (!match) {
            XeroRequest create;
            create.method = "POST";
            create.path = projectsBase(project) + QStringLiteral("/Time");
            create.body = body;
            create.idempotencyKey = key("time-entry", ours);
            job->steps.push_back({ create, int(i) });
            continue;
        }
        claimed[*match] = true;
        const auto &theirs = existing[*match];
        job->result[i] = theirs;
        if (sameContent(ours, theirs))
            continue;
        changes = true;
        const auto status = Json::textAt(theirs, "status").toUpper();
        if (status != QLatin1String("ACTIVE")) {
            blocked << QStringLiteral("%1 (%2)").arg(
                Json::textAt(theirs, "dateUtc").left(10), status.toLower());
            continue;
        }
        XeroRequest update;
        update.method = "PUT";
        update.path =
            projectsBase(project) + QStringLiteral("/Time/") + Json::textAt(theirs, "timeEntryId");
        update.body = body;
        update.idempotencyKey = key("time-entry-update", ours);
        job->steps.push_back({ update, int(i) });
    }
    for (size_t j = 0; j < existing.size(); ++j) {
        if (claimed[j] || !job->previous.contains(slashId(existing[j])))
            continue;
        changes = true;
        const auto status = Json::textAt(existing[j], "status").toUpper();
        if (status != QLatin1String("ACTIVE")) {
            blocked << QStringLiteral("%1 (%2)").arg(
                Json::textAt(existing[j], "dateUtc").left(10), status.toLower());
            continue;
        }
        XeroRequest remove;
        remove.method = "DELETE";
        remove.path = projectsBase(Json::textAt(existing[j], "projectId"))
            + QStringLiteral("/Time/") + Json::textAt(existing[j], "timeEntryId");
        job->steps.push_back({ remove, -1 });
    }

    WriteOutcome refusal;
    refusal.action = WriteOutcome::Action::Refused;
    refusal.received = existing;
    // Nothing was written: what this submission owns in Xero is what it owned before.
    refusal.xeroTimesheetId = joinIds(QStringList(job->previous.cbegin(), job->previous.cend()));
    if (!blocked.isEmpty()) {
        refusal.reason =
            QStringLiteral("Xero's time entries on %1 are invoiced or locked; they are never "
                           "changed. Change them in Xero Projects, or undo the invoice, then "
                           "sync again.")
                .arg(blocked.join(QStringLiteral(", ")));
        job->done(refusal);
        return;
    }
    if (changes && !job->mayUpdate) {
        refusal.reason = QStringLiteral(
            "Xero Projects already holds other time for this timesheet; it is changed only for "
            "a newer version or a forced sync");
        job->done(refusal);
        return;
    }
    if (job->steps.empty()) {
        complete(job, WriteOutcome::Action::Unchanged);
        return;
    }
    runSteps(job, changes ? WriteOutcome::Action::Updated : WriteOutcome::Action::Created);
}

void TimeEntryWriter::runSteps(std::shared_ptr<Job> job, WriteOutcome::Action action)
{
    // All at once: each is its own call either way, and the gate keeps five in flight.
    job->pending = job->steps.size();
    for (const auto &step : job->steps) {
        XeroRequest request = step.request;
        request.tenantId = job->tenantId;
        request.accessToken = job->accessToken;
        const int ours = step.ours;
        const bool remove = request.method == "DELETE";
        const bool update = request.method == "PUT";
        m_client.send(request, [this, job, ours, remove, update, action](XeroReply reply) {
            if (job->failed)
                return;
            // An entry already gone (a retried delete) is what we wanted anyway.
            if (reply.error && !(remove && reply.status == 404)) {
                job->failed = true;
                job->done(std::unexpected(*reply.error));
                return;
            }
            if (ours >= 0) {
                const auto index = static_cast<size_t>(ours);
                if (update) {
                    // 204: Xero's entry now holds ours, under its own id.
                    auto entry = job->body[index];
                    entry["timeEntryId"] = job->result[index].value("timeEntryId", "");
                    entry["status"] = "ACTIVE";
                    job->result[index] = entry;
                } else {
                    job->result[index] = reply.json;
                }
            }
            if (--job->pending == 0)
                complete(job, action);
        });
    }
}

void TimeEntryWriter::complete(std::shared_ptr<Job> job, WriteOutcome::Action action)
{
    WriteOutcome outcome;
    outcome.action = action;
    outcome.received = nlohmann::json::array();
    QStringList ids;
    for (size_t i = 0; i < job->result.size(); ++i) {
        auto entry = job->result[i];
        if (!entry.is_object())
            continue;
        if (!entry.contains("projectId"))
            entry["projectId"] = job->body[i].value("projectId", "");
        ids << slashId(entry);
        outcome.received.push_back(entry);
    }
    outcome.xeroTimesheetId = joinIds(ids);
    if (action != WriteOutcome::Action::Unchanged)
        outcome.sent = job->body;
    else
        outcome.reason =
            QStringLiteral("Xero Projects already holds these time entries with the same minutes");
    qCDebug(lcSync) << "time entries of" << job->submission.id << writeActionName(action)
                    << ids.size();
    job->done(outcome);
}

} // namespace XeroSync
