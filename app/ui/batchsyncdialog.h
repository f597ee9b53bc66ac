#pragma once

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QDialog>

class QCheckBox;
class QDateEdit;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace XeroSync {

class AgentClient;

//! Syncs every approved submission of a date range (POST /api/xero/sync/batch), with a progress
//! bar driven by the batch job's progress events and a summary when it ends.
class BatchSyncDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchSyncDialog)

public:
    BatchSyncDialog(AgentClient *client, QWidget *parent = nullptr);

    void setRange(const QDate &from, const QDate &to);
    void setForce(bool force);
    //! Employees ticked (all when none is).
    QStringList selectedUserIds() const;
    void selectUsers(const QStringList &ids);
    void start();
    //! Push events from the agent (progress, completed, failed of the batch job).
    void handleEvent(const nlohmann::json &event);

    QString jobId() const { return m_jobId; }

    int progress() const;
    QString summaryText() const;
    int employeeCount() const;

signals:
    void started(const QString &jobId);
    void finished(bool success);

private:
    void loadEmployees();
    void showSummary(const nlohmann::json &result);

    AgentClient *m_client;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QListWidget *m_users;
    QCheckBox *m_force;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QPushButton *m_start;
    QString m_jobId;
    QDateTime m_startedAt;
};

} // namespace XeroSync
