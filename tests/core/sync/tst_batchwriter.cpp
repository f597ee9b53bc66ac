#include <QTest>

#include "core/common/systemclock.h"
#include "core/sync/batchwriter.h"
#include "core/xero/oauthclient.h"
#include "support/emulatorprocess.h"
#include "support/testhelpers.h"
#include "support/testhttpclient.h"
#include "support/xerotesttokens.h"

using namespace XeroSync;
using namespace XeroSync::Test;
using Json = nlohmann::json;

//! Batch writes to Payroll AU 1.0: array creates, one lookup per period, partial failures.
class TestBatchWriter : public QObject
{
    Q_OBJECT

private:
    static constexpr const char *AuTenant = "f4030178-4747-52fe-ab99-de32679cf1b4";
    EmulatorProcess m_emulator;
    TestHttpClient m_http;
    std::unique_ptr<XeroClient> m_client;
    std::unique_ptr<BatchWriter> m_writer;
    QString m_token;
    Json m_employees;

    Json control(const QByteArray &method, const QString &path, const Json &body = Json::object())
    {
        return m_http
            .send(method, m_emulator.url(QStringLiteral("/__emulator/") + path),
                QByteArray::fromStdString(body.dump()))
            .json();
    }

    BatchWriter::Item item(int employee, QDate start, double hours, const QString &rate = {})
    {
        const auto &e = m_employees[static_cast<size_t>(employee)];
        BatchWriter::Item item;
        item.target.xeroEmployeeId = QString::fromStdString(e["EmployeeID"].get<std::string>());
        item.target.defaultEarningsRateId = rate.isEmpty()
            ? QString::fromStdString(e["OrdinaryEarningsRateID"].get<std::string>())
            : rate;
        item.submission.id =
            QStringLiteral("b-%1-%2").arg(employee).arg(start.toString(Qt::ISODate));
        item.submission.periodStart = start;
        item.submission.periodEnd = start.addDays(6);
        item.submission.entries = { TimesheetEntry { 1, start, hours, {}, {}, {}, {}, {} } };
        return item;
    }

    BatchWriter::Report write(const QList<BatchWriter::Item> &items)
    {
        std::optional<BatchWriter::Report> report;
        int lastProgress = 0;
        m_writer->writeAu1(
            items, QString::fromLatin1(AuTenant), m_token, false,
            [&report](BatchWriter::Report r) { report = std::move(r); },
            [&lastProgress](int done, int) { lastProgress = done; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(report.has_value(), 30'000); }();
        [&] { QCOMPARE(lastProgress, static_cast<int>(items.size())); }();
        return report.value_or(BatchWriter::Report {});
    }

private Q_SLOTS:

    void initTestCase()
    {
        QVERIFY_RESULT(m_emulator.start());
        const auto endpoints = *XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString());
        m_client = std::make_unique<XeroClient>(endpoints);
        m_writer = std::make_unique<BatchWriter>(*m_client);
        m_writer->setChunkSize(6);
    }

    void init()
    {
        control("POST", QStringLiteral("reset"));
        const auto token = XeroTestTokens::customConnection(
            *XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString()));
        QVERIFY_RESULT(token);
        m_token = *token;
        m_employees = m_http
                          .get(m_emulator.url(QStringLiteral("/payroll.xro/1.0/Employees")),
                              { { "Authorization", "Bearer " + m_token.toUtf8() } })
                          .json()["Employees"];
    }

    void aPayRunInFewCalls()
    {
        QList<BatchWriter::Item> items;
        for (int e = 0; e < 16; ++e)
            items << item(e, QDate(2026, 11, 2), 8);
        auto report = write(items);
        QCOMPARE(report.calls, 1 + 3); // one lookup, creates of 6 + 6 + 4
        QCOMPARE(report.results.size(), 16);
        for (const auto &result : report.results)
            QVERIFY2(result.success
                    && writeActionName(result.outcome->action) == QLatin1String("created"),
                qPrintable(result.error));
        QCOMPARE(
            control("GET",
                QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(AuTenant)))["count"]
                .get<int>(),
            16);
        // Again: one lookup, nothing written.
        report = write(items);
        QCOMPARE(report.calls, 1);
        for (const auto &result : report.results)
            QCOMPARE(writeActionName(result.outcome->action), QStringLiteral("unchanged"));
    }

    void partialFailuresKeepWhatXeroSaved()
    {
        QList<BatchWriter::Item> items;
        for (int e = 0; e < 12; ++e)
            items << item(e, QDate(2026, 11, 9), 7);
        items[2] = item(2, QDate(2026, 11, 10), 7); // a Tuesday: not a pay period (per-item error)
        items[8] = item(8, QDate(2026, 11, 9), 7,
            QStringLiteral(
                "00000000-0000-4000-8000-000000000000")); // unknown rate: whole-call error
        const auto report = write(items);
        QCOMPARE(report.results.size(), 12);
        int created = 0;
        for (auto it = report.results.cbegin(); it != report.results.cend(); ++it)
            created += it->success ? 1 : 0;
        QCOMPARE(created, 10);
        const auto period = report.results.value(items[2].submission.id);
        QVERIFY(!period.success && !period.retryable);
        QCOMPARE(
            period.error, QStringLiteral("Provided period doesn't correspond with a pay period"));
        const auto rate = report.results.value(items[8].submission.id);
        QVERIFY(!rate.success);
        QVERIFY2(
            rate.error.contains(QStringLiteral("does not exist or is not valid for timesheets")),
            qPrintable(rate.error));
        const auto state = control(
            "GET", QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(AuTenant)));
        QCOMPARE(state["count"].get<int>(), 10);
        QCOMPARE(state["duplicateCreates"].get<int>(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBatchWriter)
#include "tst_batchwriter.moc"
