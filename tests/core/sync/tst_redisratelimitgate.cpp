#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>
#include <QUuid>

#include "core/common/systemclock.h"
#include "core/sync/redisratelimitgate.h"
#include "core/xero/oauthclient.h"
#include "core/xero/xeroclient.h"
#include "support/emulatorprocess.h"
#include "support/testhelpers.h"
#include "support/testhttpclient.h"
#include "support/testservices.h"
#include "support/xerotesttokens.h"

using namespace XeroSync;
using namespace XeroSync::Test;
using Json = nlohmann::json;

//! The Redis-backed gate with real Redis and a real emulator (issue 5: "never a 429 from the
//! emulator in a burst").
class TestRedisRateLimitGate : public QObject
{
    Q_OBJECT

private:
    static constexpr const char *AuTenant = "f4030178-4747-52fe-ab99-de32679cf1b4";
    EmulatorProcess m_emulator;
    TestHttpClient m_http;
    RedisConfig m_redis;
    XeroEndpoints m_endpoints;
    QString m_token;

    std::unique_ptr<RedisRateLimitGate> gate(
        const QByteArray &prefix, RedisRateLimitGate::Limits limits = {})
    {
        return std::make_unique<RedisRateLimitGate>(m_redis, limits, prefix);
    }

    static QByteArray uniquePrefix()
    {
        return "test:rl:" + QUuid::createUuid().toByteArray(QUuid::Id128);
    }

    Json control(const QByteArray &method, const QString &path, const Json &body = Json::object())
    {
        return m_http
            .send(method, m_emulator.url(QStringLiteral("/__emulator/") + path),
                QByteArray::fromStdString(body.dump()))
            .json();
    }

