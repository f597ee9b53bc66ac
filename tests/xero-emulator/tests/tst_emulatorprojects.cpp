#include <QTest>

#include "emulatorfixture.h"
#include "support/testhelpers.h"

using namespace XeroSync::Test;
using Json = nlohmann::json;

//! Projects time entries against a running emulator (research §7, §12 item 17).
class TestEmulatorProjects : public QObject
{
    Q_OBJECT

private:
    EmulatorFixture m_emulator;
    std::string m_token;
    std::string m_project;
    std::string m_otherProject;
    std::string m_task;
    std::string m_otherTask;
    std::string m_user;

    HttpReply call(const QByteArray &method, const QString &path, const Json &body = nullptr)
    {
        return m_emulator.api(method, QStringLiteral("/projects.xro/2.0") + path,
            EmulatorFixture::AuTenant, m_token, body);
    }

    Json entry(int minutes) const
    {
        return Json { { "userId", m_user }, { "taskId", m_task },
            { "dateUtc", "2026-11-23T09:00:00Z" }, { "duration", minutes },
            { "description", "Sanding" } };
    }

    QString timePath() const
    {
        return QStringLiteral("/Projects/%1/Time").arg(QString::fromStdString(m_project));
    }

private Q_SLOTS:

    void initTestCase() { QVERIFY_RESULT(m_emulator.start()); }

    void init()
    {
        QCOMPARE(m_emulator.control("POST", QStringLiteral("reset")).status, 200);
        m_token = m_emulator.customToken();
        const auto projects = call("GET", QStringLiteral("/Projects")).json();
        QCOMPARE(projects["items"].size(), 2u);
        m_project = projects["items"][0]["projectId"].get<std::string>();
        m_otherProject = projects["items"][1]["projectId"].get<std::string>();
        m_task =
            call("GET", QStringLiteral("/Projects/%1/Tasks").arg(QString::fromStdString(m_project)))
                .json()["items"][0]["taskId"]
                .get<std::string>();
        m_otherTask = call(
            "GET", QStringLiteral("/Projects/%1/Tasks").arg(QString::fromStdString(m_otherProject)))
                          .json()["items"][0]["taskId"]
                          .get<std::string>();
        m_user = call("GET", QStringLiteral("/ProjectsUsers"))
                     .json()["items"][0]["userId"]
                     .get<std::string>();
    }

    void cleanupTestCase()
    {
        QVERIFY(m_emulator.checkedCount() > 20);
        QVERIFY_CONFORMS(m_emulator);
    }

    void timeEntryLifecycle()
    {
        auto reply = call("POST", timePath(), entry(90));
        QCOMPARE(reply.status, 200);
        const auto created = reply.json();
        QCOMPARE(created["duration"].get<int>(), 90);
        QCOMPARE(created["status"].get<std::string>(), std::string("ACTIVE"));
        const auto id = QString::fromStdString(created["timeEntryId"].get<std::string>());
        const QString path = timePath() + QStringLiteral("/") + id;
        QCOMPARE(
            call("GET", path).json()["description"].get<std::string>(), std::string("Sanding"));
        QCOMPARE(call("GET", QStringLiteral("/Projects/") + QString::fromStdString(m_project))
                     .json()["minutesLogged"]
                     .get<int>(),
            90);

        // PUT answers 204; a missing description becomes null (research §7).
        auto update = entry(120);
        update.erase("description");
        reply = call("PUT", path, update);
        QCOMPARE(reply.status, 204);
        QVERIFY(reply.body.isEmpty());
        const auto read = call("GET", path).json();
        QCOMPARE(read["duration"].get<int>(), 120);
        QVERIFY(read["description"].is_null());

        QCOMPARE(
            call("GET", timePath() + QStringLiteral("?userId=") + QString::fromStdString(m_user))
                .json()["items"]
                .size(),
            1u);
        QCOMPARE(call("GET", timePath() + QStringLiteral("?dateAfterUtc=2026-11-24T00:00:00Z"))
                     .json()["items"]
                     .size(),
            0u);
        QCOMPARE(call("GET", timePath() + QStringLiteral("?pageSize=501")).status, 400);

        QCOMPARE(call("DELETE", path).status, 204);
        QCOMPARE(call("GET", path).status, 404);
    }

