#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

#include "core/common/logging.h"
#include "emulatorlogging.h"
#include "emulatorserver.h"

using namespace XeroEmulator;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "xero-emulator: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("xero-emulator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(XEROSYNC_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local stand-in for Xero's identity, Payroll AU 1.0, Payroll 2.0 and Projects APIs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(QStringLiteral("port"),
        QStringLiteral("Port to listen on; 0 picks a free one."), QStringLiteral("port"),
        QStringLiteral("0"));
    const QCommandLineOption bind(QStringLiteral("bind"), QStringLiteral("Address to listen on."),
        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption seed(QStringLiteral("seed"),
        QStringLiteral(
            "Seed file to load, 'default' for the built-in demo seed, 'none' for nothing."),
        QStringLiteral("file"), QStringLiteral("default"));
    const QCommandLineOption state(QStringLiteral("state"),
        QStringLiteral("Saved state to load at start (see POST /__emulator/state/save)."),
        QStringLiteral("file"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
        QStringLiteral("PEM certificate for HTTPS."), QStringLiteral("file"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
        QStringLiteral("PEM private key for HTTPS."), QStringLiteral("file"));
    const QCommandLineOption idSeed(QStringLiteral("id-seed"),
        QStringLiteral("Seed for ids and tokens, for reproducible runs."),
        QStringLiteral("number"));
    const QCommandLineOption latency(QStringLiteral("latency-ms"),
        QStringLiteral("Delay added to every API answer."), QStringLiteral("ms"),
        QStringLiteral("0"));
    const QCommandLineOption dailyLimit(QStringLiteral("daily-limit"),
        QStringLiteral("Calls per tenant per day (Xero: 5000; Starter tier: 1000)."),
        QStringLiteral("calls"), QStringLiteral("5000"));
    const QCommandLineOption consentPage(QStringLiteral("consent-page"),
        QStringLiteral("Show the consent page on authorize instead of consenting at once."));
    parser.addOptions(
        { port, bind, seed, state, tlsCert, tlsKey, idSeed, latency, dailyLimit, consentPage });
    XeroSync::Logging::addCommandLineOptions(parser);
    parser.process(app);

    const auto logging = XeroSync::Logging::optionsFromParser(parser);
    if (!logging)
        return fail(logging.error().message);
    if (auto installed = XeroSync::Logging::install(*logging); !installed)
        return fail(installed.error().message);

    EmulatorServer::Options options;
    options.defaultSeedPath = ":/xero-emulator/seeds/default.json";
    if (parser.isSet(idSeed)) {
        bool ok = false;
        options.idSeed = parser.value(idSeed).toUInt(&ok);
        if (!ok)
            return fail(QStringLiteral("--id-seed needs a number"));
    }
    EmulatorServer server(options);
    bool ok = false;
    server.config().latencyMs = parser.value(latency).toInt(&ok);
    if (!ok || server.config().latencyMs < 0)
        return fail(QStringLiteral("--latency-ms needs a non-negative number"));
    server.config().dailyLimit = parser.value(dailyLimit).toInt(&ok);
    if (!ok || server.config().dailyLimit < 1)
        return fail(QStringLiteral("--daily-limit needs a positive number"));
    server.config().autoConsent = !parser.isSet(consentPage);

    const auto seedValue = parser.value(seed);
    if (seedValue != QLatin1String("none")) {
        const auto path = seedValue == QLatin1String("default") ? options.defaultSeedPath
                                                                : seedValue.toStdString();
        if (auto error = server.control().loadSeedFile(path); !error.empty())
            return fail(QString::fromStdString(error));
    }
    if (parser.isSet(state)) {
        if (auto error = server.control().loadState(parser.value(state).toStdString());
            !error.empty())
            return fail(QString::fromStdString(error));
    }

    QString scheme = QStringLiteral("http");
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return fail(QStringLiteral("--tls-cert and --tls-key go together"));
    if (parser.isSet(tlsCert)) {
        QFile certFile(parser.value(tlsCert));
        QFile keyFile(parser.value(tlsKey));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read the TLS certificate or key"));
        const QSslCertificate certificate(&certFile, QSsl::Pem);
        const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
        if (certificate.isNull() || key.isNull())
            return fail(
                QStringLiteral("the TLS certificate or key is not valid PEM (RSA keys only)"));
        auto tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(certificate);
        tls.setPrivateKey(key);
        server.setTls(tls);
        scheme = QStringLiteral("https");
    }

    const QHostAddress address(parser.value(bind));
    if (address.isNull())
        return fail(QStringLiteral("--bind needs an IP address"));
    const auto requestedPort = parser.value(port).toUShort(&ok);
    if (!ok)
        return fail(QStringLiteral("--port needs a port number"));
    const auto actualPort = server.listen(address, requestedPort);
    if (actualPort == 0)
        return fail(
            QStringLiteral("cannot listen on %1:%2").arg(address.toString()).arg(requestedPort));
    const auto host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(address.toString())
        : address.toString();
    const auto baseUrl = QStringLiteral("%1://%2:%3").arg(scheme, host).arg(actualPort);
    server.setBaseUrl(baseUrl.toStdString());
    // Scripts and tests read this first line to learn the port.
    std::printf("xero-emulator listening on %s\n", qPrintable(baseUrl));
    std::fflush(stdout);
    qCInfo(lcEmulator).noquote() << "listening on" << baseUrl << "with"
                                 << server.state().tenants().size() << "tenants";
    return QCoreApplication::exec();
}
