#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace XeroSync {

class AgentClient;

//! Queues a sync of submissions the user pastes or picks (POST /api/xero/sync/manual).
class ManualSyncDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManualSyncDialog)

public:
    ManualSyncDialog(
        AgentClient *client, const QStringList &preselected, QWidget *parent = nullptr);

    //! Ids as parsed from the text box (commas, spaces or new lines between them).
    QStringList submissionIds() const;
    void setSubmissionIds(const QStringList &ids);
    void setPriority(const QString &priority);
    void submit();
    QString resultText() const;

signals:
    void submitted(int queued);

private:
    void pickFailed();

    AgentClient *m_client;
    QPlainTextEdit *m_ids;
    QComboBox *m_priority;
    QLabel *m_result;
    QPushButton *m_submit;
};

} // namespace XeroSync