    void validation_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("key");
        QTest::newRow("zero minutes") << "zero"
                                      << "model.Duration";
        QTest::newRow("over 59,940 minutes") << "long"
                                             << "model.Duration";
        QTest::newRow("fractional minutes") << "fraction"
                                            << "model.Duration";
        QTest::newRow("task of another project") << "task"
                                                 << "model.TaskId";
        QTest::newRow("unknown user") << "user"
                                      << "model.UserId";
        QTest::newRow("no date") << "date"
                                 << "model.DateUtc";
    }

    void validation()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, key);
        auto body = entry(30);
        if (scenario == QLatin1String("zero"))
            body["duration"] = 0;
        else if (scenario == QLatin1String("long"))
            body["duration"] = 59'941;
        else if (scenario == QLatin1String("fraction"))
            body["duration"] = 1.5;
        else if (scenario == QLatin1String("task"))
            body["taskId"] = m_otherTask;
        else if (scenario == QLatin1String("user"))
            body["userId"] = "00000000-0000-4000-8000-000000000000";
        else if (scenario == QLatin1String("date"))
            body.erase("dateUtc");
        const auto reply = call("POST", timePath(), body);
        QCOMPARE(reply.status, 400);
        const auto json = reply.json();
        QCOMPARE(json["message"].get<std::string>(), std::string("The request is invalid."));
        QVERIFY2(json["modelState"].contains(key.toStdString()), reply.body.constData());
        QCOMPARE(m_emulator
                     .control("GET",
                         QStringLiteral("tenants/%1/time-entries")
                             .arg(QString::fromLatin1(EmulatorFixture::AuTenant)))
                     .json()["count"]
                     .get<int>(),
            0);
        // The limits themselves are accepted.
        QCOMPARE(call("POST", timePath(), entry(1)).status, 200);
        QCOMPARE(call("POST", timePath(), entry(59'940)).status, 200);
    }

    void lockedAndInvoicedEntriesAreImmutable()
    {
        for (const char *event : { "lock-time-entry", "invoice-time-entry" }) {
            const auto id =
                call("POST", timePath(), entry(45)).json()["timeEntryId"].get<std::string>();
            QCOMPARE(m_emulator
                         .control("POST", QStringLiteral("events"),
                             Json { { "type", event }, { "tenantId", EmulatorFixture::AuTenant },
                                 { "timeEntryId", id } })
                         .status,
                200);
            const QString path = timePath() + QStringLiteral("/") + QString::fromStdString(id);
            auto reply = call("PUT", path, entry(50));
            QCOMPARE(reply.status, 400);
            QVERIFY(reply.json()["message"].get<std::string>().find("cannot be changed")
                != std::string::npos);
            QCOMPARE(call("DELETE", path).status, 400);
            QCOMPARE(call("GET", path).json()["duration"].get<int>(), 45);
        }
    }

    void notProvisionedAndScopes()
    {
        // A token without the projects scope.
        const auto payrollOnly =
            m_emulator.authorize(QStringLiteral("offline_access payroll.timesheets"));
        const auto reply = m_emulator.api("GET", QStringLiteral("/projects.xro/2.0/Projects"),
            EmulatorFixture::AuTenant, payrollOnly.access);
        QCOMPARE(reply.status, 403);
        // An organisation without Xero Projects: 401 (research §7).
        auto seed = m_emulator.control("GET", QStringLiteral("state")).json();
        auto tenant = seed["tenants"][0];
        tenant["projectsEnabled"] = false;
        QCOMPARE(m_emulator
                     .control("POST", QStringLiteral("seed"),
                         Json { { "tenants", Json::array({ tenant }) } })
                     .status,
            200);
        const auto unprovisioned = call("GET", QStringLiteral("/Projects"));
        QCOMPARE(unprovisioned.status, 401);
        QVERIFY(unprovisioned.json()["Detail"].get<std::string>().find("Projects")
            != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorProjects)
#include "tst_emulatorprojects.moc"
