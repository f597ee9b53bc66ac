// xerosync sync benchmark: a pay run written to the Xero emulator under Xero's real limits.
// Prints "metric value" lines.
//   syncbench EMULATOR_URL REDIS_URL COUNT [chunk]
// The emulator must run with the default limits (60 calls a minute, 5 in flight) and be empty
// of timesheets; the benchmark seeds COUNT employees on one weekly calendar.
#include <algorithm>
#include <cstdio>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include "core/common/systemclock.h"
#include "core/sync/batchwriter.h"
#include "core/sync/redisratelimitgate.h"
#include "core/xero/oauthclient.h"

using namespace XeroSync;
using Json = nlohmann::json;

namespace {

QNetworkAccessManager *g_network = nullptr;

Json call(const QByteArray &method, const QUrl &url, const Json &body = nullptr,
    const QByteArray &token = {})
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    auto *reply = g_network->sendCustomRequest(
        request, method, body.is_null() ? QByteArray() : QByteArray::fromStdString(body.dump()));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const auto json = Json::parse(reply->readAll().toStdString(), nullptr, false);
    reply->deleteLater();
    return json;
}

void metric(const char *name, double value)
{
    std::printf("%-36s %12.3f\n", name, value);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: syncbench EMULATOR_URL REDIS_URL COUNT [chunk]\n");
        return 2;
    }
    QNetworkAccessManager network;
    g_network = &network;
    const QUrl base(QString::fromLocal8Bit(argv[1]));
    const auto redis = RedisConfig::fromUrl(QString::fromLocal8Bit(argv[2]));
    const int count = std::atoi(argv[3]);
    const int chunk = argc > 4 ? std::atoi(argv[4]) : 100;
    if (!redis || count < 1)
        return 2;
    const auto control = [&base](const char *path) {
        return base.resolved(QUrl(QString::fromLatin1(path)));
    };

    // A tenant with `count` employees on one weekly calendar.
    const std::string tenant = "7d9a1f7e-3c1b-4d2a-9a7e-5b4c3d2e1f00";
    const std::string calendar = "7d9a1f7e-3c1b-4d2a-9a7e-5b4c3d2e1f01";
    const std::string rate = "7d9a1f7e-3c1b-4d2a-9a7e-5b4c3d2e1f02";
    auto employees = Json::array();
    for (int i = 0; i < count; ++i)
        employees.push_back({ { "id",
                                  QStringLiteral("00000000-0000-4000-8000-%1")
                                      .arg(i, 12, 10, QLatin1Char('0'))
                                      .toStdString() },
            { "firstName", "Worker" }, { "lastName", std::to_string(i) },
            { "calendarId", calendar }, { "ordinaryEarningsRateId", rate },
            { "startDate", "2024-01-01" } });
    call("POST", control("/__emulator/seed"),
        Json {
            { "apps",
                Json::array({ { { "clientId", "bench" }, { "type", "custom" },
                    { "clientSecret", "bench" }, { "tenantId", tenant },
                    { "scopes",
                        { "payroll.timesheets", "payroll.employees", "payroll.settings" } } } }) },
            { "tenants",
                Json::array({ { { "tenantId", tenant }, { "name", "Bench Pty" }, { "region", "AU" },
                    { "calendars",
                        Json::array({ { { "id", calendar }, { "type", "WEEKLY" },
                            { "startDate", "2026-01-05" } } }) },
                    { "earningsRates",
                        Json::array({ { { "id", rate }, { "name", "Ordinary" } } }) },
                    { "employees", employees } } }) } });

    const auto endpoints = *XeroEndpoints::fromBaseUrl(base.toString());
    OAuthClient oauth(endpoints,
        OAuthSettings { QStringLiteral("bench"), QStringLiteral("bench"), {}, {} },
        SystemClock::shared());
    QString token;
    {
        QEventLoop loop;
        oauth.clientCredentials([&](Result<TokenSet> t) {
            token = t ? t->accessToken : QString();
            loop.quit();
        });
        loop.exec();
    }
    if (token.isEmpty()) {
        std::fprintf(stderr, "no token from the emulator\n");
        return 1;
    }
    XeroClient client(endpoints);
    RedisRateLimitGate::Limits limits; // Xero's: 5 in flight, 60 a minute
    RedisRateLimitGate gate(*redis, limits,
        "bench:ratelimit:" + QByteArray::number(QDateTime::currentMSecsSinceEpoch()));
    client.setRateLimitGate(&gate);
    BatchWriter writer(client);
    writer.setChunkSize(chunk);

    QList<BatchWriter::Item> items;
    for (int i = 0; i < count; ++i) {
        BatchWriter::Item item;
        item.target.xeroEmployeeId =
            QString::fromStdString(employees[static_cast<size_t>(i)]["id"].get<std::string>());
        item.target.defaultEarningsRateId = QString::fromStdString(rate);
        item.submission.id = QStringLiteral("bench-%1").arg(i);
        item.submission.periodStart = QDate(2026, 11, 2);
        item.submission.periodEnd = QDate(2026, 11, 8);
        for (int day = 0; day < 5; ++day)
            item.submission.entries.append(
                TimesheetEntry { day, QDate(2026, 11, 2).addDays(day), 7.6, {}, {}, {}, {}, {} });
        items << item;
    }
    QElapsedTimer timer;
    timer.start();
    BatchWriter::Report report;
    {
        QEventLoop loop;
        writer.writeAu1(
            items, QString::fromStdString(tenant), token, false, [&](BatchWriter::Report r) {
                report = std::move(r);
                loop.quit();
            });
        loop.exec();
    }
    const double seconds = timer.elapsed() / 1000.0;
    int ok = 0;
    for (const auto &result : report.results)
        ok += result.success ? 1 : 0;
    const auto stats = call("GET", control("/__emulator/stats"));
    const auto state =
        call("GET", control(("/__emulator/tenants/" + tenant + "/timesheets").c_str()));
    int rejected = 0;
    for (const auto &[limit, n] : stats["rateLimits"]["rejected"].items())
        rejected += n.get<int>();
    metric("timesheets", count);
    metric("synced", ok);
    metric("wall_seconds", seconds);
    metric("api_calls", report.calls);
    metric("xero_429s", rejected); // as the emulator counted them
    metric("client_429s_waited_out", client.rateLimitedAnswers());
    metric("duplicates", state["duplicateCreates"].get<int>());
    metric("timesheets_in_xero", state["count"].get<int>());
    // One call per timesheet (Payroll 2.0's floor, or AU 1.0 written naively) at 60 a minute.
    metric("naive_calls", count);
    metric("naive_minutes_at_60_per_min", count / 60.0);
    metric("ratio_wall_vs_naive", seconds / (count / 60.0 * 60.0));
    return ok == count ? 0 : 1;
}
