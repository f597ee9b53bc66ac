#include "chaosrig.h"

#include <QDate>
#include <QDeadlineTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QTest>

#include "core/common/systemclock.h"
#include "core/queue/queue.h"
#include "core/xero/oauthclient.h"
#include "core/xero/xeroendpoints.h"
#include "support/xerotesttokens.h"

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace XeroSync::Test {
namespace {
constexpr auto Admin = "chaos-admin";

QString str(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}
} // namespace

ChaosRig::ChaosRig()
    : m_redirect(u"http://127.0.0.1:1/chaos/callback"_s)
{ }

ChaosRig::~ChaosRig()
{
    for (auto &agent : m_agents)
        agent->kill();
    m_emulator.stop();
    m_db.reset();
}

Result<void> ChaosRig::start(const Options &options, int agents)
{
    auto services = m_services.start();
    if (!services)
        return std::unexpected(services.error());
    m_redisUrl = services->redisUrl;
    auto db = TestDatabase::createMigrated(services->databaseUrl, u"chaos"_s);
    if (!db)
        return std::unexpected(db.error());
    m_db = std::move(*db);

    if (auto started = m_emulator.start(); !started)
        return started;
    const Json app { { "clientId", "xerosync-web" }, { "type", "web" },
        { "clientSecret", "demo-web-secret" },
        { "redirectUris", Json::array({ m_redirect.toStdString() }) } };
    if (emulatorPost(u"/__emulator/apps"_s, app).status != 200)
        return fail(ErrorCode::Internal, u"the emulator refused the web app"_s);
    const Json limits { { "minuteLimit", options.callsPerMinute },
        { "dailyLimit", options.callsPerDay } };
    if (const auto reply = emulatorPost(u"/__emulator/config"_s, limits); reply.status != 200)
        return fail(ErrorCode::Internal, u"emulator config: "_s + QString::fromUtf8(reply.body));

    // The weekly staff of the AU organisation, read as any Xero client would.
    const auto endpoints = XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString());
    if (!endpoints)
        return std::unexpected(endpoints.error());
    const auto token = XeroTestTokens::customConnection(*endpoints);
    if (!token)
        return std::unexpected(token.error());
    const TestHttpClient::Headers bearer { { "Authorization", "Bearer " + token->toUtf8() },
        { "Xero-Tenant-Id", AuTenant } };
    const Json calendars =
        m_http.get(m_emulator.url(u"/payroll.xro/1.0/PayrollCalendars"_s), bearer).json();
    QString weekly;
    for (const auto &calendar : calendars.value("PayrollCalendars", Json::array())) {
        if (calendar.value("CalendarType", "") == "WEEKLY")
            weekly = str(calendar["PayrollCalendarID"]);
    }
    const Json employees =
        m_http.get(m_emulator.url(u"/payroll.xro/1.0/Employees"_s), bearer).json();
    for (const auto &employee : employees.value("Employees", Json::array())) {
        if (str(employee["PayrollCalendarID"]) == weekly
            && employee.value("Status", "") == "ACTIVE")
            m_staff.push_back({ str(employee["EmployeeID"]), {} });
    }
    if (weekly.isEmpty() || m_staff.size() < 10)
        return fail(ErrorCode::Internal,
            u"the emulator's seed has %1 active weekly employees"_s.arg(m_staff.size()));
    if (options.twoOrganisations) {
        if (auto uk = readUkStaff(); !uk)
            return uk;
    }

    const QString config =
        u"[http]\nport=0\n"
        "[workers]\nconcurrency=%1\ncatch_up_interval_ms=%2\nhealth_check_interval_ms=3600000\n"
        "shutdown_timeout_ms=5000\nlock_duration_ms=%3\nstalled_interval_ms=%4\n"
        "[xero]\ntoken_key_file=%5\ncalls_per_minute=%6\ncalls_per_day=%7\ntenant_id=%8\n"_s
            .arg(options.concurrency)
            .arg(options.catchUpIntervalMs)
            .arg(options.lockDurationMs)
            .arg(options.stalledIntervalMs)
            .arg(m_dir.filePath(u"token.key"_s))
            .arg(options.callsPerMinute)
            .arg(options.callsPerDay)
            // The emulator has two organisations; name the one to sync to, as an operator with
            // several must (the default, "the first connected", can change on a reconnect).
            .arg(QLatin1StringView(AuTenant));
    for (int i = 0; i < agents; ++i) {
        auto agent = std::make_unique<AgentProcess>();
        QProcessEnvironment &env = agent->environment();
        env.insert(u"REDIS_URL"_s, m_redisUrl);
        env.insert(u"DATABASE_URL"_s, m_db->url());
        env.insert(u"XERO_ENVIRONMENT"_s, u"sandbox"_s);
        env.insert(u"XERO_BASE_URL"_s, m_emulator.baseUrl().toString());
        env.insert(u"XERO_CLIENT_ID"_s, u"xerosync-web"_s);
        env.insert(u"XERO_CLIENT_SECRET"_s, u"demo-web-secret"_s);
        env.insert(u"XERO_REDIRECT_URI"_s, m_redirect);
        agent->setConfig(config.toUtf8());
        m_agents.push_back(std::move(agent));
    }
    const auto admin = m_agents.front()->run({ u"token"_s, u"create"_s, u"--name"_s,
        QString::fromLatin1(Admin), u"--role"_s, u"admin"_s });
    if (admin.exitCode != 0)
        return fail(ErrorCode::Internal, u"token create: "_s + QString::fromUtf8(admin.err));
    m_adminToken = QString::fromUtf8(admin.out).trimmed();
    return {};
}

