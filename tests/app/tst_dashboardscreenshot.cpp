#include <QDir>
#include <QImage>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "app/charts/queuechart.h"
#include "app/models/synclogmodel.h"
#include "app/net/agentclient.h"
#include "app/secrets/secretstore.h"
#include "app/ui/mainwindow.h"
#include "app/ui/overviewpage.h"
#include "app/ui/synclogpage.h"
#include "fakeagent.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

namespace {

class NoSecrets final : public SecretStore
{
public:
    void read(const QString &, ReadCallback done) override
    {
        done(fail(ErrorCode::NotFound, u"none"_s));
    }

    void write(const QString &, const QString &, WriteCallback done) override { done({}); }

    void remove(const QString &, WriteCallback done) override { done({}); }
};

} // namespace

//! Renders the main window with sample data to PNG in English and German, so a person can look
//! at it (build/<preset>/screenshots/), and checks that the German one is really translated.
class TestDashboardScreenshot : public QObject
{
    Q_OBJECT

private:
    QString shoot(const QString &language)
    {
        FakeAgent agent;
        agent.setHandler([](const FakeAgent::Request &request) -> std::optional<FakeAgent::Answer> {
            if (request.path == u"/api/xero/sync/logs"_s && !request.query.contains(u"afterId"_s)
                && !request.query.contains(u"beforeId"_s))
                return FakeAgent::Answer { 200, FakeAgent::sampleLogPage(2400, 40) };
            return std::nullopt;
        });
        if (agent.listen() == 0)
            return {};
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"d.ini"_s), QSettings::IniFormat);
        NoSecrets secrets;
        MainWindow window(&secrets, &settings);
        window.resize(1280, 860);
        window.show();
        window.connectTo(AgentProfile { u"demo"_s, QUrl(agent.url()), {} }, u"xs_demo"_s);
        if (!QTest::qWaitFor(
                [&] { return window.client()->state() == AgentClient::State::Connected; }, 10'000))
            return {};
        (void)QTest::qWaitFor([&] { return window.syncLog()->model()->rowCount() == 40; }, 5000);
        // A day of samples so the chart has a shape.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 180; i >= 0; --i) {
            const int wave = int(20 + 15 * std::sin(i / 12.0));
            window.overview()->queueChart()->setCounts(wave, 3 + i % 3, i % 20 == 0 ? 4 : 0, 4);
            window.overview()->queueChart()->countFinished(wave / 4);
            window.overview()->queueChart()->sample(now - qint64(i) * 5000);
        }
        (void)QTest::qWaitFor(
            [&] { return !window.overview()->countText(u"waiting"_s).startsWith(u"–"_s); }, 5000);
        const QString out = QDir(QStringLiteral(XEROSYNC_SCREENSHOT_DIR))
                                .filePath(u"dashboard-overview-%1.png"_s.arg(language));
        QDir().mkpath(QStringLiteral(XEROSYNC_SCREENSHOT_DIR));
        if (!window.grab().save(out))
            return {};
        window.tabs()->setCurrentWidget(window.syncLog());
        window.syncLog()->view()->selectRow(0);
        QTest::qWait(300);
        window.grab().save(QDir(QStringLiteral(XEROSYNC_SCREENSHOT_DIR))
                               .filePath(u"dashboard-log-%1.png"_s.arg(language)));
        return out;
    }

private slots:

    void english()
    {
        const QString path = shoot(u"en"_s);
        QVERIFY(!path.isEmpty());
        const QImage image(path);
        // The window's size, give or take the rows its content may add while data arrives.
        QCOMPARE(image.width(), 1280);
        QVERIFY2(image.height() >= 860 && image.height() <= 960,
            qPrintable(QString::number(image.height())));
        // Not a blank grab: many distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    }

    void german()
    {
        QTranslator translator;
        QVERIFY(translator.load(u"xerosync_de"_s, QStringLiteral(XEROSYNC_QM_DIR)));
        QCoreApplication::installTranslator(&translator);
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QString overview = QCoreApplication::translate("XeroSync::MainWindow", "Overview");
        QVERIFY2(overview != u"Overview"_s, "the German catalogue does not translate the tabs");
        const QString path = shoot(u"de"_s);
        QCoreApplication::removeTranslator(&translator);
        QLocale::setDefault(QLocale::c());
        QVERIFY(!path.isEmpty());
    }
};

QTEST_MAIN(TestDashboardScreenshot)
#include "tst_dashboardscreenshot.moc"
