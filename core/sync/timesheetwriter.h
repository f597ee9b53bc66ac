#pragma once

#include <functional>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include <QObject>

#include "core/store/timesheet.h"
#include "core/sync/employeetarget.h"
#include "core/sync/sharedlists.h"
#include "core/xero/xeroclient.h"

namespace XeroSync {

//! Which payroll API an organisation's timesheets go to.
enum class PayrollTarget
{
    PayrollAu1,
    Payroll2, //!< UK, NZ, AU 2.0
};

//! What the duplicate policy decided and did for one submission (DESIGN.md §6).
struct WriteOutcome
{
    enum class Action
    {
        Created,
        Unchanged, //!< Xero already holds this content: nothing written
        Updated,
        Refused, //!< Xero's timesheet is not a draft (or is the employee's own): never overwritten
    };
    Action action = Action::Created;
    QString xeroTimesheetId;
    QString reason;
    nlohmann::json sent; //!< what was written (null when nothing)
    nlohmann::json received; //!< Xero's answer
};

QString writeActionName(WriteOutcome::Action action);

//! Writes one validated submission to Xero Payroll with the duplicate policy: look up the
//! employee's timesheet for the period first; none -> create; same content -> nothing; a draft
//! with other content -> update when allowed (newer version or force); anything else -> refuse.
//! Every write carries an Idempotency-Key derived from submission id and version.
class TimesheetWriter : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<WriteOutcome>)>;
    //! (date, earnings rate, tracking item) -> hours: the content both API shapes reduce to.
    using Content = std::map<std::tuple<QDate, QString, QString>, double>;

    explicit TimesheetWriter(XeroClient &client, QObject *parent = nullptr);

    //! What write() sends for `api`. The sync state's content hash and the preview use it too,
    //! so "unchanged" compares exactly what would be written.
    static nlohmann::json bodyFor(
        const Submission &submission, const EmployeeTarget &target, PayrollTarget api);

    //! `lists`, when it holds the Payroll 2.0 timesheets of the submission's period range, stands
    //! in for the lookup call; one created meanwhile elsewhere is still found (Xero refuses a
    //! second timesheet for a period, and that refusal sends us to look it up).
    void write(const Submission &submission, const EmployeeTarget &target, PayrollTarget api,
        const QString &tenantId, const QString &accessToken, bool mayUpdate, Callback done,
        std::shared_ptr<SharedLists> lists = nullptr);

    //! A Payroll 2.0 pay run: every timesheet Xero holds for periods within [from, to] into
    //! `lists`, in pages of 100, instead of one lookup per timesheet.
    void preload(const QString &tenantId, const QString &accessToken, const QDate &from,
        const QDate &to, std::shared_ptr<SharedLists> lists,
        std::function<void(Result<void>)> done);

    static Content contentOfAu1(const nlohmann::json &timesheet);
    static Content contentOf2(const nlohmann::json &timesheet);

private:
    struct Job;
    void lookup(std::shared_ptr<Job> job);
    //! The lookup from a pay run's preloaded list; false when the list does not cover it.
    bool lookupPreloaded(std::shared_ptr<Job> job);
    void readOne(std::shared_ptr<Job> job, const QString &timesheetId);
    void decide(std::shared_ptr<Job> job, std::optional<nlohmann::json> existing);
    void finish(std::shared_ptr<Job> job, XeroReply reply, WriteOutcome::Action action);
    void runSteps(
        std::shared_ptr<Job> job, std::shared_ptr<std::vector<XeroRequest>> steps, size_t next);

    XeroClient &m_client;
};

} // namespace XeroSync
