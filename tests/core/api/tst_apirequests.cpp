#include <QTest>

#include "core/api/apierror.h"
#include "core/api/approvalwebhookrequest.h"
#include "core/api/batchsyncrequest.h"
#include "core/api/manualsyncrequest.h"
#include "core/api/queueactionrequest.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using Json = nlohmann::json;

//! The agent API's request bodies: every field checked, the faulty one named, unknown ones refused.
class TestApiRequests : public QObject
{
    Q_OBJECT

private slots:

    void manualSync_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("field"); // empty: accepted
        QTest::newRow("ok") << u"{\"submissionIds\":[\"a\",\"b\",\"a\"],\"priority\":\"high\"}"_s
                            << QString();
        QTest::newRow("default priority") << u"{\"submissionIds\":[\"a\"]}"_s << QString();
        QTest::newRow("missing ids") << u"{}"_s << u"submissionIds"_s;
        QTest::newRow("ids not array") << u"{\"submissionIds\":\"a\"}"_s << u"submissionIds"_s;
        QTest::newRow("empty ids") << u"{\"submissionIds\":[]}"_s << u"submissionIds"_s;
        QTest::newRow("id not string") << u"{\"submissionIds\":[1]}"_s << u"submissionIds"_s;
        QTest::newRow("blank id") << u"{\"submissionIds\":[\" \"]}"_s << u"submissionIds"_s;
        QTest::newRow("bad priority")
            << u"{\"submissionIds\":[\"a\"],\"priority\":\"urgent\"}"_s << u"priority"_s;
        QTest::newRow("unknown field")
            << u"{\"submissionIds\":[\"a\"],\"force\":true}"_s << u"force"_s;
        QTest::newRow("not an object") << u"[1,2]"_s << QString(u"-"_s);
    }

    void manualSync()
    {
        QFETCH(QString, body);
        QFETCH(QString, field);
        const auto parsed = ManualSyncRequest::fromJson(Json::parse(body.toStdString()));
        if (field.isEmpty()) {
            QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
            QCOMPARE(parsed->submissionIds.first(), u"a"_s);
            QVERIFY(!parsed->submissionIds.contains(u"c"_s));
            return;
        }
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::BadRequest);
        QCOMPARE(parsed.error().field, field == u"-"_s ? QString() : field);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    void manualSyncDeduplicatesAndMapsPriority()
    {
        const auto parsed = ManualSyncRequest::fromJson(
            Json::parse(R"({"submissionIds":["a","b","a"],"priority":"low"})"));
        QVERIFY(parsed);
        QCOMPARE(parsed->submissionIds, QStringList({ u"a"_s, u"b"_s }));
        QCOMPARE(parsed->queuePriority(), 10);
    }

    void manualSyncCapsIds()
    {
        Json ids = Json::array();
        for (int i = 0; i <= ManualSyncRequest::MaxIds; ++i)
            ids.push_back("s-" + std::to_string(i));
        const auto parsed = ManualSyncRequest::fromJson({ { "submissionIds", ids } });
        QVERIFY(!parsed);
        QVERIFY(parsed.error().message.contains(u"at most 500"_s));
    }

    void batchSync_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("ok")
            << u"{\"fromDate\":\"2026-10-01\",\"toDate\":\"2026-10-31\",\"userIds\":[\"u1\"],\"force\":true}"_s
            << QString();
        QTest::newRow("one day") << u"{\"fromDate\":\"2026-10-01\",\"toDate\":\"2026-10-01\"}"_s
                                 << QString();
        QTest::newRow("inverted") << u"{\"fromDate\":\"2026-10-31\",\"toDate\":\"2026-10-01\"}"_s
                                  << u"toDate"_s;
        QTest::newRow("not a date")
            << u"{\"fromDate\":\"2026-02-30\",\"toDate\":\"2026-10-01\"}"_s << u"fromDate"_s;
        QTest::newRow("US format")
            << u"{\"fromDate\":\"10/01/2026\",\"toDate\":\"2026-10-01\"}"_s << u"fromDate"_s;
        QTest::newRow("missing toDate") << u"{\"fromDate\":\"2026-10-01\"}"_s << u"toDate"_s;
        QTest::newRow("force not bool")
            << u"{\"fromDate\":\"2026-10-01\",\"toDate\":\"2026-10-02\",\"force\":\"yes\"}"_s
            << u"force"_s;
        QTest::newRow("too long") << u"{\"fromDate\":\"2025-01-01\",\"toDate\":\"2026-10-02\"}"_s
                                  << u"toDate"_s;
        QTest::newRow("typo")
            << u"{\"fromDate\":\"2026-10-01\",\"toDate\":\"2026-10-02\",\"userID\":[]}"_s
            << u"userID"_s;
        QTest::newRow("organisation")
            << u"{\"fromDate\":\"2026-10-01\",\"toDate\":\"2026-10-02\",\"tenantId\":\"dee3baf2-45ea-5ef1-af47-ac168ce94c34\"}"_s
            << QString();
        QTest::newRow("organisation not an id")
            << u"{\"fromDate\":\"2026-10-01\",\"toDate\":\"2026-10-02\",\"tenantId\":\"../x\"}"_s
            << u"tenantId"_s;
        QTest::newRow("organisation not a string")
            << u"{\"fromDate\":\"2026-10-01\",\"toDate\":\"2026-10-02\",\"tenantId\":7}"_s
            << u"tenantId"_s;
    }

    void batchSync()
    {
        QFETCH(QString, body);
        QFETCH(QString, field);
        const auto parsed = BatchSyncRequest::fromJson(Json::parse(body.toStdString()));
        if (field.isEmpty()) {
            QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
            const Json back = parsed->toJson();
            QCOMPARE(QString::fromStdString(back["fromDate"].get<std::string>()),
                parsed->fromDate.toString(Qt::ISODate));
            QCOMPARE(QString::fromStdString(back.value("tenantId", "")), parsed->tenantId);
            return;
        }
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().field, field);
    }

    void queueAction()
    {
        for (const auto &[name, action] :
            { std::pair { "pause", QueueActionRequest::Action::Pause },
                std::pair { "resume", QueueActionRequest::Action::Resume },
                std::pair { "retry-failed", QueueActionRequest::Action::RetryFailed },
                std::pair { "clear-failed", QueueActionRequest::Action::ClearFailed } }) {
            const auto parsed = QueueActionRequest::fromJson({ { "action", name } });
            QVERIFY(parsed);
            QCOMPARE(parsed->action, action);
            QCOMPARE(parsed->actionName(), QString::fromLatin1(name));
        }
        const auto bad = QueueActionRequest::fromJson({ { "action", "drain" } });
        QVERIFY(!bad);
        QCOMPARE(bad.error().field, u"action"_s);
    }

    void webhook()
    {
        const auto ok =
            ApprovalWebhookRequest::fromJson({ { "submissionId", "s-1" }, { "version", 3 } });
        QVERIFY(ok);
        QCOMPARE(ok->version.value_or(0), 3);
        const auto zero =
            ApprovalWebhookRequest::fromJson({ { "submissionId", "s-1" }, { "version", 0 } });
        QVERIFY(!zero);
        QCOMPARE(zero.error().field, u"version"_s);
        const auto fractional =
            ApprovalWebhookRequest::fromJson({ { "submissionId", "s-1" }, { "version", 1.5 } });
        QVERIFY(!fractional);
    }

    void errorShape_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<int>("status");
        QTest::newRow("bad_request") << ErrorCode::BadRequest << 400;
        QTest::newRow("unauthorized") << ErrorCode::Unauthorized << 401;
        QTest::newRow("forbidden") << ErrorCode::Forbidden << 403;
        QTest::newRow("not_found") << ErrorCode::NotFound << 404;
        QTest::newRow("conflict") << ErrorCode::Conflict << 409;
        QTest::newRow("payload_too_large") << ErrorCode::PayloadTooLarge << 413;
        QTest::newRow("validation") << ErrorCode::Validation << 422;
        QTest::newRow("rate_limited") << ErrorCode::RateLimited << 429;
        QTest::newRow("internal") << ErrorCode::Internal << 500;
        QTest::newRow("unavailable") << ErrorCode::Unavailable << 503;
        QTest::newRow("timeout") << ErrorCode::Timeout << 504;
    }

    void errorShape()
    {
        QFETCH(ErrorCode, code);
        QFETCH(int, status);
        QCOMPARE(ApiError::httpStatus(code), status);
        Error error { code, u"what went wrong"_s, true };
        error.field = u"fromDate"_s;
        const Json body = ApiError::body(error);
        QCOMPARE(body["error"]["field"].get<std::string>(), std::string("fromDate"));
        const Error back = ApiError::fromBody(status, body);
        QVERIFY(back == error);
    }
};

QTEST_GUILESS_MAIN(TestApiRequests)
#include "tst_apirequests.moc"
