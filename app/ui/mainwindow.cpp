#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QUrlQuery>
#include <QVBoxLayout>

#include "app/charts/queuechart.h"
#include "app/dashboardlogging.h"
#include "app/models/synclogmodel.h"
#include "app/net/eventstream.h"
#include "app/secrets/secretstore.h"
#include "app/settings/agentprofiles.h"
#include "app/ui/batchsyncdialog.h"
#include "app/ui/connectdialog.h"
#include "app/ui/jobspage.h"
#include "app/ui/manualsyncdialog.h"
#include "app/ui/overviewpage.h"
#include "app/ui/statustile.h"
#include "app/ui/synclogpage.h"
#include "app/ui/xeropage.h"
#include "core/api/routes.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

namespace {
constexpr int PollIntervalMs = 10000;
constexpr int FailureWindowMs = 5 * 60000;
constexpr int FailuresToNotify = 3;
constexpr int NotifyQuietMs = 10 * 60000;
} // namespace

MainWindow::MainWindow(SecretStore *secrets, QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_secrets(secrets)
    , m_settings(settings)
    , m_client(new AgentClient(this))
    , m_events(new EventStream(m_client, this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_bannerButton(new QPushButton(m_banner))
    , m_tabs(new QTabWidget(this))
    , m_overview(new OverviewPage(this))
    , m_log(new SyncLogPage(m_client, this))
    , m_jobs(new JobsPage(m_client, this))
    , m_xero(new XeroPage(m_client, this))
{
    setWindowTitle(tr("xerosync dashboard"));
    setWindowIcon(QIcon(u":/icons/xerosync.svg"_s));
    m_banner->setObjectName(u"banner"_s);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_bannerText->setObjectName(u"bannerText"_s);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_bannerButton);
    m_banner->hide();

    m_tabs->setObjectName(u"pages"_s);
    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_log, tr("Sync log"));
    m_tabs->addTab(m_jobs, tr("Jobs"));
    m_tabs->addTab(m_xero, tr("Xero"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    buildActions();

    connect(m_client, &AgentClient::stateChanged, this, &MainWindow::applyState);
    connect(m_bannerButton, &QPushButton::clicked, this, &MainWindow::handleBannerAction);
    connect(m_events, &EventStream::countsChanged, m_overview, &OverviewPage::applyCounts);
    connect(m_events, &EventStream::eventReceived, this, &MainWindow::handleEvent);
    connect(m_events, &EventStream::resyncNeeded, this, [this] { m_log->model()->fetchNewer(); });
    connect(m_events, &EventStream::opened, this,
        [this] { statusBar()->showMessage(tr("Live updates on"), 3000); });
    connect(m_events, &EventStream::closed, this,
        [this] { statusBar()->showMessage(tr("Live updates interrupted; reconnecting…")); });
    connect(m_log, &SyncLogPage::message, this, &MainWindow::showMessage);
    connect(m_jobs, &JobsPage::message, this, &MainWindow::showMessage);
    connect(m_xero, &XeroPage::message, this, &MainWindow::showMessage);
    connect(m_log, &SyncLogPage::retryRequested, this, &MainWindow::openManualSync);
    connect(m_jobs, &JobsPage::changed, this, &MainWindow::refresh);
    m_poll.setInterval(PollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &MainWindow::refresh);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("xerosync"));
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        m_tray->show();
    }
    m_confirm = [this](const QString &title, const QString &text) {
        return QMessageBox::question(
                   this, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes)
            == QMessageBox::Yes;
    };
    restoreView();
    applyState(AgentClient::State::Disconnected);
}

void MainWindow::setConfirm(std::function<bool(const QString &, const QString &)> confirm)
{
    m_confirm = confirm;
    m_jobs->setConfirm(confirm);
    m_xero->setConfirm(confirm);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    m_connectAgent = new QAction(tr("Connect to agent…"), this);
    m_refresh = new QAction(tr("Refresh"), this);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_pause = new QAction(tr("Pause syncing"), this);
    m_pause->setObjectName(u"pauseAction"_s);
    m_pause->setShortcut(QKeySequence(u"Ctrl+P"_s));
    m_manualSync = new QAction(tr("Sync submissions…"), this);
    m_manualSync->setShortcut(QKeySequence(u"Ctrl+M"_s));
    m_batchSync = new QAction(tr("Batch sync…"), this);
    m_batchSync->setShortcut(QKeySequence(u"Ctrl+B"_s));
    m_filter = new QAction(tr("Filter the sync log"), this);
    m_filter->setShortcut(QKeySequence::Find);

    connect(m_connectAgent, &QAction::triggered, this, [this] { openConnectDialog(); });
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_pause, &QAction::triggered, this, &MainWindow::togglePause);
    connect(m_manualSync, &QAction::triggered, this, [this] {
        openManualSync(
            m_tabs->currentWidget() == m_log ? m_log->selectedSubmissions() : QStringList());
    });
    connect(m_batchSync, &QAction::triggered, this, &MainWindow::openBatchSync);
    connect(m_filter, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_log);
        m_log->focusFilter();
    });

    auto *toolbar = addToolBar(tr("Controls"));
    toolbar->setObjectName(u"controls"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(m_refresh);
    toolbar->addSeparator();
    toolbar->addAction(m_pause);
    toolbar->addAction(m_manualSync);
    toolbar->addAction(m_batchSync);

    QMenu *file = menuBar()->addMenu(tr("&Agent"));
    file->addAction(m_connectAgent);
    file->addAction(m_refresh);
    file->addSeparator();
    QAction *quit = file->addAction(tr("Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::quit);
    QMenu *sync = menuBar()->addMenu(tr("&Sync"));
    sync->addAction(m_pause);
    sync->addAction(m_manualSync);
    sync->addAction(m_batchSync);
    sync->addAction(m_filter);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *language = view->addMenu(tr("Language"));
    const QString chosen = m_settings->value(u"language"_s).toString();
    for (const auto &[code, name] :
        { std::pair { QString(), tr("Follow the system") }, std::pair { u"en"_s, u"English"_s },
            std::pair { u"de"_s, u"Deutsch"_s }, std::pair { u"fr"_s, u"Français"_s } }) {
        QAction *action = language->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == chosen);
        connect(action, &QAction::triggered, this, [this, code, language, action] {
            for (QAction *other : language->actions())
                other->setChecked(other == action);
            m_settings->setValue(u"language"_s, code);
            showMessage(tr("The language changes the next time the dashboard starts."));
        });
    }
}

void MainWindow::restoreView()
{
    restoreGeometry(m_settings->value(u"window/geometry"_s).toByteArray());
    restoreState(m_settings->value(u"window/state"_s).toByteArray());
    m_log->splitter()->restoreState(m_settings->value(u"window/logSplitter"_s).toByteArray());
    m_tabs->setCurrentIndex(m_settings->value(u"window/page"_s, 0).toInt());
    if (m_settings->value(u"window/geometry"_s).isNull())
        resize(1180, 820);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setValue(u"window/geometry"_s, saveGeometry());
    m_settings->setValue(u"window/state"_s, saveState());
    m_settings->setValue(u"window/logSplitter"_s, m_log->splitter()->saveState());
    m_settings->setValue(u"window/page"_s, m_tabs->currentIndex());
    QMainWindow::closeEvent(event);
}

void MainWindow::start()
{
    AgentProfiles profiles(*m_settings);
    const auto current = profiles.current();
    if (!current) {
        showBanner(tr("Not connected to an agent yet."), tr("Connect…"));
        QTimer::singleShot(0, this, [this] { openConnectDialog(); });
        return;
    }
    m_profile = *current;
    showBanner(tr("Reading the token for %1 from the keychain…").arg(m_profile.name));
    m_secrets->read(m_profile.secretKey(), [this, profile = m_profile](Result<QString> token) {
        if (!(profile == m_profile))
            return;
        if (!token) {
            openConnectDialog(token.error().code == ErrorCode::NotFound
                    ? tr("No token is stored for %1. Enter it again.").arg(profile.name)
                    : token.error().message);
            return;
        }
        connectTo(profile, *token);
    });
}

void MainWindow::connectTo(const AgentProfile &profile, const QString &token)
{
    m_profile = profile;
    setWindowTitle(tr("xerosync dashboard — %1")
                       .arg(profile.name.isEmpty() ? profile.url.toString() : profile.name));
    m_client->setAgent(profile.url, token, profile.trustedFingerprint);
    m_client->connectToAgent();
}

void MainWindow::openConnectDialog(const QString &message)
{
    AgentProfiles profiles(*m_settings);
    ConnectDialog dialog(profiles.all(), profiles.current(), this);
    if (!message.isEmpty())
        dialog.setMessage(message);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AgentProfile profile = dialog.profile();
    const QString token = dialog.token();
    if (token.isEmpty()) {
        // A saved agent with its token left in the keychain.
        profiles.setCurrent(profile.url);
        start();
        return;
    }
    saveProfile(profile, token);
    connectTo(profile, token);
}

void MainWindow::saveProfile(const AgentProfile &profile, const QString &token)
{
    AgentProfiles(*m_settings).save(profile);
    m_secrets->write(profile.secretKey(), token, [this](Result<void> written) {
        if (!written)
            showMessage(written.error().message);
    });
}

void MainWindow::applyState(AgentClient::State state)
{
    using State = AgentClient::State;
    switch (state) {
    case State::Disconnected:
        m_overview->setAgentState(int(StatusTile::Level::Unknown), tr("Not connected"), QString());
        m_poll.stop();
        break;
    case State::Connecting:
        showBanner(tr("Connecting to %1…").arg(m_client->baseUrl().toString()));
        m_overview->setAgentState(
            int(StatusTile::Level::Unknown), tr("Connecting…"), m_client->baseUrl().toString());
        break;
    case State::Connected:
        if (!m_client->isAdmin())
            showBanner(tr("Connected with a viewer token (%1): you can watch, but the controls are "
                          "disabled. Ask for an admin token to pause, retry or sync.")
                           .arg(m_client->tokenName()));
        else
            m_banner->hide();
        m_overview->setAgentState(int(StatusTile::Level::Ok), tr("Connected"),
            tr("%1 as %2 (%3)")
                .arg(m_client->baseUrl().toString(), m_client->tokenName(), m_client->role()));
        m_poll.start();
        refresh();
        m_log->applyFilters();
        break;
    case State::Unreachable:
        showBanner(tr("The agent at %1 cannot be reached (%2). Retrying by itself.")
                       .arg(m_client->baseUrl().toString(), m_client->lastError()),
            tr("Retry now"));
        m_overview->setAgentState(
            int(StatusTile::Level::Error), tr("Unreachable"), m_client->lastError());
        m_poll.stop();
        break;
    case State::TokenRejected:
        showBanner(
            tr("The agent rejected the token: it is unknown or was revoked. Enter a valid token."),
            tr("Enter token…"));
        m_overview->setAgentState(int(StatusTile::Level::Error), tr("Token rejected"), QString());
        m_poll.stop();
        break;
    case State::TlsUntrusted:
        showBanner(tr("The agent's TLS certificate is not trusted by this computer. Its SHA-256 "
                      "fingerprint is %1. Trust it only if it matches the fingerprint the agent's "
                      "administrator gave you.")
                       .arg(QString::fromLatin1(m_client->untrustedFingerprint())),
            tr("Trust this certificate"));
        m_overview->setAgentState(
            int(StatusTile::Level::Error), tr("Certificate not trusted"), QString());
        m_poll.stop();
        break;
    case State::Incompatible:
        showBanner(m_client->lastError());
        m_overview->setAgentState(
            int(StatusTile::Level::Error), tr("Incompatible"), m_client->lastError());
        m_poll.stop();
        break;
    }
    applyRole();
}

void MainWindow::applyRole()
{
    const bool connected = m_client->state() == AgentClient::State::Connected;
    const bool admin = connected && m_client->isAdmin();
    const QString tip = !connected ? tr("Not connected to an agent.")
        : admin                    ? QString()
                                   : tr("Your token is a viewer token: only admins can do this.");
    for (QAction *action : { m_pause, m_manualSync, m_batchSync }) {
        action->setEnabled(admin);
        action->setToolTip(tip.isEmpty() ? action->text() : tip);
    }
    m_refresh->setEnabled(connected);
    m_log->setAdmin(admin);
    m_jobs->setAdmin(admin);
    m_xero->setAdmin(admin);
}

void MainWindow::showBanner(const QString &text, const QString &action)
{
    m_bannerText->setText(text);
    m_bannerButton->setText(action);
    m_bannerButton->setVisible(!action.isEmpty());
    m_banner->show();
}

QString MainWindow::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_bannerText->text();
}

