#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "app/models/jobsmodel.h"
#include "app/net/agentclient.h"
#include "app/secrets/secretstore.h"
#include "app/ui/batchsyncdialog.h"
#include "app/ui/jobspage.h"
#include "app/ui/mainwindow.h"
#include "app/ui/manualsyncdialog.h"
#include "app/ui/overviewpage.h"
#include "app/ui/statustile.h"
#include "app/ui/synclogpage.h"
#include "app/ui/xeropage.h"
#include "core/api/routes.h"
#include "fakeagent.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;
using Json = nlohmann::json;

namespace {

//! Keeps secrets in memory: the keychain itself has its own test (tst_keychainsecretstore).
class MemorySecretStore final : public SecretStore
{
public:
    QHash<QString, QString> values;

    void read(const QString &key, ReadCallback done) override
    {
        if (values.contains(key))
            done(values[key]);
        else
            done(fail(ErrorCode::NotFound, u"no entry"_s));
    }

    void write(const QString &key, const QString &secret, WriteCallback done) override
    {
        values[key] = secret;
        done({});
    }

    void remove(const QString &key, WriteCallback done) override
    {
        values.remove(key);
        done({});
    }
};

} // namespace

//! The dashboard's controls against an in-process fake agent: each control sends the right call,
//! a refusing agent's error is shown, a viewer token disables the admin controls, and the
//! connection states (token rejected, unreachable) are told apart.
class TestDashboardControls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeAgent> m_agent;
    std::unique_ptr<QSettings> m_settings;
    MemorySecretStore m_secrets;
    std::unique_ptr<MainWindow> m_window;
    int m_confirmations = 0;
    QString m_lastConfirmation;
    bool m_confirmAnswer = true;

    void openWindow(const QString &role)
    {
        m_agent->setRole(role);
        m_window = std::make_unique<MainWindow>(&m_secrets, m_settings.get());
        m_window->setConfirm([this](const QString &, const QString &text) {
            ++m_confirmations;
            m_lastConfirmation = text;
            return m_confirmAnswer;
        });
        m_window->show();
        m_window->connectTo(AgentProfile { u"fake"_s, QUrl(m_agent->url()), {} }, u"xs_test"_s);
        QTRY_COMPARE(m_window->client()->state(), AgentClient::State::Connected);
    }

