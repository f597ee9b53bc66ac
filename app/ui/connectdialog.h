#pragma once

#include <QDialog>

#include "app/settings/agentprofile.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace XeroSync {

//! Asks for the agent's address and an API token (first run, or "Connect to agent…"). Saved agents
//! can be picked; their token stays in the keychain when the token field is left empty.
class ConnectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    ConnectDialog(const QList<AgentProfile> &saved, const std::optional<AgentProfile> &current,
        QWidget *parent = nullptr);

    AgentProfile profile() const;
    //! Empty: keep the token stored for this agent.
    QString token() const;
    void setMessage(const QString &message);

private:
    void handleSavedChosen(int index);
    void validate();

    QList<AgentProfile> m_saved;
    QComboBox *m_savedAgents;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QLabel *m_message;
};

} // namespace XeroSync
