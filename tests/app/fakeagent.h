#pragma once

#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include <QList>
#include <QString>

class QHttpServer;

namespace XeroSync::Test {

//! An in-process stand-in for the agent's HTTP API, for the dashboard's error and control tests:
//! it records every request and answers what the test says (a refusing agent, a viewer token, a
//! 401). The log paging tests use the real agent instead.
class FakeAgent
{
public:
    struct Request
    {
        QString method;
        QString path;
        QString query;
        QByteArray authorization;
        nlohmann::json body;
    };

    struct Answer
    {
        int status = 200;
        nlohmann::json body = nlohmann::json::object();
    };

    //! Returns nullopt to fall back to the canned answers.
    using Handler = std::function<std::optional<Answer>(const Request &)>;

    FakeAgent();
    ~FakeAgent();
    FakeAgent(const FakeAgent &) = delete;
    FakeAgent &operator=(const FakeAgent &) = delete;

    quint16 listen(quint16 port = 0);
    QString url() const;

    void setRole(const QString &role) { m_role = role; }

    void setHandler(Handler handler) { m_handler = std::move(handler); }

    void setPaused(bool paused) { m_paused = paused; }

    //! Sample data for screenshots and overview tests.
    static nlohmann::json sampleStatus(bool paused);
    static nlohmann::json sampleStats();
    static nlohmann::json sampleLogPage(qint64 newestId, int rows);

    const QList<Request> &requests() const { return m_requests; }

    QList<Request> requestsTo(const QString &path, const QString &method = {}) const;

    void clearRequests() { m_requests.clear(); }

private:
    Answer answer(const Request &request);

    std::unique_ptr<QHttpServer> m_server;
    quint16 m_port = 0;
    QString m_role = QStringLiteral("admin");
    bool m_paused = false;
    Handler m_handler;
    QList<Request> m_requests;
};

} // namespace XeroSync::Test