Result<void> ChaosRig::connectXero(int index)
{
    AgentProcess &agent = *m_agents.at(size_t(index));
    const TestHttpClient::Headers auth { { "Authorization", "Bearer " + m_adminToken.toUtf8() } };
    const auto connect = m_http.get(agent.url(u"/api/xero/connect?redirect=false"_s), auth);
    if (connect.status != 200)
        return fail(ErrorCode::Internal, u"connect: "_s + QString::fromUtf8(connect.body));
    // The emulator consents at once and sends the browser to the redirect URI, which we follow
    // by hand to the agent's callback.
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(str(connect.json()["authorizeUrl"])));
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10'000))
        return fail(ErrorCode::Timeout, u"the emulator's authorize did not answer"_s);
    const QUrl back(QString::fromUtf8(reply->rawHeader("Location")));
    const auto callback =
        m_http.get(agent.url(u"/api/xero/callback?"_s + back.query(QUrl::FullyEncoded)));
    if (callback.status != 200)
        return fail(ErrorCode::Internal, u"callback: "_s + QString::fromUtf8(callback.body));
    return {};
}

Result<void> ChaosRig::readUkStaff()
{
    const auto endpoints = XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString());
    if (!endpoints)
        return std::unexpected(endpoints.error());
    // The custom connection reaches the AU organisation only; a user's consent reaches both.
    OAuthClient oauth(*endpoints,
        OAuthSettings { u"xerosync-desktop"_s, {}, u"http://localhost:8750/oauth/callback"_s,
            { u"offline_access"_s, u"payroll.employees"_s, u"payroll.settings"_s } },
        SystemClock::shared());
    const auto tokens = XeroTestTokens::connectWithPkce(oauth);
    if (!tokens)
        return std::unexpected(tokens.error());
    const TestHttpClient::Headers bearer { { "Authorization",
                                               "Bearer " + tokens->accessToken.toUtf8() },
        { "Xero-Tenant-Id", UkTenant } };
    const Json calendars =
        m_http.get(m_emulator.url(u"/payroll.xro/2.0/PayRunCalendars"_s), bearer).json();
    QString weekly;
    for (const auto &calendar : calendars.value("payRunCalendars", Json::array())) {
        if (calendar.value("calendarType", "") == "Weekly")
            weekly = str(calendar["payrollCalendarID"]);
    }
    const Json employees =
        m_http.get(m_emulator.url(u"/payroll.xro/2.0/Employees"_s), bearer).json();
    int found = 0;
    for (const auto &employee : employees.value("employees", Json::array())) {
        if (!weekly.isEmpty() && str(employee["payrollCalendarID"]) == weekly
            && !employee.contains("endDate")) {
            m_staff.push_back({ str(employee["employeeID"]), QString::fromLatin1(UkTenant) });
            ++found;
        }
    }
    if (found < 4)
        return fail(ErrorCode::Internal,
            u"the emulator's UK organisation has %1 weekly employees"_s.arg(found));
    return {};
}

