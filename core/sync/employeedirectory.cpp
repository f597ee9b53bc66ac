#include "employeedirectory.h"

#include "core/common/json.h"

namespace XeroSync {

namespace {

QString text(const nlohmann::json &json, const char *key)
{
    return Json::stringAt(json, key).value_or(QString());
}

} // namespace

EmployeeDirectory::EmployeeDirectory(XeroClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

void EmployeeDirectory::get(const QString &path, const QString &tenantId,
    const QString &accessToken, std::function<void(XeroReply)> next)
{
    XeroRequest request;
    request.path = path;
    request.tenantId = tenantId;
    request.accessToken = accessToken;
    m_client.send(request, std::move(next));
}

void EmployeeDirectory::resolve(const QString &xeroEmployeeId, const QString &preferredRateId,
    PayrollTarget api, const QString &tenantId, const QString &accessToken, Callback done)
{
    auto target = std::make_shared<EmployeeTarget>();
    target->xeroEmployeeId = xeroEmployeeId;
    const bool au1 = api == PayrollTarget::PayrollAu1;
    const auto base = au1 ? QStringLiteral("/payroll.xro/1.0") : QStringLiteral("/payroll.xro/2.0");
    // A 404 for the employee is a finding, not a failure: the mapping points nowhere.
    get(base + QStringLiteral("/Employees/") + xeroEmployeeId, tenantId, accessToken,
        [=, this](XeroReply employeeReply) {
            if (employeeReply.status == 404) {
                target->xeroEmployeeId.clear();
                done(*target);
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
            target->name = text(employee, au1 ? "FirstName" : "firstName") + QLatin1Char(' ')
                + text(employee, au1 ? "LastName" : "lastName");
            target->active = !au1 || text(employee, "Status") != QLatin1String("TERMINATED");
            target->startDate =
                PayCalendar::dateFromXero(text(employee, au1 ? "StartDate" : "startDate"))
                    .value_or(QDate());
            target->terminationDate =
                PayCalendar::dateFromXero(text(employee, au1 ? "TerminationDate" : "endDate"))
                    .value_or(QDate());
            if (!target->terminationDate.isNull())
                target->active = true; // judged per period by the validator
            const auto calendarId = text(employee, au1 ? "PayrollCalendarID" : "payrollCalendarID");
            QStringList onTemplate;
            for (const auto &line : employee.value("PayTemplate", nlohmann::json::object())
                                        .value("EarningsLines", nlohmann::json::array()))
                onTemplate << text(line, "EarningsRateID").toLower();
            const auto ordinary = text(employee, "OrdinaryEarningsRateID").toLower();
            get(base
                    + (au1 ? QStringLiteral("/PayrollCalendars")
                           : QStringLiteral("/PayRunCalendars")),
                tenantId, accessToken, [=, this](XeroReply calendars) {
                    if (calendars.error) {
                        done(std::unexpected(*calendars.error));
                        return;
                    }
                    for (const auto &c :
                        calendars.json.value(au1 ? "PayrollCalendars" : "payRunCalendars",
                            nlohmann::json::array())) {
                        if (text(c, au1 ? "PayrollCalendarID" : "payrollCalendarID") != calendarId)
                            continue;
                        target->calendar.id = calendarId;
                        target->calendar.type =
                            PayCalendar::typeFrom2(text(c, au1 ? "CalendarType" : "calendarType"));
                        target->calendar.startDate = PayCalendar::dateFromXero(
                            text(c, au1 ? "StartDate" : "periodStartDate"))
                                                         .value_or(QDate());
                        target->calendar.referenceDate =
                            PayCalendar::dateFromXero(text(c, "ReferenceDate")).value_or(QDate());
                    }
                    get(base
                            + (au1 ? QStringLiteral("/PayItems")
                                   : QStringLiteral("/EarningsRates")),
                        tenantId, accessToken, [=](XeroReply rates) {
                            if (rates.error) {
                                done(std::unexpected(*rates.error));
                                return;
                            }
                            const auto list = au1
                                ? rates.json.value("PayItems", nlohmann::json::object())
                                      .value("EarningsRates", nlohmann::json::array())
                                : rates.json.value("earningsRates", nlohmann::json::array());
                            QString firstRegular;
                            for (const auto &rate : list) {
                                const auto id =
                                    text(rate, au1 ? "EarningsRateID" : "earningsRateID").toLower();
                                const auto type =
                                    text(rate, au1 ? "RateType" : "rateType").toUpper();
                                const bool current =
                                    rate.value(au1 ? "CurrentRecord" : "currentRecord", true);
                                const bool usable = current && type != QLatin1String("FIXEDAMOUNT");
                                // AU rates must also be on the employee's pay template (research
                                // §6).
                                if (usable && (!au1 || onTemplate.contains(id) || id == ordinary))
                                    target->validEarningsRateIds << id;
                                if (usable && firstRegular.isEmpty()
                                    && text(rate, au1 ? "EarningsType" : "earningsType")
                                           .toUpper()
                                           .contains(QLatin1String("REGULAR")))
                                    firstRegular = id;
                            }
                            target->defaultEarningsRateId = !preferredRateId.isEmpty()
                                ? preferredRateId.toLower()
                                : au1 ? ordinary
                                      : firstRegular;
                            done(*target);
                        });
                });
        });
}

} // namespace XeroSync
