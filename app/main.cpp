#include <cstdio>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include "app/dashboardlogging.h"
#include "app/secrets/keychainsecretstore.h"
#include "app/ui/mainwindow.h"
#include "core/common/logging.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

namespace {

//! The language setting, else the system's: our catalogue and Qt's own (dialog buttons).
void installTranslations(QApplication &app, const QString &override)
{
    const QLocale locale = override.isEmpty() ? QLocale::system() : QLocale(override);
    QLocale::setDefault(locale);
    auto *ours = new QTranslator(&app);
    if (ours->load(locale, u"xerosync"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(ours);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"xerosync"_s);
    QApplication::setApplicationName(u"xerosync-dashboard"_s);
    QApplication::setApplicationVersion(QStringLiteral(XEROSYNC_VERSION));
    QApplication::setDesktopFileName(u"xerosync-dashboard"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"xerosync dashboard: watch and steer the timesheet sync"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption agent(
        u"agent"_s, u"Connect to the agent at URL (not saved)."_s, u"URL"_s);
    const QCommandLineOption tokenFile(
        u"token-file"_s, u"Read the API token from FILE (with --agent)."_s, u"FILE"_s);
    const QCommandLineOption settingsFile(
        u"settings"_s, u"Keep settings in this INI file instead of the user's."_s, u"FILE"_s);
    const QCommandLineOption language(
        u"language"_s, u"Use this language (en, de, fr) instead of the system's."_s, u"CODE"_s);
    const QCommandLineOption screenshots(u"screenshots"_s,
        u"Save a screenshot of the window into DIR every few seconds."_s, u"DIR"_s);
    const QCommandLineOption screenshotInterval(u"screenshot-interval"_s,
        u"Seconds between screenshots (default 5)."_s, u"SECONDS"_s, u"5"_s);
    parser.addOptions(
        { agent, tokenFile, settingsFile, language, screenshots, screenshotInterval });
    Logging::addCommandLineOptions(parser);
    parser.process(app);

    if (const auto options = Logging::optionsFromParser(parser);
        !options || !Logging::install(*options)) {
        std::fprintf(stderr, "xerosync-dashboard: bad logging options\n");
        return 2;
    }

    std::unique_ptr<QSettings> settings = parser.isSet(settingsFile)
        ? std::make_unique<QSettings>(parser.value(settingsFile), QSettings::IniFormat)
        : std::make_unique<QSettings>();
    installTranslations(app,
        parser.isSet(language) ? parser.value(language)
                               : settings->value(u"language"_s).toString());

    KeychainSecretStore secrets;
    MainWindow window(&secrets, settings.get());
    window.show();

    if (parser.isSet(agent)) {
        QString token;
        if (parser.isSet(tokenFile)) {
            QFile file(parser.value(tokenFile));
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "xerosync-dashboard: cannot read the token file %s\n",
                    qPrintable(parser.value(tokenFile)));
                return 2;
            }
            token = QString::fromUtf8(file.readAll()).trimmed();
        }
        AgentProfile profile { QUrl(parser.value(agent)).host(), QUrl(parser.value(agent)), {} };
        window.connectTo(profile, token);
    } else {
        window.start();
    }

    QTimer shots;
    int shot = 0;
    if (parser.isSet(screenshots)) {
        const QString dir = parser.value(screenshots);
        QDir().mkpath(dir);
        QObject::connect(&shots, &QTimer::timeout, &window, [&window, &shot, dir] {
            const QString path =
                u"%1/dashboard-%2.png"_s.arg(dir).arg(shot++ % 1000, 3, 10, QLatin1Char('0'));
            window.grab().save(path);
            QFile::remove(dir + u"/latest.png"_s);
            QFile::copy(path, dir + u"/latest.png"_s);
        });
        shots.start(std::max(1, parser.value(screenshotInterval).toInt()) * 1000);
    }
    return QApplication::exec();
}