void MainWindow::handleBannerAction()
{
    switch (m_client->state()) {
    case AgentClient::State::TlsUntrusted: {
        m_profile.trustedFingerprint = m_client->untrustedFingerprint();
        AgentProfiles(*m_settings).save(m_profile);
        connectTo(m_profile, m_client->token());
        break;
    }
    case AgentClient::State::TokenRejected:
    case AgentClient::State::Disconnected:
        openConnectDialog();
        break;
    default:
        m_client->connectToAgent();
    }
}

void MainWindow::showMessage(const QString &text)
{
    statusBar()->showMessage(text, 10000);
    qCInfo(lcDashboard).noquote() << text;
}

void MainWindow::refresh()
{
    if (m_client->state() != AgentClient::State::Connected)
        return;
    m_client->get(
        QString::fromLatin1(Routes::Health), {}, this, [this](Result<nlohmann::json> health) {
            if (health)
                m_overview->applyHealth(*health);
        });
    m_client->get(
        QString::fromLatin1(Routes::QueueStatus), {}, this, [this](Result<nlohmann::json> status) {
            if (!status)
                return;
            m_overview->applyStatus(*status);
            setPaused(status->value("paused", false));
            if (status->contains("xero"))
                m_xero->apply((*status)["xero"]);
            emit refreshed();
        });
    QUrlQuery hours;
    hours.addQueryItem(u"hours"_s, u"24"_s);
    m_client->get(
        QString::fromLatin1(Routes::Stats), hours, this, [this](Result<nlohmann::json> stats) {
            if (stats)
                m_overview->applyStats(*stats);
        });
    m_jobs->refresh();
}

