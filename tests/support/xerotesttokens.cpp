#include "xerotesttokens.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

#include "core/common/systemclock.h"

namespace XeroSync::Test {

namespace {

//! Runs the event loop until `ready` or 20 s.
template <typename Ready>
bool waitFor(Ready ready)
{
    const QDeadlineTimer deadline(20'000);
    while (!ready() && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return ready();
}

} // namespace

Result<TokenSet> XeroTestTokens::connectWithPkce(OAuthClient &oauth)
{
    const auto pkce = Pkce::create();
    QNetworkAccessManager network;
    QNetworkRequest request(oauth.authorizationUrl(pkce, QStringLiteral("test-state")));
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    auto *reply = network.get(request);
    if (!waitFor([reply] { return reply->isFinished(); }))
        return fail(ErrorCode::Timeout, QStringLiteral("the emulator did not answer authorize"));
    const auto code = QUrlQuery(QUrl(QString::fromUtf8(reply->rawHeader("Location"))))
                          .queryItemValue(QStringLiteral("code"));
    reply->deleteLater();
    if (code.isEmpty())
        return fail(ErrorCode::Unauthorized, QStringLiteral("authorize gave no code"));
    std::optional<Result<TokenSet>> tokens;
    oauth.exchangeCode(
        code, pkce.verifier, [&tokens](Result<TokenSet> t) { tokens = std::move(t); });
    if (!waitFor([&tokens] { return tokens.has_value(); }))
        return fail(
            ErrorCode::Timeout, QStringLiteral("the emulator did not answer the code exchange"));
    return *tokens;
}

Result<QString> XeroTestTokens::customConnection(const XeroEndpoints &endpoints)
{
    OAuthClient custom(endpoints,
        OAuthSettings {
            QStringLiteral("xerosync-custom"), QStringLiteral("demo-custom-secret"), {}, {} },
        SystemClock::shared());
    std::optional<Result<TokenSet>> tokens;
    custom.clientCredentials([&tokens](Result<TokenSet> t) { tokens = std::move(t); });
    if (!waitFor([&tokens] { return tokens.has_value(); }))
        return fail(
            ErrorCode::Timeout, QStringLiteral("the emulator did not answer client_credentials"));
    if (!*tokens)
        return std::unexpected(tokens->error());
    return (*tokens)->accessToken;
}

} // namespace XeroSync::Test