HttpReply ChaosRig::xeroGet(const QString &path)
{
    const auto endpoints = XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString());
    const auto token = endpoints ? XeroTestTokens::customConnection(*endpoints)
                                 : Result<QString>(std::unexpected(endpoints.error()));
    if (!token)
        return {};
    return m_http.get(m_emulator.url(path),
        { { "Authorization", "Bearer " + token->toUtf8() }, { "Xero-Tenant-Id", AuTenant } });
}

Result<QStringList> ChaosRig::seed(int count)
{
    QStringList ids;
    const int staff = int(m_staff.size());
    const QDate firstMonday(2026, 1, 5); // the emulator's calendars start here
    auto done = m_db->database().transaction([&]() -> Result<void> {
        for (int i = 0; i < staff; ++i) {
            const Person &person = m_staff[size_t(i)];
            if (auto q = m_db->database().exec(
                    u"INSERT INTO employees (id, name, xero_employee_id, xero_tenant_id)"
                    " VALUES (?, ?, ?, ?)"_s,
                    { u"chaos-%1"_s.arg(i), u"Chaos Person %1"_s.arg(i), person.xeroEmployeeId,
                        person.tenantId.isEmpty() ? QVariant() : QVariant(person.tenantId) });
                !q)
                return std::unexpected(q.error());
        }
        for (int n = 0; n < count; ++n) {
            const int person = n % staff;
            const int week = n / staff;
            const QDate start = firstMonday.addDays(7 * week);
            const QString id = u"CH-%1-%2"_s.arg(start.toString(u"yyyyMMdd"_s)).arg(person);
            if (auto q = m_db->database().exec(
                    u"INSERT INTO timesheet_submissions (id, user_id, period_start, period_end) "
                    "VALUES (?, ?, ?, ?)"_s,
                    { id, u"chaos-%1"_s.arg(person), start, start.addDays(6) });
                !q)
                return std::unexpected(q.error());
            for (int day = 0; day < 5; ++day) {
                // 6.0 to 8.0 hours in half hours, different per person, week and day.
                const double hours = 6.0 + ((person * 7 + week * 3 + day) % 5) * 0.5;
                if (auto q = m_db->database().exec(
                        u"INSERT INTO timesheet_entries (submission_id, work_date, hours) "
                        "VALUES (?, ?, ?)"_s,
                        { id, start.addDays(day), hours });
                    !q)
                    return std::unexpected(q.error());
            }
            ids << id;
        }
        return {};
    });
    if (!done)
        return std::unexpected(done.error());
    return ids;
}

Result<void> ChaosRig::approve(const QStringList &ids)
{
    if (!m_sinceFirstApproval.isValid())
        m_sinceFirstApproval.start();
    auto q = m_db->database().exec(
        u"UPDATE timesheet_submissions SET status = 'APPROVED', approved_by = 'manager', "
        "approved_at = now() WHERE id = ANY(string_to_array(?, ','))"_s,
        { ids.join(u',') });
    if (!q)
        return std::unexpected(q.error());
    return {};
}

Result<QVariant> ChaosRig::scalar(const QString &sql, const QVariantList &binds)
{
    auto q = m_db->database().exec(sql, binds);
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, u"no row: "_s + sql);
    return q->value(0);
}

Result<void> ChaosRig::waitSettled(int timeoutMs)
{
    auto redis = RedisConfig::fromUrl(m_redisUrl);
    if (!redis)
        return std::unexpected(redis.error());
    Queue queue(*redis, QueueSettings {});
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const auto unsynced = scalar(
            u"SELECT count(*) FROM timesheet_submissions s WHERE s.status = 'APPROVED' AND NOT "
            "EXISTS (SELECT 1 FROM xero_sync_state x WHERE x.submission_id = s.id AND x.status = "
            "'SYNCED')"_s);
        if (unsynced && unsynced->toInt() == 0) {
            const auto counts = queue.counts();
            if (counts
                && counts->waiting + counts->active + counts->delayed + counts->paused == 0) {
                qInfo().noquote() << u"settled %1 s after the first approval"_s.arg(
                    m_sinceFirstApproval.elapsed() / 1000.0, 0, 'f', 1);
                return {};
            }
        }
        QTest::qWait(250);
    }
    return fail(ErrorCode::Timeout, u"not settled: "_s + diagnostics());
}