void MainWindow::setPaused(bool paused)
{
    m_paused = paused;
    m_pause->setText(paused ? tr("Resume syncing") : tr("Pause syncing"));
}

void MainWindow::togglePause()
{
    const bool resume = m_paused;
    if (!resume
        && !m_confirm(tr("Pause syncing"),
            tr("Pause syncing for every agent? Approvals keep queueing and are synced after you "
               "resume.")))
        return;
    m_client->post(QString::fromLatin1(Routes::QueueStatus),
        { { "action", resume ? "resume" : "pause" } }, this, [this](Result<nlohmann::json> done) {
            if (!done) {
                showMessage(tr("The agent refused: %1").arg(done.error().message));
                return;
            }
            setPaused(done->value("paused", false));
            refresh();
        });
}

void MainWindow::openManualSync(const QStringList &ids)
{
    auto *dialog = new ManualSyncDialog(m_client, ids, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ManualSyncDialog::submitted, this, &MainWindow::refresh);
    dialog->show();
}

BatchSyncDialog *MainWindow::openBatchSync()
{
    if (m_batchDialog) {
        m_batchDialog->raise();
        return m_batchDialog;
    }
    m_batchDialog = new BatchSyncDialog(m_client, this);
    m_batchDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_batchDialog, &BatchSyncDialog::finished, this, &MainWindow::refresh);
    m_batchDialog->show();
    return m_batchDialog;
}

