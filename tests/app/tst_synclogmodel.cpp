#include <QAbstractItemModelTester>
#include <QDir>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QUuid>

#include "agent/agentprocess.h"
#include "app/models/synclogmodel.h"
#include "app/net/agentclient.h"
#include "app/ui/synclogpage.h"
#include "core/common/systemclock.h"
#include "core/store/synclogstore.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

//! SyncLogModel against a real agent over a real sync log: pages of 200 newest first, fetchMore
//! until the end, the server-side filters, live rows at the top keeping the selection, and a
//! clear error when the agent is gone. QAbstractItemModelTester checks every change.
class TestSyncLogModel : public QObject
{
    Q_OBJECT

private:
    AgentProcess m_agent;
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<SyncLogStore> m_log;
    SystemClock m_clock;
    QString m_queueName;
    QString m_admin;
    int m_failedRows = 0;

    qint64 addRow(const QString &submission, SyncStatus status, SyncTrigger trigger,
        const QString &error = {})
    {
        SyncLogEntry entry;
        entry.submissionId = submission;
        entry.operation = u"sync-timesheet"_s;
        entry.status = status;
        entry.trigger = trigger;
        entry.error = error;
        entry.durationMs = 420;
        const auto id = m_log->insert(entry);
        return id.value_or(0);
    }

    //! Rows in the log now (the agent writes its own, e.g. the health check at start).
    int count(const QString &where = u"TRUE"_s)
    {
        auto q = m_db->database().exec(u"SELECT count(*) FROM xero_sync_log WHERE "_s + where);
        return q && q->next() ? q->value(0).toInt() : -1;
    }