private slots:

    void init()
    {
        m_agent = std::make_unique<FakeAgent>();
        QVERIFY(m_agent->listen() > 0);
        m_settings =
            std::make_unique<QSettings>(m_dir.filePath(u"dashboard.ini"_s), QSettings::IniFormat);
        m_confirmations = 0;
        m_confirmAnswer = true;
    }

    void cleanup()
    {
        m_window.reset();
        m_agent.reset();
    }

    void sendsTheToken()
    {
        openWindow(u"admin"_s);
        QVERIFY(!m_agent->requests().isEmpty());
        for (const auto &request : m_agent->requests())
            QCOMPARE(request.authorization, QByteArray("Bearer xs_test"));
    }

    void overviewShowsStatusAndStats()
    {
        openWindow(u"admin"_s);
        OverviewPage *overview = m_window->overview();
        QTRY_COMPARE(overview->countText(u"waiting"_s), QLocale().toString(12));
        QCOMPARE(overview->countText(u"failed"_s), QLocale().toString(4));
        QTRY_VERIFY(
            overview->statText(u"successRate"_s).startsWith(QLocale().toString(98.5, 'f', 1)));
        QVERIFY(overview->tile(u"redis"_s)->value() == OverviewPage::tr("Up"));
    }

    void viewerTokenDisablesAdminControls()
    {
        openWindow(u"viewer"_s);
        QVERIFY(!m_window->pauseAction()->isEnabled());
        QVERIFY(!m_window->manualSyncAction()->isEnabled());
        QVERIFY(!m_window->batchSyncAction()->isEnabled());
        QVERIFY(m_window->pauseAction()->toolTip().contains(u"viewer"_s));
        QVERIFY(m_window->bannerText().contains(u"viewer token"_s));
        m_window->jobs()->refresh();
        QTRY_COMPARE(m_window->jobs()->model()->rowCount(), 2);
        auto *retryAll = m_window->jobs()->findChild<QPushButton *>(u"retryAllFailed"_s);
        QVERIFY(retryAll);
        QVERIFY(!retryAll->isEnabled());
        QVERIFY(retryAll->toolTip().contains(u"viewer"_s));
        auto *connect = m_window->xero()->findChild<QPushButton *>(u"connectXero"_s);
        QVERIFY(!connect->isEnabled());
    }

    void adminTokenEnablesControls()
    {
        openWindow(u"admin"_s);
        QVERIFY(m_window->pauseAction()->isEnabled());
        QVERIFY(m_window->manualSyncAction()->isEnabled());
        QVERIFY(m_window->bannerText().isEmpty());
    }

    void pauseAsksThenSendsPause()
    {
        openWindow(u"admin"_s);
        QTRY_VERIFY(
            !m_agent->requestsTo(QString::fromLatin1(Routes::QueueStatus), u"GET"_s).isEmpty());
        m_confirmAnswer = false;
        m_window->togglePause();
        QCOMPARE(m_confirmations, 1);
        QVERIFY(m_agent->requestsTo(QString::fromLatin1(Routes::QueueStatus), u"POST"_s).isEmpty());
        m_confirmAnswer = true;
        m_window->togglePause();
        QTRY_COMPARE(
            m_agent->requestsTo(QString::fromLatin1(Routes::QueueStatus), u"POST"_s).size(), 1);
        QVERIFY((m_agent->requestsTo(QString::fromLatin1(Routes::QueueStatus), u"POST"_s)[0]
                        .body["action"])
            == "pause");
        QTRY_VERIFY(m_window->isPaused());
        QCOMPARE(m_window->pauseAction()->text(), MainWindow::tr("Resume syncing"));
        // Resuming needs no confirmation.
        m_window->togglePause();
        QTRY_COMPARE(
            m_agent->requestsTo(QString::fromLatin1(Routes::QueueStatus), u"POST"_s).size(), 2);
        QVERIFY((m_agent->requestsTo(QString::fromLatin1(Routes::QueueStatus), u"POST"_s)[1]
                        .body["action"])
            == "resume");
        QCOMPARE(m_confirmations, 2);
    }

    void manualSyncSendsIdsAndPriority()
    {
        openWindow(u"admin"_s);
        ManualSyncDialog dialog(m_window->client(), { u"TS-1"_s });
        dialog.setSubmissionIds({ u"TS-1"_s, u"TS-2"_s, u"TS-1"_s });
        dialog.setPriority(u"high"_s);
        QSignalSpy submitted(&dialog, &ManualSyncDialog::submitted);
        dialog.submit();
        QTRY_COMPARE(submitted.size(), 1);
        const auto calls = m_agent->requestsTo(QString::fromLatin1(Routes::ManualSync), u"POST"_s);
        QCOMPARE(calls.size(), 1);
        QVERIFY((calls[0].body["submissionIds"]) == Json::array({ "TS-1", "TS-2" }));
        QVERIFY((calls[0].body["priority"]) == "high");
        QVERIFY(dialog.resultText().contains(u"queued"_s));
    }

    void refusalIsShownWithTheField()
    {
        openWindow(u"admin"_s);
        m_agent->setHandler(
            [](const FakeAgent::Request &request) -> std::optional<FakeAgent::Answer> {
                if (request.path == QLatin1String(Routes::ManualSync))
                    return FakeAgent::Answer { 400,
                        { { "error",
                            { { "code", "bad_request" },
                                { "message", "at most 500 submission ids" },
                                { "field", "submissionIds" } } } } };
                return std::nullopt;
            });
        ManualSyncDialog dialog(m_window->client(), { u"TS-9"_s });
        dialog.submit();
        QTRY_VERIFY(dialog.resultText().contains(u"at most 500 submission ids"_s));
        QVERIFY(dialog.resultText().contains(u"submissionIds"_s));
    }

    void emptyManualSyncIsRefusedLocally()
    {
        openWindow(u"admin"_s);
        ManualSyncDialog dialog(m_window->client(), {});
        dialog.submit();
        QVERIFY(!dialog.resultText().isEmpty());
        QVERIFY(m_agent->requestsTo(QString::fromLatin1(Routes::ManualSync)).isEmpty());
    }

    void retryAllNamesTheCountAndSendsTheAction()
    {
        openWindow(u"admin"_s);
        JobsPage *jobs = m_window->jobs();
        jobs->refresh();
        QTRY_COMPARE(jobs->model()->totalInState(), 2);
        m_confirmAnswer = false;
        jobs->clearFailed();
        QCOMPARE(m_confirmations, 1);
        QVERIFY(m_lastConfirmation.contains(u"2"_s));
        QVERIFY(m_agent->requestsTo(QString::fromLatin1(Routes::QueueStatus), u"POST"_s).isEmpty());
        m_confirmAnswer = true;
        jobs->retryAllFailed();
        QTRY_COMPARE(
            m_agent->requestsTo(QString::fromLatin1(Routes::QueueStatus), u"POST"_s).size(), 1);
        QVERIFY((m_agent->requestsTo(QString::fromLatin1(Routes::QueueStatus), u"POST"_s)[0]
                        .body["action"])
            == "retry-failed");
    }

    void retryAndRemoveSelectedJobs()
    {
        openWindow(u"admin"_s);
        JobsPage *jobs = m_window->jobs();
        jobs->refresh();
        QTRY_COMPARE(jobs->model()->rowCount(), 2);
        jobs->view()->selectRow(1);
        jobs->retrySelected();
        QTRY_COMPARE(
            m_agent->requestsTo(u"/api/xero/sync/jobs/sync:TS-2:v1/retry"_s, u"POST"_s).size(), 1);
        jobs->view()->selectRow(0);
        jobs->removeSelected();
        QTRY_COMPARE(
            m_agent->requestsTo(u"/api/xero/sync/jobs/sync:TS-1:v1"_s, u"DELETE"_s).size(), 1);
        QVERIFY(m_lastConfirmation.contains(u"1"_s));
    }

    void batchSyncSendsRangeUsersAndFollowsProgress()
    {
        openWindow(u"admin"_s);
        BatchSyncDialog dialog(m_window->client());
        QTRY_COMPARE(dialog.employeeCount(), 2);
        dialog.setRange(QDate(2026, 10, 1), QDate(2026, 10, 31));
        dialog.selectUsers({ u"u2"_s });
        dialog.setForce(true);
        QSignalSpy started(&dialog, &BatchSyncDialog::started);
        dialog.start();
        QTRY_COMPARE(started.size(), 1);
        // The agent said the batch will not fit in today's Xero calls: the admin reads it first.
        QVERIFY2(dialog.summaryText().contains(u"about 3 more calls today"_s)
                && dialog.summaryText().contains(u"needs about 12"_s),
            qPrintable(dialog.summaryText()));
        const auto calls = m_agent->requestsTo(QString::fromLatin1(Routes::BatchSync), u"POST"_s);
        QCOMPARE(calls.size(), 1);
        QVERIFY((calls[0].body["fromDate"]) == "2026-10-01");
        QVERIFY((calls[0].body["toDate"]) == "2026-10-31");
        QVERIFY((calls[0].body["userIds"]) == Json::array({ "u2" }));
        QVERIFY((calls[0].body["force"]) == true);
        // Progress of another job is ignored; this job's moves the bar.
        dialog.handleEvent({ { "type", "progress" }, { "jobId", "batch:other" },
            { "progress", { { "percent", 90 } } } });
        QCOMPARE(dialog.progress(), 0);
        dialog.handleEvent({ { "type", "progress" }, { "jobId", "batch:1" },
            { "progress", { { "done", 4 }, { "total", 8 }, { "percent", 50 } } } });
        QCOMPARE(dialog.progress(), 50);
        QSignalSpy finished(&dialog, &BatchSyncDialog::finished);
        dialog.handleEvent({ { "type", "completed" }, { "jobId", "batch:1" },
            { "returnValue",
                { { "total", 8 }, { "synced", 8 }, { "invalid", 0 }, { "failed", 0 } } } });
        QCOMPARE(dialog.progress(), 100);
        QCOMPARE(finished.size(), 1);
        QVERIFY(dialog.summaryText().contains(u"8"_s));
    }

    void batchSyncRefusesAnInvertedRange()
    {
        openWindow(u"admin"_s);
        BatchSyncDialog dialog(m_window->client());
        dialog.setRange(QDate(2026, 10, 31), QDate(2026, 10, 1));
        dialog.start();
        QVERIFY(!dialog.summaryText().isEmpty());
        QVERIFY(m_agent->requestsTo(QString::fromLatin1(Routes::BatchSync)).isEmpty());
    }

    void xeroConnectOpensTheBrowserAndDisconnectAsks()
    {
        openWindow(u"admin"_s);
        XeroPage *xero = m_window->xero();
        QUrl opened;
        xero->setOpenUrl([&opened](const QUrl &url) {
            opened = url;
            return true;
        });
        xero->connectXero();
        QTRY_VERIFY(opened.isValid());
        QCOMPARE(opened.path(), u"/identity/connect/authorize"_s);
        QVERIFY(m_agent->requestsTo(QString::fromLatin1(Routes::XeroConnect))[0].query.contains(
            u"redirect=false"_s));
        m_confirmAnswer = false;
        xero->disconnectXero();
        QVERIFY(m_agent->requestsTo(QString::fromLatin1(Routes::XeroConnection), u"DELETE"_s)
                    .isEmpty());
        m_confirmAnswer = true;
        xero->disconnectXero();
        QTRY_COMPARE(
            m_agent->requestsTo(QString::fromLatin1(Routes::XeroConnection), u"DELETE"_s).size(),
            1);
    }

    void rejectedTokenIsToldApart()
    {
        m_agent->setHandler([](const FakeAgent::Request &) -> std::optional<FakeAgent::Answer> {
            return FakeAgent::Answer { 401,
                { { "error",
                    { { "code", "unauthorized" }, { "message", "unknown or revoked token" } } } } };
        });
        m_window = std::make_unique<MainWindow>(&m_secrets, m_settings.get());
        m_window->connectTo(AgentProfile { u"fake"_s, QUrl(m_agent->url()), {} }, u"xs_revoked"_s);
        QTRY_COMPARE(m_window->client()->state(), AgentClient::State::TokenRejected);
        QVERIFY(m_window->bannerText().contains(u"rejected"_s));
        QVERIFY(!m_window->pauseAction()->isEnabled());
    }

    void unreachableAgentRetriesAndRecovers()
    {
        const QString url = m_agent->url();
        const quint16 port = QUrl(url).port();
        m_agent.reset(); // nothing listens there now
        m_window = std::make_unique<MainWindow>(&m_secrets, m_settings.get());
        m_window->client()->setRetryIntervals(100, 200);
        m_window->connectTo(AgentProfile { u"gone"_s, QUrl(url), {} }, u"xs_test"_s);
        QTRY_COMPARE(m_window->client()->state(), AgentClient::State::Unreachable);
        QVERIFY(m_window->bannerText().contains(u"cannot be reached"_s));
        // The agent comes back on the same port: the dashboard reconnects by itself.
        m_agent = std::make_unique<FakeAgent>();
        QCOMPARE(m_agent->listen(port), port);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_window->client()->state(), AgentClient::State::Connected, 10'000);
        QVERIFY(m_window->bannerText().isEmpty());
    }
};

QTEST_MAIN(TestDashboardControls)
#include "tst_dashboardcontrols.moc"