void MainWindow::handleEvent(const nlohmann::json &event)
{
    const std::string type = event.value("type", "");
    if (type == "sync") {
        m_log->handleSyncEvent(event);
        if (!event.value("success", true))
            noteFailure();
    } else if (type == "completed" || type == "failed") {
        m_overview->queueChart()->countFinished();
    } else if (type == "paused" || type == "resumed") {
        setPaused(type == "paused");
        refresh();
    } else if (type == "connection") {
        m_xero->refresh();
        refresh();
    } else if (type == "queue") {
        m_jobs->refresh();
    }
    if (m_batchDialog)
        m_batchDialog->handleEvent(event);
}

void MainWindow::noteFailure()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_recentFailures.append(now);
    m_recentFailures.removeIf([now](qint64 at) { return at < now - FailureWindowMs; });
    if (m_recentFailures.size() < FailuresToNotify || now - m_lastNotificationMs < NotifyQuietMs)
        return;
    m_lastNotificationMs = now;
    const QString text =
        tr("%n sync(s) failed in the last 5 minutes. Open the sync log to see why.", nullptr,
            int(m_recentFailures.size()));
    if (m_tray)
        m_tray->showMessage(tr("xerosync: syncs are failing"), text, QSystemTrayIcon::Warning);
    showMessage(text);
}

} // namespace XeroSync
