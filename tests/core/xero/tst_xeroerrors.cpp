#include <QTest>

#include "core/xero/pkce.h"
#include "core/xero/xeroclient.h"
#include "core/xero/xeroendpoints.h"
#include "core/xero/xeroerrors.h"
#include "support/testhelpers.h"

using namespace XeroSync;
using Json = nlohmann::json;

//! Every Xero error family mapped to an Error with the retry decision of DESIGN.md §6.
class TestXeroErrors : public QObject
{
    Q_OBJECT

private:
    static XeroReply reply(int status, const QByteArray &body)
    {
        XeroReply r;
        r.status = status;
        r.body = body;
        r.json = Json::parse(body.toStdString(), nullptr, false);
        return r;
    }

private Q_SLOTS:

    void successIsNoError() { QVERIFY(!XeroErrors::fromReply(reply(200, "{}"))); }

    void validationBodiesOfEachFamily_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("AU 1.0 item") << QByteArray(
            "{\"ErrorNumber\":10,\"Type\":\"ValidationException\",\"Message\":\"A validation "
            "exception occurred\",\"Timesheets\":[{\"ValidationErrors\":[{\"Message\":\"Provided "
            "period doesn't correspond with a pay period\"}]}]}")
                                     << "Provided period doesn't correspond with a pay period";
        QTest::newRow("AU 1.0 top level") << QByteArray(
            "{\"ErrorNumber\":0,\"Type\":\"Error\",\"Message\":\"Invalid EmployeeID "
            "42\",\"Timesheets\":null}") << "Invalid EmployeeID 42";
        QTest::newRow("2.0 problem") << QByteArray(
            "{\"type\":\"application/"
            "problem+json\",\"title\":\"BadRequest\",\"status\":400,\"detail\":\"Validation error "
            "occurred.\",\"invalidFields\":[{\"name\":\"payrollCalendarID\",\"reason\":\"Wrong "
            "calendar\"}]}") << "payrollCalendarID: Wrong calendar";
        QTest::newRow("projects") << QByteArray(
            "{\"message\":\"The request is "
            "invalid.\",\"modelState\":{\"model.Duration\":[\"Duration must be between 1 and 59940 "
            "minutes.\"]}}") << "Duration must be between 1 and 59940 minutes.";
    }

    void validationBodiesOfEachFamily()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const auto error = XeroErrors::fromReply(reply(400, body));
        QVERIFY(error);
        QCOMPARE(errorCodeName(error->code), errorCodeName(ErrorCode::Validation));
        QVERIFY(!error->retryable);
        QVERIFY2(error->message.contains(message), qPrintable(error->message));
    }

    void retryDecisions()
    {
        auto error = XeroErrors::fromReply(reply(401,
            "{\"Title\":\"Unauthorized\",\"Status\":401,\"Detail\":\"TokenExpired: token expired "
            "at 02/20/2025 08:32:50\"}"));
        QCOMPARE(errorCodeName(error->code), errorCodeName(ErrorCode::Unauthorized));
        QVERIFY(error->retryable); // refresh, then retry
        QVERIFY(error->message.contains(QStringLiteral("TokenExpired")));
        // An organisation without Xero Projects: permanent, and not about the token.
        error = XeroErrors::fromReply(reply(401,
            "{\"Title\":\"Unauthorized\",\"Status\":401,\"Detail\":\"The organisation hasn't been "
            "provisioned in Xero Projects\"}"));
        QCOMPARE(errorCodeName(error->code), errorCodeName(ErrorCode::BadRequest));
        QVERIFY(!error->retryable);
        QVERIFY2(error->message.contains(QStringLiteral("Turn on Xero Projects")),
            qPrintable(error->message));
        error = XeroErrors::fromReply(reply(403,
            "{\"Title\":\"Forbidden\",\"Status\":403,\"Detail\":\"AuthenticationUnsuccessful\"}"));
        QCOMPARE(errorCodeName(error->code), errorCodeName(ErrorCode::Forbidden));
        QVERIFY(!error->retryable);
        error = XeroErrors::fromReply(reply(400, "{\"error\":\"invalid_grant\"}"));
        QCOMPARE(errorCodeName(error->code), errorCodeName(ErrorCode::Unauthorized));
        QVERIFY(!error->retryable); // the connection needs a new consent
        auto limited = reply(429, "{}");
        limited.limits.problem = "minute";
        limited.limits.retryAfterSeconds = 17;
        error = XeroErrors::fromReply(limited);
        QCOMPARE(errorCodeName(error->code), errorCodeName(ErrorCode::RateLimited));
        QVERIFY(error->retryable);
        QVERIFY(error->message.contains(QStringLiteral("minute"))
            && error->message.contains(QStringLiteral("17")));
        error =
            XeroErrors::fromReply(reply(503, "The Xero API is currently offline for maintenance"));
        QCOMPARE(errorCodeName(error->code), errorCodeName(ErrorCode::Unavailable));
        QVERIFY(error->retryable);
        QVERIFY(error->message.contains(QStringLiteral("offline for maintenance")));
        QVERIFY(XeroErrors::fromTransport(QStringLiteral("timed out"), true).retryable);
        QCOMPARE(errorCodeName(XeroErrors::fromTransport(QStringLiteral("x"), true).code),
            errorCodeName(ErrorCode::Timeout));
    }

    void idempotencyKeysAreStableAndShort()
    {
        const auto a =
            XeroClient::idempotencyKey(QStringLiteral("create"), QStringLiteral("sub-1"), 3);
        QCOMPARE(
            a, XeroClient::idempotencyKey(QStringLiteral("create"), QStringLiteral("sub-1"), 3));
        QVERIFY(
            a != XeroClient::idempotencyKey(QStringLiteral("create"), QStringLiteral("sub-1"), 4));
        QVERIFY(
            a != XeroClient::idempotencyKey(QStringLiteral("update"), QStringLiteral("sub-1"), 3));
        QVERIFY(a.size() <= 128);
    }

    void pkceAndEndpoints()
    {
        // RFC 7636 appendix B.
        QCOMPARE(Pkce::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        const auto pkce = Pkce::create();
        QCOMPARE(pkce.verifier.size(), 64);
        QVERIFY(pkce.verifier != Pkce::create().verifier);
        const auto endpoints =
            XeroEndpoints::fromBaseUrl(QStringLiteral("http://127.0.0.1:8790/ignored"));
        QVERIFY_RESULT(endpoints);
        QCOMPARE(
            endpoints->token.toString(), QStringLiteral("http://127.0.0.1:8790/connect/token"));
        QVERIFY(!XeroEndpoints::fromBaseUrl(QStringLiteral("ftp://x")));
        QCOMPARE(XeroEndpoints::production().api.host(), QStringLiteral("api.xero.com"));
    }
};

QTEST_GUILESS_MAIN(TestXeroErrors)
#include "tst_xeroerrors.moc"