    std::unique_ptr<AgentClient> connectedClient()
    {
        auto client = std::make_unique<AgentClient>();
        client->setAgent(QUrl(u"http://127.0.0.1:%1"_s.arg(m_agent.port())), m_admin);
        client->connectToAgent();
        if (!QTest::qWaitFor(
                [&] { return client->state() == AgentClient::State::Connected; }, 10'000))
            return nullptr;
        return client;
    }

private slots:

    void initTestCase()
    {
        const auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto db = TestDatabase::createMigrated(services->databaseUrl, u"synclogmodel"_s);
        QVERIFY_RESULT(db);
        m_db = std::move(*db);
        m_log = std::make_unique<SyncLogStore>(m_db->database(), m_clock);
        // 450 rows: every 9th failed, every 4th manual.
        for (int i = 0; i < 450; ++i) {
            const bool failed = i % 9 == 0;
            m_failedRows += failed ? 1 : 0;
            QVERIFY(
                addRow(u"TS-%1"_s.arg(i), failed ? SyncStatus::Failed : SyncStatus::Success,
                    i % 4 == 0 ? SyncTrigger::Manual : SyncTrigger::Approval,
                    failed ? u"Employee %1 is not linked to a Xero employee"_s.arg(i) : QString())
                > 0);
        }
        m_queueName = u"logmodel-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
        QProcessEnvironment &env = m_agent.environment();
        env.insert(u"REDIS_URL"_s, services->redisUrl);
        env.insert(u"DATABASE_URL"_s, m_db->url());
        env.insert(u"XERO_CLIENT_ID"_s, u"xerosync-web"_s);
        m_agent.setConfig(u"[http]\nport=0\n[queue]\nname=%1\n[workers]\nconcurrency=1\ncatch_up_"
                          u"interval_ms=3600000\n"
                          "[xero]\ntoken_key_file=%2\n"_s
                              .arg(m_queueName, QDir::temp().filePath(m_queueName + u".key"_s))
                              .toUtf8());
        const auto admin = m_agent.createToken(u"dashboard"_s, u"admin"_s);
        QVERIFY_RESULT(admin);
        m_admin = *admin;
        QVERIFY_RESULT(m_agent.start());
    }

    void cleanupTestCase()
    {
        m_agent.kill();
        QFile::remove(QDir::temp().filePath(m_queueName + u".key"_s));
    }

    void pagesNewestFirstUntilTheEnd()
    {
        auto client = connectedClient();
        QVERIFY(client);
        SyncLogModel model(client.get());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy pages(&model, &SyncLogModel::pageLoaded);
        model.setQuery({});
        QTRY_COMPARE(pages.size(), 1);
        QCOMPARE(model.rowCount(), SyncLogModel::PageSize);
        QVERIFY(model.canFetchMore({}));
        const qint64 newest = model.index(0, 0).data(SyncLogModel::IdRole).toLongLong();
        const qint64 second = model.index(1, 0).data(SyncLogModel::IdRole).toLongLong();
        QVERIFY(newest > second);
        const int total = count();
        QVERIFY(total >= 450);
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({})); // one page at a time
        QTRY_COMPARE(model.rowCount(), 2 * SyncLogModel::PageSize);
        model.fetchMore({});
        QTRY_VERIFY(!model.isLoading() && !model.canFetchMore({}));
        QSet<qint64> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.index(row, 0).data(SyncLogModel::IdRole).toLongLong());
        QCOMPARE(ids.size(), model.rowCount());
        QCOMPARE(model.rowCount(), total);
        QTRY_VERIFY(!model.canFetchMore({}) && !model.isLoading());
        QCOMPARE(
            model.index(total - 1, SyncLogModel::SubmissionColumn).data().toString(), u"TS-0"_s);
        // Ids strictly descend across the page boundaries: no gap, no repeat.
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1, 0).data(SyncLogModel::IdRole).toLongLong()
                > model.index(row, 0).data(SyncLogModel::IdRole).toLongLong());
    }

    void filtersRunOnTheAgent()
    {
        auto client = connectedClient();
        QVERIFY(client);
        SyncLogModel model(client.get());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        SyncLogQuery failed;
        failed.status = u"FAILED"_s;
        model.setQuery(failed);
        QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);
        QCOMPARE(model.rowCount(), count(u"status = 'FAILED'"_s));
        QVERIFY(model.rowCount() >= m_failedRows);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data(SyncLogModel::StatusRole).toString(), u"FAILED"_s);

        SyncLogQuery text;
        text.text = u"Employee 441 "_s;
        model.setQuery(text);
        QTRY_VERIFY(!model.isLoading() && model.rowCount() == 1);
        QCOMPARE(model.index(0, SyncLogModel::SubmissionColumn).data().toString(), u"TS-441"_s);

        SyncLogQuery manualFailed;
        manualFailed.trigger = u"manual"_s;
        manualFailed.status = u"FAILED"_s;
        model.setQuery(manualFailed);
        QTRY_VERIFY(!model.isLoading());
        int expected = 0;
        for (int i = 0; i < 450; ++i)
            expected += (i % 9 == 0 && i % 4 == 0) ? 1 : 0;
        QCOMPARE(model.rowCount(), expected);

        SyncLogQuery future;
        future.from = QDate::currentDate().addDays(2);
        future.to = QDate::currentDate().addDays(3);
        model.setQuery(future);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 0);
    }

    void liveRowsArriveOnTopAndKeepTheSelection()
    {
        auto client = connectedClient();
        QVERIFY(client);
        // No model tester here: it calls fetchMore itself, and this test counts rows.
        SyncLogModel model(client.get());
        QItemSelectionModel selection(&model);
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), SyncLogModel::PageSize);
        selection.setCurrentIndex(
            model.index(5, 0), QItemSelectionModel::SelectCurrent | QItemSelectionModel::Rows);
        const qint64 selectedId = selection.currentIndex().data(SyncLogModel::IdRole).toLongLong();
        const qint64 a = addRow(u"LIVE-1"_s, SyncStatus::Running, SyncTrigger::Approval);
        const qint64 b = addRow(u"LIVE-2"_s, SyncStatus::Success, SyncTrigger::Approval);
        model.fetchNewer();
        QTRY_COMPARE(model.rowCount(), SyncLogModel::PageSize + 2);
        QCOMPARE(model.index(0, 0).data(SyncLogModel::IdRole).toLongLong(), b);
        QCOMPARE(model.index(1, 0).data(SyncLogModel::IdRole).toLongLong(), a);
        QCOMPARE(selection.currentIndex().row(), 7);
        QCOMPARE(selection.currentIndex().data(SyncLogModel::IdRole).toLongLong(), selectedId);
        // A running row that finishes is updated in place.
        QCOMPARE(model.index(1, 0).data(SyncLogModel::StatusRole).toString(), u"RUNNING"_s);
        SyncLogUpdate done;
        done.status = SyncStatus::Failed;
        done.error = u"Xero answered 503"_s;
        QVERIFY_RESULT(m_log->update(a, done));
        QSignalSpy changed(&model, &SyncLogModel::dataChanged);
        model.refreshSubmission(u"LIVE-1"_s);
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(model.index(1, 0).data(SyncLogModel::StatusRole).toString(), u"FAILED"_s);
        QCOMPARE(
            model.index(1, SyncLogModel::MessageColumn).data().toString(), u"Xero answered 503"_s);
        QCOMPARE(model.rowCount(), SyncLogModel::PageSize + 2);
    }

    void memoryIsBoundedByTheRowLimit()
    {
        auto client = connectedClient();
        QVERIFY(client);
        SyncLogModel model(client.get());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMaxRows(300); // stands for MaxRows: the log has more than this
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), SyncLogModel::PageSize);
        QVERIFY(!model.isCapped());
        model.fetchMore({});
        // The second page asks for just the 100 rows that fit, then scrolling stops.
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 300);
        QVERIFY(model.isCapped());
        QVERIFY(!model.canFetchMore({}));
        const qint64 oldest = model.index(299, 0).data(SyncLogModel::IdRole).toLongLong();
        const qint64 secondOldest = model.index(298, 0).data(SyncLogModel::IdRole).toLongLong();
        // A live row on top pushes the oldest out: still 300 rows.
        const qint64 live = addRow(u"LIVE-CAP"_s, SyncStatus::Success, SyncTrigger::Approval);
        model.fetchNewer();
        QTRY_COMPARE(model.index(0, 0).data(SyncLogModel::IdRole).toLongLong(), live);
        QCOMPARE(model.rowCount(), 300);
        QCOMPARE(model.index(299, 0).data(SyncLogModel::IdRole).toLongLong(), secondOldest);
        QVERIFY(secondOldest > oldest);
        // Operation names are shared, not stored per row, and still shown.
        QCOMPARE(
            model.index(0, SyncLogModel::OperationColumn).data().toString(), u"sync-timesheet"_s);
    }

    void severalRowsArePickedForASyncAgain()
    {
        auto client = connectedClient();
        QVERIFY(client);
        SyncLogPage page(client.get());
        page.setAdmin(true);
        page.applyFilters(); // the main window does this when the agent connects
        QTRY_VERIFY(page.model()->rowCount() >= 3);
        auto *retry = page.findChild<QPushButton *>(u"retrySubmission"_s);
        QVERIFY(retry);
        QVERIFY(!retry->isEnabled()); // nothing picked yet
        QStringList expected;
        for (int row : { 0, 2 }) {
            page.view()->selectionModel()->select(page.model()->index(row, 0),
                QItemSelectionModel::Select | QItemSelectionModel::Rows);
            expected << page.model()->index(row, 0).data(SyncLogModel::SubmissionIdRole).toString();
        }
        QCOMPARE(page.selectedSubmissions(), expected);
        QVERIFY(retry->isEnabled());
        QVERIFY2(retry->text().contains(u"2"_s), qPrintable(retry->text()));
        QSignalSpy requested(&page, &SyncLogPage::retryRequested);
        retry->click();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toStringList(), expected);
        // A viewer cannot, whatever is picked.
        page.setAdmin(false);
        QVERIFY(!retry->isEnabled());
    }

    void aGoneAgentIsAClearError()
    {
        AgentClient client;
        client.setAgent(QUrl(u"http://127.0.0.1:1"_s), m_admin);
        SyncLogModel model(&client);
        QSignalSpy failed(&model, &SyncLogModel::loadFailed);
        model.setQuery({});
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed[0][0].toString().contains(u"cannot be reached"_s));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isLoading());
    }
};

QTEST_MAIN(TestSyncLogModel)
#include "tst_synclogmodel.moc"
