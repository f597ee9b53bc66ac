#include <QTest>

#include "core/common/manualclock.h"
#include "core/store/auditstore.h"
#include "core/store/database.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

namespace {
AuditEntry audit(const QString &actor, const QString &action, const QString &target = {},
    nlohmann::json details = nullptr)
{
    AuditEntry e;
    e.actor = actor;
    e.action = action;
    e.target = target;
    e.details = std::move(details);
    return e;
}
} // namespace

class TestAuditStore : public QObject
{
    Q_OBJECT

private slots:

    void initTestCase()
    {
        auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto tdb = TestDatabase::createMigrated(services->databaseUrl, u"auditstore"_s);
        QVERIFY_RESULT(tdb);
        m_db = std::move(*tdb);
        m_store = std::make_unique<AuditStore>(m_db->database(), m_clock);
    }

    void cleanupTestCase()
    {
        m_store.reset();
        m_db.reset();
    }

    void recordsAndListsNewestFirst()
    {
        QList<qint64> ids;
        const QDateTime start = m_clock.now();
        for (const auto &e : { audit(u"listener"_s, u"approval.seen"_s, u"s-1"_s),
                 audit(u"ops-admin"_s, u"queue.pause"_s, {}, { { "reason", "pay run" } }),
                 audit(u"ops-admin"_s, u"queue.resume"_s),
                 audit(u"listener"_s, u"approval.seen"_s, u"s-2"_s) }) {
            m_clock.advance(1000);
            const auto id = m_store->record(e);
            QVERIFY_RESULT(id);
            ids << *id;
        }
        const auto all = m_store->list();
        QVERIFY_RESULT(all);
        QCOMPARE(all->size(), 4);
        QCOMPARE(all->at(0).id, ids[3]);
        QCOMPARE(all->at(3).id, ids[0]);
        QCOMPARE(all->at(2).action, u"queue.pause"_s);
        QCOMPARE(all->at(2).actor, u"ops-admin"_s);
        QVERIFY(all->at(2).details["reason"] == "pay run");
        QCOMPARE(all->at(2).createdAt, start.addSecs(2));
        QCOMPARE(all->at(0).target, u"s-2"_s);

        const auto approvals = m_store->list(100, {}, u"approval.seen"_s);
        QCOMPARE(approvals.value().size(), 2);
        const auto older = m_store->list(2, ids[2]);
        QCOMPARE(older.value().size(), 2);
        QCOMPARE(older.value().at(0).id, ids[1]);
    }

    void recordsManyInOneStatement()
    {
        const qsizetype before = m_store->list(500).value().size();
        QList<AuditEntry> entries;
        for (int i = 0; i < 120; ++i)
            entries << audit(
                u"listener"_s, u"approval.seen"_s, u"bulk-%1"_s.arg(i), { { "version", i } });
        QVERIFY_RESULT(m_store->recordMany(entries));
        const auto all = m_store->list(500);
        QCOMPARE(all.value().size(), before + 120);
        QCOMPARE(all->at(0).target, u"bulk-119"_s); // same time: newest id first
        QVERIFY(all->at(0).details["version"] == 119);
        // One bad entry refuses the whole batch: nothing half-written.
        entries = { audit(u"listener"_s, u"approval.seen"_s, u"ok"_s),
            audit(u"a"_s, u"Bad Action"_s) };
        QVERIFY_ERROR(m_store->recordMany(entries), ErrorCode::BadRequest);
        QCOMPARE(m_store->list(500).value().size(), before + 120);
        QVERIFY_RESULT(m_store->recordMany({}));
    }

    void rejectsBadEntries()
    {
        QVERIFY_ERROR(m_store->record(audit(QString(), u"queue.pause"_s)), ErrorCode::BadRequest);
        QVERIFY_ERROR(m_store->record(audit(u"a"_s, u"Queue Pause"_s)), ErrorCode::BadRequest);
        QVERIFY_ERROR(m_store->record(audit(u"a"_s, u"queue.;drop"_s)), ErrorCode::BadRequest);
        QVERIFY_ERROR(m_store->record(audit(u"a"_s, QString())), ErrorCode::BadRequest);
        QVERIFY_ERROR(m_store->list(0), ErrorCode::BadRequest);
        QVERIFY_ERROR(m_store->list(501), ErrorCode::BadRequest);
    }

private:
    ManualClock m_clock;
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<AuditStore> m_store;
};

QTEST_GUILESS_MAIN(TestAuditStore)
#include "tst_auditstore.moc"