    //! Sends `count` GETs at once through `clients` (round robin) and waits for all answers.
    QList<XeroReply> burst(const std::vector<XeroClient *> &clients, int count)
    {
        QList<XeroReply> replies;
        XeroRequest request;
        request.path = QStringLiteral("/payroll.xro/1.0/PayrollCalendars");
        request.tenantId = QString::fromLatin1(AuTenant);
        request.accessToken = m_token;
        for (int i = 0; i < count; ++i)
            clients[static_cast<size_t>(i) % clients.size()]->send(
                request, [&replies](XeroReply reply) { replies.append(std::move(reply)); });
        [&] { QTRY_COMPARE_WITH_TIMEOUT(replies.size(), count, 60'000); }();
        return replies;
    }

private Q_SLOTS:

    void initTestCase()
    {
        const auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto redis = RedisConfig::fromUrl(services->redisUrl);
        QVERIFY_RESULT(redis);
        m_redis = *redis;
        QVERIFY_RESULT(m_emulator.start());
        auto endpoints = XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString());
        QVERIFY_RESULT(endpoints);
        m_endpoints = *endpoints;
    }

    void init()
    {
        control("POST", QStringLiteral("reset"));
        const auto token = XeroTestTokens::customConnection(m_endpoints);
        QVERIFY_RESULT(token);
        m_token = *token;
    }

    void withoutTheGateABurstMeets429s()
    {
        // The control experiment: six parallel connections against Xero's five in flight.
        control("POST", QStringLiteral("config"), Json { { "latencyMs", 200 } });
        XeroClient client(m_endpoints);
        const auto replies = burst({ &client }, 18);
        QVERIFY(client.rateLimitedAnswers() > 0);
        QVERIFY(std::any_of(
            replies.begin(), replies.end(), [](const XeroReply &r) { return r.status == 429; }));
    }

    void twoAgentsShareFiveInFlight()
    {
        control("POST", QStringLiteral("config"), Json { { "latencyMs", 200 } });
        const auto prefix = uniquePrefix();
        auto gateA = gate(prefix);
        auto gateB = gate(prefix); // a second agent: its own connection, the same Redis keys
        XeroClient a(m_endpoints);
        XeroClient b(m_endpoints);
        a.setRateLimitGate(gateA.get());
        b.setRateLimitGate(gateB.get());
        QElapsedTimer timer;
        timer.start();
        const auto replies = burst({ &a, &b }, 30);
        QVERIFY(std::all_of(
            replies.begin(), replies.end(), [](const XeroReply &r) { return r.status == 200; }));
        QCOMPARE(a.rateLimitedAnswers() + b.rateLimitedAnswers(), 0);
        const auto stats = control("GET", QStringLiteral("stats"));
        QVERIFY2(stats["rateLimits"]["rejected"].empty(), stats.dump().c_str());
        // Five at a time, and all five used: 30 calls of 200 ms in about 6 rounds.
        QCOMPARE(stats["rateLimits"]["peakInFlight"][AuTenant].get<int>(), 5);
        QVERIFY(timer.elapsed() >= 1100);
    }

    void slidingWindowHoldsCallsBack()
    {
        RedisRateLimitGate::Limits limits;
        limits.perMinute = 5;
        limits.windowMs = 1500; // a short "minute" so the test takes seconds
        limits.marginMs = 100;
        auto shared = gate(uniquePrefix(), limits);
        XeroClient client(m_endpoints);
        client.setRateLimitGate(shared.get());
        QElapsedTimer timer;
        timer.start();
        const auto replies = burst({ &client }, 12); // 5 now, 5 after one window, 2 after two
        QVERIFY(
            std::all_of(replies.begin(), replies.end(), [](const XeroReply &r) { return r.ok(); }));
        QVERIFY2(timer.elapsed() >= 3200, qPrintable(QString::number(timer.elapsed())));
    }

    void dailyQuotaSaysHowLongToWait()
    {
        RedisRateLimitGate::Limits limits;
        limits.perDay = 3;
        auto shared = gate(uniquePrefix(), limits);
        for (int i = 0; i < 3; ++i) {
            const auto permit = shared->tryAcquire(QStringLiteral("tenant-x"));
            QVERIFY_RESULT(permit);
            QVERIFY(permit->granted);
            shared->release(QStringLiteral("tenant-x"), permit->id);
        }
        const auto refused = shared->tryAcquire(QStringLiteral("tenant-x"));
        QVERIFY_RESULT(refused);
        QVERIFY(!refused->granted);
        QCOMPARE(refused->reason, QStringLiteral("day"));
        QVERIFY(refused->waitMs > 23 * 3'600'000);
        QVERIFY(shared->tryAcquire(QStringLiteral("tenant-y"))->granted); // limits are per tenant
    }

    void xerosMinuteCountCorrectsOurs()
    {
        RedisRateLimitGate::Limits limits;
        limits.perMinute = 10;
        const QByteArray prefix = uniquePrefix();
        auto first = gate(prefix, limits);
        auto second = gate(prefix, limits); // another agent, same organisation
        const auto take = [&](RedisRateLimitGate &g) {
            const auto permit = g.tryAcquire(QStringLiteral("tenant-m"));
            if (permit && permit->granted)
                g.release(QStringLiteral("tenant-m"), permit->id);
            return permit ? *permit : RateLimitGate::Permit {};
        };
        QVERIFY(take(*first).granted); // we count 1 of 10
        // Xero counts more: 4 left this minute, not our 9.
        RateLimitInfo info;
        info.minuteRemaining = 4;
        first->observe(QStringLiteral("tenant-m"), info, 200);
        // Xero counting fewer than we do changes nothing: our window is never loosened.
        info.minuteRemaining = 9;
        second->observe(QStringLiteral("tenant-m"), info, 200);
        for (int i = 0; i < 4; ++i)
            QVERIFY2(take(i % 2 ? *first : *second).granted, qPrintable(QString::number(i)));
        const auto refused = take(*second);
        QVERIFY(!refused.granted);
        QCOMPARE(refused.reason, QStringLiteral("minute"));
        QCOMPARE(first->headroom(QStringLiteral("tenant-m"))->usedThisMinute, 10);
    }

    void xeroDayQuotaRunningLowIsToldOnceAndShared()
    {
        const QByteArray prefix = uniquePrefix();
        auto first = gate(prefix); // perDay 5000: low under 1000
        auto second = gate(prefix); // another agent
        QVERIFY(!first->headroom(QStringLiteral("tenant-q")).value().xeroDayRemaining);
        RateLimitInfo info;
        info.dayRemaining = 2400;
        first->observe(QStringLiteral("tenant-q"), info, 200);
        auto room = second->headroom(QStringLiteral("tenant-q"));
        QVERIFY_RESULT(room);
        QCOMPARE(room->xeroDayRemaining.value_or(-1), 2400);
        QVERIFY(!room->dayQuotaLow);
        // Low: warned once a day, however many answers say so.
        QTest::ignoreMessage(QtWarningMsg,
            QRegularExpression(
                QStringLiteral("daily quota for organisation tenant-q is running low: 900 ")));
        info.dayRemaining = 900;
        first->observe(QStringLiteral("tenant-q"), info, 200);
        info.dayRemaining = 899;
        first->observe(QStringLiteral("tenant-q"), info, 200);
        room = second->headroom(QStringLiteral("tenant-q"));
        QCOMPARE(room->xeroDayRemaining.value_or(-1), 899);
        QVERIFY(room->dayQuotaLow);
    }

    void a429IsWaitedOutAndSentAgain()
    {
        // Bring Xero's minute window to its last second, then let one call run into it.
        control("POST", QStringLiteral("clock"), Json { { "freeze", true } });
        control("POST", QStringLiteral("config"), Json { { "minuteLimit", 1 } });
        XeroClient probe(m_endpoints);
        auto replies = burst({ &probe }, 2);
        const auto limited = std::find_if(
            replies.begin(), replies.end(), [](const XeroReply &r) { return r.status == 429; });
        QVERIFY(limited != replies.end());
        const int retryAfter = limited->limits.retryAfterSeconds.value_or(0);
        QVERIFY(retryAfter >= 1);
        control("POST", QStringLiteral("clock"), Json { { "advanceSeconds", retryAfter - 1 } });
        control("POST", QStringLiteral("clock"), Json { { "freeze", false } });

        auto shared = gate(uniquePrefix());
        XeroClient client(m_endpoints);
        client.setRateLimitGate(shared.get());
        replies = burst({ &client }, 1);
        QVERIFY2(
            replies[0].ok(), qPrintable(replies[0].error ? replies[0].error->message : QString()));
        QCOMPARE(client.rateLimitedAnswers(), 1); // answered 429 once, waited, then 200
    }

    void deadRedisIsAnError()
    {
        auto config = m_redis;
        config.port = 1; // nothing listens there
        RedisRateLimitGate dead(config, {});
        XeroClient client(m_endpoints);
        client.setRateLimitGate(&dead);
        const auto replies = burst({ &client }, 1);
        QVERIFY(replies[0].error);
        QCOMPARE(errorCodeName(replies[0].error->code), errorCodeName(ErrorCode::Unavailable));
        QVERIFY(replies[0].error->retryable);
    }
};

QTEST_GUILESS_MAIN(TestRedisRateLimitGate)
#include "tst_redisratelimitgate.moc"
