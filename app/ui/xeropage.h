#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace XeroSync {

class AgentClient;

//! The agent's Xero connection: organisations with their token state, connect (in the system
//! browser, through the agent's OAuth flow) and disconnect.
class XeroPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(XeroPage)

public:
    using OpenUrl = std::function<bool(const QUrl &)>;
    using Confirm = std::function<bool(const QString &title, const QString &text)>;

    XeroPage(AgentClient *client, QWidget *parent = nullptr);

    void setAdmin(bool admin);
    void refresh();
    void apply(const nlohmann::json &connection);
    void connectXero();
    void disconnectXero();

    //! Tests replace the browser and the confirmation.
    void setOpenUrl(OpenUrl open) { m_openUrl = std::move(open); }

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }

    QTableWidget *table() const { return m_table; }

    QString statusText() const;

signals:
    void message(const QString &text);

private:
    AgentClient *m_client;
    QLabel *m_status;
    QTableWidget *m_table;
    QPushButton *m_connect;
    QPushButton *m_disconnect;
    OpenUrl m_openUrl;
    Confirm m_confirm;
    bool m_admin = false;
    bool m_connected = false;
};

} // namespace XeroSync
