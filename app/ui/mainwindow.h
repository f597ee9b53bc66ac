#pragma once

#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include "app/net/agentclient.h"
#include "app/settings/agentprofile.h"

class QAction;
class QFrame;
class QLabel;
class QPushButton;
class QSettings;
class QSystemTrayIcon;
class QTabWidget;

namespace XeroSync {

class BatchSyncDialog;
class EventStream;
class JobsPage;
class OverviewPage;
class SecretStore;
class SyncLogPage;
class XeroPage;

//! The dashboard's window: a banner for the connection state, the toolbar with the controls, and
//! the Overview, Sync log, Jobs and Xero pages. Everything goes through the AgentClient.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(SecretStore *secrets, QSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    //! Connects to the saved agent (token from the keychain), or asks on first run.
    void start();
    //! Connects to an agent given on the command line (the token is kept for this session only).
    void connectTo(const AgentProfile &profile, const QString &token);

    AgentClient *client() const { return m_client; }

    OverviewPage *overview() const { return m_overview; }

    SyncLogPage *syncLog() const { return m_log; }

    JobsPage *jobs() const { return m_jobs; }

    XeroPage *xero() const { return m_xero; }

    QTabWidget *tabs() const { return m_tabs; }

    QAction *pauseAction() const { return m_pause; }

    QAction *manualSyncAction() const { return m_manualSync; }

    QAction *batchSyncAction() const { return m_batchSync; }

    QString bannerText() const;

    bool isPaused() const { return m_paused; }

    //! Replaces every confirmation dialog of the window and its pages (tests answer them).
    void setConfirm(std::function<bool(const QString &title, const QString &text)> confirm);

    void refresh();
    void togglePause();
    void openManualSync(const QStringList &ids = {});
    BatchSyncDialog *openBatchSync();

signals:
    void refreshed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void applyState(AgentClient::State state);
    void applyRole();
    void setPaused(bool paused);
    void showBanner(const QString &text, const QString &action = {});
    void handleBannerAction();
    void handleEvent(const nlohmann::json &event);
    void noteFailure();
    void openConnectDialog(const QString &message = {});
    void saveProfile(const AgentProfile &profile, const QString &token);
    void showMessage(const QString &text);
    void restoreView();

    SecretStore *m_secrets;
    QSettings *m_settings;
    AgentClient *m_client;
    EventStream *m_events;
    AgentProfile m_profile;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_bannerButton;
    QTabWidget *m_tabs;
    OverviewPage *m_overview;
    SyncLogPage *m_log;
    JobsPage *m_jobs;
    XeroPage *m_xero;
    QAction *m_connectAgent = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_manualSync = nullptr;
    QAction *m_batchSync = nullptr;
    QAction *m_filter = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QPointer<BatchSyncDialog> m_batchDialog;
    QTimer m_poll;
    std::function<bool(const QString &, const QString &)> m_confirm;
    QList<qint64> m_recentFailures;
    qint64 m_lastNotificationMs = 0;
    bool m_paused = false;
};

} // namespace XeroSync