Result<void> ChaosRig::verify()
{
    struct Expected
    {
        QString employee;
        QString start;
        double hours = 0;
        int found = 0;
    };

    std::map<QString, Expected> expected; // by employee|start
    auto q = m_db->database().exec(
        u"SELECT coalesce(e.xero_tenant_id, ?) || '|' || e.xero_employee_id,"
        " to_char(s.period_start, 'YYYY-MM-DD'), "
        "(SELECT sum(hours) FROM timesheet_entries t WHERE t.submission_id = s.id), s.id "
        "FROM timesheet_submissions s JOIN employees e ON e.id = s.user_id "
        "WHERE s.status = 'APPROVED'"_s,
        { QString::fromLatin1(AuTenant) });
    if (!q)
        return std::unexpected(q.error());
    while (q->next()) {
        const QString key = q->value(0).toString() + u'|' + q->value(1).toString();
        expected[key] = { q->value(0).toString(), q->value(1).toString(), q->value(2).toDouble() };
    }
    if (expected.empty())
        return fail(ErrorCode::Internal, u"nothing was approved"_s);

    QStringList problems;
    for (const char *tenant : { AuTenant, UkTenant }) {
        const Json xero =
            emulatorGet(u"/__emulator/tenants/%1/timesheets"_s.arg(QLatin1StringView(tenant)));
        if (xero.value("duplicateCreates", -1) != 0)
            problems << u"Xero saw %1 duplicate creates in %2"_s
                            .arg(xero.value("duplicateCreates", -1))
                            .arg(QLatin1StringView(tenant));
        // Keyed by organisation too: a timesheet in the wrong one counts as missing.
        for (const auto &sheet : xero.value("timesheets", Json::array())) {
            const QString key = QLatin1StringView(tenant) + u'|' + str(sheet["employeeID"]) + u'|'
                + str(sheet["startDate"]).left(10);
            auto it = expected.find(key);
            if (it == expected.end())
                continue; // not one of ours (the seed's own)
            ++it->second.found;
            const double hours = sheet.value("totalHours", 0.0);
            if (std::abs(hours - it->second.hours) > 0.001)
                problems << u"%1: %2 h in Xero, %3 h approved"_s.arg(key).arg(hours).arg(
                    it->second.hours);
        }
    }
    int missing = 0;
    int doubled = 0;
    for (const auto &[key, want] : expected) {
        missing += want.found == 0 ? 1 : 0;
        doubled += want.found > 1 ? 1 : 0;
    }
    if (missing)
        problems << u"%1 of %2 approved timesheets are not in Xero"_s.arg(missing).arg(
            expected.size());
    if (doubled)
        problems << u"%1 timesheets are in Xero more than once"_s.arg(doubled);

    const auto notSuccess = scalar(
        u"SELECT count(*) FROM timesheet_submissions s WHERE s.status = 'APPROVED' AND "
        "coalesce((SELECT l.status FROM xero_sync_log l WHERE l.submission_id = s.id AND "
        "l.operation = 'sync-timesheet' ORDER BY l.id DESC LIMIT 1), 'none') <> 'SUCCESS'"_s);
    if (!notSuccess)
        return std::unexpected(notSuccess.error());
    if (notSuccess->toInt() != 0)
        problems << u"%1 approved timesheets have no SUCCESS as their last log row"_s.arg(
            notSuccess->toInt());
    const auto running =
        scalar(u"SELECT count(*) FROM xero_sync_log WHERE status IN ('RUNNING', 'PENDING')"_s);
    if (running && running->toInt() != 0)
        problems << u"%1 log rows are left RUNNING or PENDING"_s.arg(running->toInt());
    if (!problems.isEmpty())
        return fail(ErrorCode::Internal, problems.join(u"; "_s));
    return {};
}

