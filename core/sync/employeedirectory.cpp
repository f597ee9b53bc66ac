#include "employeedirectory.h"

#include "core/common/json.h"
#include "core/xero/xeropages.h"

namespace XeroSync {

EmployeeDirectory::EmployeeDirectory(XeroClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_age.start();
}

void EmployeeDirectory::forgetLists(const QString &tenantId)
{
    m_cache.remove(tenantId.toLower() + QStringLiteral("|au1"));
    m_cache.remove(tenantId.toLower() + QStringLiteral("|2"));
}

void EmployeeDirectory::get(const QString &path, const QString &tenantId,
    const QString &accessToken, std::function<void(XeroReply)> next)
{
    XeroRequest request;
    request.path = path;
    request.tenantId = tenantId;
    request.accessToken = accessToken;
    m_client.send(request, std::move(next));
}

EmployeeTarget EmployeeDirectory::targetFrom(const nlohmann::json &employee,
    const nlohmann::json &calendars, const nlohmann::json &rates, PayrollTarget api,
    const QString &preferredRateId)
{
    const bool au1 = api == PayrollTarget::PayrollAu1;
    EmployeeTarget target;
    target.xeroEmployeeId = Json::textAt(employee, au1 ? "EmployeeID" : "employeeID").toLower();
    target.name = Json::textAt(employee, au1 ? "FirstName" : "firstName") + QLatin1Char(' ')
        + Json::textAt(employee, au1 ? "LastName" : "lastName");
    target.active = !au1 || Json::textAt(employee, "Status") != QLatin1String("TERMINATED");
    target.startDate =
        PayCalendar::dateFromXero(Json::textAt(employee, au1 ? "StartDate" : "startDate"))
            .value_or(QDate());
    target.terminationDate =
        PayCalendar::dateFromXero(Json::textAt(employee, au1 ? "TerminationDate" : "endDate"))
            .value_or(QDate());
    if (target.terminationDate.isValid())
        target.active = true; // judged per period by the validator
    const auto calendarId = Json::textAt(employee, au1 ? "PayrollCalendarID" : "payrollCalendarID");
    for (const auto &c : calendars) {
        if (Json::textAt(c, au1 ? "PayrollCalendarID" : "payrollCalendarID") != calendarId)
            continue;
        target.calendar.id = calendarId;
        target.calendar.type =
            PayCalendar::typeFrom2(Json::textAt(c, au1 ? "CalendarType" : "calendarType"));
        target.calendar.startDate =
            PayCalendar::dateFromXero(Json::textAt(c, au1 ? "StartDate" : "periodStartDate"))
                .value_or(QDate());
        target.calendar.referenceDate =
            PayCalendar::dateFromXero(Json::textAt(c, "ReferenceDate")).value_or(QDate());
    }
    // AU rates must also be on the employee's pay template (research §6); only a single
    // employee's answer carries the template, the list does not.
    const bool checkTemplate = au1 && employee.contains("PayTemplate");
    QStringList onTemplate;
    if (checkTemplate) {
        for (const auto &line :
            employee["PayTemplate"].value("EarningsLines", nlohmann::json::array()))
            onTemplate << Json::textAt(line, "EarningsRateID").toLower();
    }
    const auto ordinary = Json::textAt(employee, "OrdinaryEarningsRateID").toLower();
    QString firstRegular;
    for (const auto &rate : rates) {
        const auto id = Json::textAt(rate, au1 ? "EarningsRateID" : "earningsRateID").toLower();
        const auto type = Json::textAt(rate, au1 ? "RateType" : "rateType").toUpper();
        const bool usable = rate.value(au1 ? "CurrentRecord" : "currentRecord", true)
            && type != QLatin1String("FIXEDAMOUNT");
        if (usable && (!checkTemplate || onTemplate.contains(id) || id == ordinary))
            target.validEarningsRateIds << id;
        if (usable && firstRegular.isEmpty()
            && Json::textAt(rate, au1 ? "EarningsType" : "earningsType")
                   .toUpper()
                   .contains(QLatin1String("REGULAR")))
            firstRegular = id;
    }
    target.defaultEarningsRateId = !preferredRateId.isEmpty() ? preferredRateId.toLower()
        : au1                                                 ? ordinary
                                                              : firstRegular;
    return target;
}

void EmployeeDirectory::resolve(const QString &xeroEmployeeId, const QString &preferredRateId,
    PayrollTarget api, const QString &tenantId, const QString &accessToken, Callback done,
    std::shared_ptr<SharedLists> lists)
{
    // Not mapped: nothing to look up (GET Employees/ would list them all and spend three calls of
    // the tenant's 60 a minute); the validator names the missing mapping.
    if (xeroEmployeeId.trimmed().isEmpty()) {
        done(EmployeeTarget {});
        return;
    }
    const bool au1 = api == PayrollTarget::PayrollAu1;
    const QString cacheKey =
        tenantId.toLower() + (au1 ? QStringLiteral("|au1") : QStringLiteral("|2"));
    bool cached = false;
    if (!lists) {
        // A single sync: the organisation's lists from the cache while they are fresh.
        lists = std::make_shared<SharedLists>();
        const auto it = m_cache.constFind(cacheKey);
        if (it != m_cache.cend() && m_age.elapsed() - it->readAtMs < ListsTtlMs) {
            lists->calendars = it->calendars;
            lists->rates = it->rates;
            lists->loaded = true;
            cached = true;
        }
    }
    if (!au1 && lists && lists->loaded && lists->employeesLoaded) {
        const auto it = lists->employees.constFind(xeroEmployeeId.trimmed().toLower());
        if (it != lists->employees.cend()) {
            auto target = targetFrom(*it, lists->calendars, lists->rates, api, preferredRateId);
            target.xeroEmployeeId = xeroEmployeeId;
            done(target);
            return;
        }
        // Not in the pay run's list: asked for on its own below (a 404 is a finding).
    }
    const auto base = au1 ? QStringLiteral("/payroll.xro/1.0") : QStringLiteral("/payroll.xro/2.0");
    get(base + QStringLiteral("/Employees/") + xeroEmployeeId, tenantId, accessToken,
        [=, this](XeroReply employeeReply) {
            // A 404 for the employee is a finding, not a failure: the mapping points nowhere.
            if (employeeReply.status == 404) {
                done(EmployeeTarget {});
                return;
            }
            if (employeeReply.error) {
                done(std::unexpected(*employeeReply.error));
                return;
            }
            const auto &body = employeeReply.json;
            nlohmann::json employee = nlohmann::json::object();
            if (au1 && body.is_object() && body.contains("Employees")
                && body["Employees"].is_array() && !body["Employees"].empty())
                employee = body["Employees"][0];
            else if (!au1 && body.is_object() && body.contains("employee"))
                employee = body["employee"];
            if (lists && lists->loaded) {
                auto target =
                    targetFrom(employee, lists->calendars, lists->rates, api, preferredRateId);
                target.xeroEmployeeId = xeroEmployeeId;
                target.listsCached = cached;
                done(target);
                return;
            }
            const auto calendarsPath =
                au1 ? QStringLiteral("/PayrollCalendars") : QStringLiteral("/PayRunCalendars");
            get(base + calendarsPath, tenantId, accessToken, [=, this](XeroReply calendars) {
                if (calendars.error) {
                    done(std::unexpected(*calendars.error));
                    return;
                }
                const auto calendarList = calendars.json.value(
                    au1 ? "PayrollCalendars" : "payRunCalendars", nlohmann::json::array());
                const auto ratesPath =
                    au1 ? QStringLiteral("/PayItems") : QStringLiteral("/EarningsRates");
                get(base + ratesPath, tenantId, accessToken, [=, this](XeroReply rates) {
                    if (rates.error) {
                        done(std::unexpected(*rates.error));
                        return;
                    }
                    const auto rateList = au1
                        ? rates.json.value("PayItems", nlohmann::json::object())
                              .value("EarningsRates", nlohmann::json::array())
                        : rates.json.value("earningsRates", nlohmann::json::array());
                    if (lists) {
                        lists->calendars = calendarList;
                        lists->rates = rateList;
                        lists->loaded = true;
                    }
                    m_cache.insert(cacheKey, { calendarList, rateList, m_age.elapsed() });
                    auto target =
                        targetFrom(employee, calendarList, rateList, api, preferredRateId);
                    target.xeroEmployeeId = xeroEmployeeId;
                    done(target);
                });
            });
        });
}

void EmployeeDirectory::resolveProjectsUser(const QString &email, const QString &tenantId,
    const QString &accessToken, Callback done, std::shared_ptr<SharedLists> lists)
{
    const auto pick = [email](const nlohmann::json &users) {
        EmployeeTarget target;
        const auto wanted = email.trimmed();
        if (wanted.isEmpty())
            return target;
        for (const auto &user : users) {
            if (Json::textAt(user, "email").trimmed().compare(wanted, Qt::CaseInsensitive) == 0) {
                target.projectsUserId = Json::textAt(user, "userId").toLower();
                target.name = Json::textAt(user, "name");
                break;
            }
        }
        return target;
    };
    if (email.trimmed().isEmpty()) {
        done(EmployeeTarget {}); // nothing to match: the validator names the missing address
        return;
    }
    if (lists && lists->usersLoaded) {
        done(pick(lists->users));
        return;
    }
    XeroRequest request;
    request.path = QStringLiteral("/projects.xro/2.0/ProjectsUsers");
    request.tenantId = tenantId;
    request.accessToken = accessToken;
    XeroPages::fetchAll(m_client, request, XeroPages::Projects, [=](Result<nlohmann::json> users) {
        if (!users) {
            done(std::unexpected(users.error()));
            return;
        }
        if (lists) {
            lists->users = *users;
            lists->usersLoaded = true;
        }
        done(pick(*users));
    });
}

void EmployeeDirectory::preload(const QString &tenantId, const QString &accessToken,
    std::shared_ptr<SharedLists> lists, std::function<void(Result<void>)> done)
{
    const auto base = QStringLiteral("/payroll.xro/2.0");
    get(base + QStringLiteral("/PayRunCalendars"), tenantId, accessToken,
        [=, this](XeroReply calendars) {
            if (calendars.error) {
                done(std::unexpected(*calendars.error));
                return;
            }
            get(base + QStringLiteral("/EarningsRates"), tenantId, accessToken,
                [=, this](XeroReply rates) {
                    if (rates.error) {
                        done(std::unexpected(*rates.error));
                        return;
                    }
                    XeroRequest request;
                    request.path = base + QStringLiteral("/Employees");
                    request.tenantId = tenantId;
                    request.accessToken = accessToken;
                    XeroPages::fetchAll(m_client, request, XeroPages::payroll2("employees"),
                        [=](Result<nlohmann::json> employees) {
                            if (!employees) {
                                done(std::unexpected(employees.error()));
                                return;
                            }
                            lists->calendars =
                                calendars.json.value("payRunCalendars", nlohmann::json::array());
                            lists->rates =
                                rates.json.value("earningsRates", nlohmann::json::array());
                            lists->loaded = true;
                            lists->employees.clear();
                            for (const auto &employee : *employees)
                                lists->employees.insert(
                                    Json::textAt(employee, "employeeID").toLower(), employee);
                            lists->employeesLoaded = true;
                            done({});
                        });
                });
        });
}

} // namespace XeroSync
