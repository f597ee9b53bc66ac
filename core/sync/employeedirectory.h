#pragma once

#include <functional>
#include <memory>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include "core/sync/employeetarget.h"
#include "core/sync/sharedlists.h"
#include "core/sync/timesheetwriter.h"
#include "core/xero/xeroclient.h"

namespace XeroSync {

//! Reads what validation and mapping need about one Xero employee: status, dates, pay calendar
//! and the earnings rates valid for timesheets (research §6).
class EmployeeDirectory : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<EmployeeTarget>)>;

    explicit EmployeeDirectory(XeroClient &client, QObject *parent = nullptr);

    //! How long one organisation's calendars and earnings rates serve single syncs: an approval
    //! then costs the employee read, the lookup and the write, not two list reads more.
    static constexpr qint64 ListsTtlMs = 10 * 60 * 1000;
    //! Drops the cached lists of an organisation (a finding may come from lists older than
    //! Xero: a rate or calendar made minutes ago).
    void forgetLists(const QString &tenantId);

    //! `preferredRateId`: the source system's default rate for the employee, if any. `lists`,
    //! when given, supplies the calendars and rates (or is filled by this call).
    void resolve(const QString &xeroEmployeeId, const QString &preferredRateId, PayrollTarget api,
        const QString &tenantId, const QString &accessToken, Callback done,
        std::shared_ptr<SharedLists> lists = nullptr);

    //! Payroll 2.0 pay runs: the calendars, earnings rates and every employee of the
    //! organisation into `lists`, in a few paged reads, so resolve() then costs no call.
    void preload(const QString &tenantId, const QString &accessToken,
        std::shared_ptr<SharedLists> lists, std::function<void(Result<void>)> done);

    //! The Projects target: the Xero Projects user with the employee's email address (Projects
    //! knows people only as users; one paged read of ProjectsUsers, shared by a batch through
    //! `lists`). No such user gives a target without a user id, which validation reports.
    void resolveProjectsUser(const QString &email, const QString &tenantId,
        const QString &accessToken, Callback done, std::shared_ptr<SharedLists> lists = nullptr);

    //! The target from Xero's answers: one employee (AU 1.0 or 2.0 shape), the calendars and
    //! the earnings rates. Shared by single syncs and batches, which read the lists once.
    static EmployeeTarget targetFrom(const nlohmann::json &employee,
        const nlohmann::json &calendars, const nlohmann::json &rates, PayrollTarget api,
        const QString &preferredRateId);

private:
    void get(const QString &path, const QString &tenantId, const QString &accessToken,
        std::function<void(XeroReply)> next);

    struct CachedLists
    {
        nlohmann::json calendars;
        nlohmann::json rates;
        qint64 readAtMs = 0;
    };

    XeroClient &m_client;
    QHash<QString, CachedLists> m_cache; //!< by lower-case tenant id and API
    QElapsedTimer m_age;
};

} // namespace XeroSync
