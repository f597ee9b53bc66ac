#include "timesheetwriter.h"

#include <cmath>

#include "core/common/json.h"
#include "core/sync/timesheetmapper.h"
#include "core/xero/paycalendar.h"
#include "core/xero/xeropages.h"

namespace XeroSync {

QString writeActionName(WriteOutcome::Action action)
{
    switch (action) {
    case WriteOutcome::Action::Created:
        return QStringLiteral("created");
    case WriteOutcome::Action::Unchanged:
        return QStringLiteral("unchanged");
    case WriteOutcome::Action::Updated:
        return QStringLiteral("updated");
    case WriteOutcome::Action::Refused:
        return QStringLiteral("refused");
    }
    return {};
}

struct TimesheetWriter::Job
{
    Submission submission;
    EmployeeTarget target;
    PayrollTarget api;
    QString tenantId;
    QString accessToken;
    bool mayUpdate = false;
    Callback done;
    nlohmann::json body;
    QString existingId;
    std::shared_ptr<SharedLists> lists;
    bool preloaded = false; //!< "none in Xero" came from the pay run's list, not a fresh look
};

namespace {

double rounded(double hours)
{
    return std::round(hours * 10000.0) / 10000.0;
}

} // namespace

TimesheetWriter::TimesheetWriter(XeroClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

TimesheetWriter::Content TimesheetWriter::contentOfAu1(const nlohmann::json &timesheet)
{
    Content content;
    const auto start = PayCalendar::dateFromXero(Json::textAt(timesheet, "StartDate"));
    if (!start)
        return content;
    for (const auto &line : timesheet.value("TimesheetLines", nlohmann::json::array())) {
        const auto rate = Json::textAt(line, "EarningsRateID").toLower();
        const auto tracking = Json::textAt(line, "TrackingItemID").toLower();
        const auto units = line.value("NumberOfUnits", nlohmann::json::array());
        for (size_t day = 0; day < units.size(); ++day) {
            const double value = units[day].is_number() ? units[day].get<double>() : 0;
            if (value != 0)
                content[{ start->addDays(static_cast<qint64>(day)), rate, tracking }] += value;
        }
    }
    for (auto &[key, value] : content)
        value = rounded(value);
    return content;
}

TimesheetWriter::Content TimesheetWriter::contentOf2(const nlohmann::json &timesheet)
{
    Content content;
    for (const auto &line : timesheet.value("timesheetLines", nlohmann::json::array())) {
        const auto date = PayCalendar::dateFromXero(Json::textAt(line, "date"));
        const double value = line.value("numberOfUnits", 0.0);
        if (date && value != 0)
            content[{ *date, Json::textAt(line, "earningsRateID").toLower(),
                Json::textAt(line, "trackingItemID").toLower() }] += value;
    }
    for (auto &[key, value] : content)
        value = rounded(value);
    return content;
}

void TimesheetWriter::write(const Submission &submission, const EmployeeTarget &target,
    PayrollTarget api, const QString &tenantId, const QString &accessToken, bool mayUpdate,
    Callback done, std::shared_ptr<SharedLists> lists)
{
    auto job = std::make_shared<Job>(Job { submission, target, api, tenantId, accessToken,
        mayUpdate, std::move(done), {}, {}, std::move(lists), false });
    job->body = bodyFor(submission, target, api);
    if (!lookupPreloaded(job))
        lookup(job);
}

void TimesheetWriter::preload(const QString &tenantId, const QString &accessToken,
    const QDate &from, const QDate &to, std::shared_ptr<SharedLists> lists,
    std::function<void(Result<void>)> done)
{
    XeroRequest request;
    request.tenantId = tenantId;
    request.accessToken = accessToken;
    request.path = QStringLiteral("/payroll.xro/2.0/Timesheets");
    request.query.addQueryItem(QStringLiteral("startDate"), from.toString(Qt::ISODate));
    request.query.addQueryItem(QStringLiteral("endDate"), to.toString(Qt::ISODate));
    XeroPages::fetchAll(m_client, request, XeroPages::payroll2("timesheets"),
        [lists, from, to, done = std::move(done)](Result<nlohmann::json> timesheets) {
            if (!timesheets) {
                done(std::unexpected(timesheets.error()));
                return;
            }
            lists->timesheets = std::move(*timesheets);
            lists->timesheetsFrom = from;
            lists->timesheetsTo = to;
            lists->timesheetsLoaded = true;
            done({});
        });
}

bool TimesheetWriter::lookupPreloaded(std::shared_ptr<Job> job)
{
    const auto &lists = job->lists;
    const auto &s = job->submission;
    if (job->api != PayrollTarget::Payroll2 || !lists || !lists->timesheetsLoaded
        || s.periodStart < lists->timesheetsFrom || s.periodEnd > lists->timesheetsTo)
        return false;
    const auto employee = job->target.xeroEmployeeId.toLower();
    const auto start = s.periodStart.toString(Qt::ISODate);
    for (const auto &summary : lists->timesheets) {
        if (Json::textAt(summary, "employeeID").toLower() == employee
            && Json::textAt(summary, "startDate").left(10) == start) {
            readOne(job, Json::textAt(summary, "timesheetID"));
            return true;
        }
    }
    job->preloaded = true;
    decide(job, std::nullopt);
    return true;
}

nlohmann::json TimesheetWriter::bodyFor(
    const Submission &submission, const EmployeeTarget &target, PayrollTarget api)
{
    return api == PayrollTarget::PayrollAu1 ? TimesheetMapper::toPayrollAu1(submission, target)
                                            : TimesheetMapper::toPayroll2(submission, target);
}

void TimesheetWriter::lookup(std::shared_ptr<Job> job)
{
    XeroRequest request;
    request.tenantId = job->tenantId;
    request.accessToken = job->accessToken;
    const auto &s = job->submission;
    if (job->api == PayrollTarget::PayrollAu1) {
        request.path = QStringLiteral("/payroll.xro/1.0/Timesheets");
        request.query.addQueryItem(QStringLiteral("where"),
            QStringLiteral("EmployeeID==GUID(\"%1\")&&StartDate==DateTime(%2,%3,%4)")
                .arg(job->target.xeroEmployeeId)
                .arg(s.periodStart.year())
                .arg(s.periodStart.month())
                .arg(s.periodStart.day()));
    } else {
        request.path = QStringLiteral("/payroll.xro/2.0/Timesheets");
        request.query.addQueryItem(QStringLiteral("filter"),
            QStringLiteral("employeeId==%1").arg(job->target.xeroEmployeeId));
        request.query.addQueryItem(
            QStringLiteral("startDate"), s.periodStart.toString(Qt::ISODate));
        request.query.addQueryItem(QStringLiteral("endDate"), s.periodEnd.toString(Qt::ISODate));
    }
    m_client.send(request, [this, job](XeroReply reply) {
        if (reply.error) {
            job->done(std::unexpected(*reply.error));
            return;
        }
        const auto list = !reply.json.is_object() ? nlohmann::json::array()
            : job->api == PayrollTarget::PayrollAu1
            ? reply.json.value("Timesheets", nlohmann::json::array())
            : reply.json.value("timesheets", nlohmann::json::array());
        if (list.empty()) {
            decide(job, std::nullopt);
            return;
        }
        if (job->api == PayrollTarget::PayrollAu1) {
            decide(job, list[0]);
            return;
        }
        readOne(job, Json::textAt(list[0], "timesheetID"));
    });
}

void TimesheetWriter::readOne(std::shared_ptr<Job> job, const QString &timesheetId)
{
    // Payroll 2.0 lists omit the lines (research §4.1): read the timesheet itself.
    XeroRequest get;
    get.tenantId = job->tenantId;
    get.accessToken = job->accessToken;
    get.path = QStringLiteral("/payroll.xro/2.0/Timesheets/") + timesheetId;
    m_client.send(get, [this, job](XeroReply one) {
        if (one.error)
            job->done(std::unexpected(*one.error));
        else
            decide(job,
                one.json.is_object() ? one.json.value("timesheet", nlohmann::json::object())
                                     : nlohmann::json::object());
    });
}

void TimesheetWriter::decide(std::shared_ptr<Job> job, std::optional<nlohmann::json> existing)
{
    const bool au1 = job->api == PayrollTarget::PayrollAu1;
    const auto key = [&job](const char *operation) {
        return XeroClient::idempotencyKey(
            QString::fromLatin1(operation), job->submission.id, job->submission.version);
    };
    XeroRequest request;
    request.tenantId = job->tenantId;
    request.accessToken = job->accessToken;
    request.method = "POST";
    if (!existing) {
        request.path = au1 ? QStringLiteral("/payroll.xro/1.0/Timesheets")
                           : QStringLiteral("/payroll.xro/2.0/Timesheets");
        request.body = au1 ? nlohmann::json::array({ job->body }) : job->body;
        request.idempotencyKey = key("create");
        m_client.send(request, [this, job](XeroReply reply) {
            // The pay run's list was older than Xero: someone (another job, a person) created
            // this period's timesheet since. Look it up and apply the policy to it.
            if (job->preloaded && reply.status == 400 && reply.error
                && reply.error->message.contains(
                    QLatin1String("already exists"), Qt::CaseInsensitive)) {
                job->preloaded = false;
                lookup(job);
                return;
            }
            if (!reply.error && job->lists && job->lists->timesheetsLoaded
                && job->api == PayrollTarget::Payroll2 && reply.json.is_object())
                job->lists->timesheets.push_back(
                    reply.json.value("timesheet", nlohmann::json::object()));
            finish(job, std::move(reply), WriteOutcome::Action::Created);
        });
        return;
    }
    job->existingId =
        au1 ? Json::textAt(*existing, "TimesheetID") : Json::textAt(*existing, "timesheetID");
    const auto status =
        (au1 ? Json::textAt(*existing, "Status") : Json::textAt(*existing, "status")).toUpper();
    const auto theirs = au1 ? contentOfAu1(*existing) : contentOf2(*existing);
    auto ours = au1 ? contentOfAu1(job->body) : contentOf2(job->body);
    WriteOutcome outcome;
    outcome.xeroTimesheetId = job->existingId;
    outcome.received = *existing;
    if (theirs == ours) {
        outcome.action = WriteOutcome::Action::Unchanged;
        outcome.reason = QStringLiteral("Xero already holds this timesheet with the same hours");
        job->done(outcome);
        return;
    }
    if (status != QLatin1String("DRAFT")) {
        outcome.action = WriteOutcome::Action::Refused;
        outcome.reason =
            QStringLiteral(
                "Xero's timesheet %1 for %2 to %3 is %4, not a draft; it is never overwritten. "
                "Revert it to draft in Xero, then sync again.")
                .arg(job->existingId, job->submission.periodStart.toString(Qt::ISODate),
                    job->submission.periodEnd.toString(Qt::ISODate), status.toLower());
        job->done(outcome);
        return;
    }
    if (!job->mayUpdate) {
        outcome.action = WriteOutcome::Action::Refused;
        outcome.reason = QStringLiteral("Xero's draft %1 holds other hours; it is updated only for "
                                        "a newer version or a forced sync")
                             .arg(job->existingId);
        job->done(outcome);
        return;
    }
    if (au1) {
        // Full replacement with the same TimesheetID (research §3.5).
        auto body = job->body;
        body["TimesheetID"] = job->existingId.toStdString();
        request.path = QStringLiteral("/payroll.xro/1.0/Timesheets/") + job->existingId;
        request.body = nlohmann::json::array({ body });
        request.idempotencyKey = key("update");
        m_client.send(request, [this, job](XeroReply reply) {
            finish(job, std::move(reply), WriteOutcome::Action::Updated);
        });
        return;
    }
    // Payroll 2.0: lines have their own ids; replace them one by one (delete the old lines, add
    // the new), so the timesheet keeps its id and Xero sees no second create.
    auto steps = std::make_shared<std::vector<XeroRequest>>();
    for (const auto &line : existing->value("timesheetLines", nlohmann::json::array())) {
        XeroRequest remove;
        remove.method = "DELETE";
        remove.path = QStringLiteral("/payroll.xro/2.0/Timesheets/%1/Lines/%2")
                          .arg(job->existingId, Json::textAt(line, "timesheetLineID"));
        steps->push_back(remove);
    }
    int index = 0;
    for (const auto &line : job->body.value("timesheetLines", nlohmann::json::array())) {
        XeroRequest add;
        add.method = "POST";
        add.path = QStringLiteral("/payroll.xro/2.0/Timesheets/%1/Lines").arg(job->existingId);
        add.body = line;
        add.idempotencyKey = XeroClient::idempotencyKey(QStringLiteral("add-line"),
            job->submission.id, job->submission.version, QString::number(index++));
        steps->push_back(add);
    }
    for (auto &step : *steps) {
        step.tenantId = job->tenantId;
        step.accessToken = job->accessToken;
    }
    runSteps(job, steps, 0);
}

void TimesheetWriter::runSteps(
    std::shared_ptr<Job> job, std::shared_ptr<std::vector<XeroRequest>> steps, size_t next)
{
    if (next == steps->size()) {
        // Read the result back so the outcome shows what Xero now holds.
        XeroRequest get;
        get.tenantId = job->tenantId;
        get.accessToken = job->accessToken;
        get.path = QStringLiteral("/payroll.xro/2.0/Timesheets/") + job->existingId;
        m_client.send(get, [this, job](XeroReply reply) {
            finish(job, std::move(reply), WriteOutcome::Action::Updated);
        });
        return;
    }
    m_client.send((*steps)[next], [this, job, steps, next](XeroReply reply) {
        // A line already gone (404 on a retried delete) is what we wanted anyway.
        if (reply.error && !((*steps)[next].method == "DELETE" && reply.status == 404)) {
            job->done(std::unexpected(*reply.error));
            return;
        }
        runSteps(job, steps, next + 1);
    });
}

void TimesheetWriter::finish(std::shared_ptr<Job> job, XeroReply reply, WriteOutcome::Action action)
{
    if (reply.error) {
        job->done(std::unexpected(*reply.error));
        return;
    }
    WriteOutcome outcome;
    outcome.action = action;
    outcome.sent = job->body;
    outcome.received = reply.json;
    const bool au1 = job->api == PayrollTarget::PayrollAu1;
    if (au1) {
        const auto list = reply.json.is_object()
            ? reply.json.value("Timesheets", nlohmann::json::array())
            : nlohmann::json::array();
        outcome.xeroTimesheetId = list.empty() ? QString() : Json::textAt(list[0], "TimesheetID");
    } else {
        outcome.xeroTimesheetId = Json::textAt(reply.json.is_object()
                ? reply.json.value("timesheet", nlohmann::json::object())
                : nlohmann::json::object(),
            "timesheetID");
    }
    job->done(outcome);
}

} // namespace XeroSync