QStringList ChaosRig::leakedSecrets()
{
    QByteArrayList secrets { m_adminToken.toUtf8(), QByteArrayLiteral("demo-web-secret") };
    const Json state = emulatorGet(u"/__emulator/state"_s);
    const std::function<void(const Json &)> collect = [&](const Json &node) {
        if (!node.is_object() && !node.is_array())
            return;
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (node.is_object() && (it.key() == "accessTokens" || it.key() == "refreshTokens")
                && it->is_object()) {
                for (auto token = it->begin(); token != it->end(); ++token)
                    secrets << QByteArray::fromStdString(token.key());
            }
            collect(*it);
        }
    };
    collect(state);
    QStringList leaked;
    for (size_t i = 0; i < m_agents.size(); ++i) {
        const QByteArray log = m_agents[i]->log();
        for (const QByteArray &secret : std::as_const(secrets)) {
            // The last 16 characters: a token cut short in a log line is still a leak.
            if (secret.size() >= 16 && log.contains(secret.right(16)))
                leaked << u"agent %1 logged %2…"_s.arg(i).arg(QString::fromUtf8(secret.left(6)));
        }
    }
    if (secrets.size() < 3)
        leaked << u"the emulator issued no tokens, so the check proved nothing"_s;
    return leaked;
}

HttpReply ChaosRig::emulatorPost(const QString &path, const Json &body)
{
    return m_http.postJson(m_emulator.url(path), body);
}

Json ChaosRig::emulatorGet(const QString &path)
{
    return m_http.get(m_emulator.url(path)).json();
}

QString ChaosRig::diagnostics()
{
    const auto rowsOf = [this](const QString &jobId) {
        QStringList rows;
        if (auto q = m_db->database().exec(
                u"SELECT id, status, coalesce(error, '') FROM xero_sync_log WHERE job_id = ? ORDER BY id"_s,
                { jobId })) {
            while (q->next())
                rows << u"%1 %2 %3"_s.arg(q->value(0).toString(), q->value(1).toString(),
                    q->value(2).toString().left(80));
        }
        return rows.join(u" | "_s);
    };
    QStringList parts;
    if (auto states = m_db->database().exec(
            u"SELECT status, count(*) FROM xero_sync_state GROUP BY status"_s)) {
        while (states->next())
            parts
                << u"state %1: %2"_s.arg(states->value(0).toString()).arg(states->value(1).toInt());
    }
    if (auto errors = m_db->database().exec(
            u"SELECT count(*), left(error, 200) FROM xero_sync_log WHERE error IS NOT NULL "
            "GROUP BY 2 ORDER BY 1 DESC LIMIT 5"_s)) {
        while (errors->next())
            parts << u"%1 x %2"_s.arg(errors->value(0).toInt()).arg(errors->value(1).toString());
    }
    if (auto redis = RedisConfig::fromUrl(m_redisUrl)) {
        Queue queue(*redis, QueueSettings {});
        if (const auto c = queue.counts())
            parts << u"queue waiting %1 active %2 delayed %3 failed %4"_s.arg(c->waiting)
                         .arg(c->active)
                         .arg(c->delayed)
                         .arg(c->failed);
        if (const auto active = queue.jobs(JobState::Active, 0, 5)) {
            for (const Job &job : *active)
                parts << u"active job %1 attempts %2 data %3"_s.arg(job.id)
                             .arg(job.attemptsMade)
                             .arg(QString::fromStdString(job.data.dump()))
                        + u" log rows: "_s + rowsOf(job.id);
        }
    }
    if (qEnvironmentVariableIsSet("XEROSYNC_CHAOS_HOLD")) {
        qWarning().noquote() << "holding for a look:" << m_redisUrl << m_db->url();
        QTest::qWait(qEnvironmentVariableIntValue("XEROSYNC_CHAOS_HOLD") * 1000);
    }
    if (qEnvironmentVariableIsSet("XEROSYNC_CHAOS_LOGS")) {
        for (size_t i = 0; i < m_agents.size(); ++i) {
            QFile out(qEnvironmentVariable("XEROSYNC_CHAOS_LOGS") + u"/agent-%1.log"_s.arg(i));
            if (out.open(QIODevice::WriteOnly))
                out.write(m_agents[i]->log());
        }
    }
    for (size_t i = 0; i < m_agents.size(); ++i)
        parts << u"agent %1 log tail:\n%2"_s.arg(i).arg(
            QString::fromUtf8(m_agents[i]->log().right(1500)));
    return parts.join(u"\n"_s);
}

} // namespace XeroSync::Test
