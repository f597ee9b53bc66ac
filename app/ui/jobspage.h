#pragma once

#include <functional>

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace XeroSync {

class AgentClient;
class JobsModel;

//! Queue jobs by state with retry and remove, and the bulk actions on failed jobs. Destructive
//! actions ask first and name how many jobs they touch.
class JobsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsPage)

public:
    using Confirm = std::function<bool(const QString &title, const QString &text)>;

    JobsPage(AgentClient *client, QWidget *parent = nullptr);

    JobsModel *model() const { return m_model; }

    QTableView *view() const { return m_view; }

    void setAdmin(bool admin);
    void refresh();
    void setState(const QString &state);

    //! Replaces the confirmation dialog (tests answer it).
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }

    void retrySelected();
    void removeSelected();
    void retryAllFailed();
    void clearFailed();

signals:
    void message(const QString &text);
    void changed();

private:
    QStringList selectedJobIds() const;
    void queueAction(const QString &action);
    void updateButtons();

    AgentClient *m_client;
    JobsModel *m_model;
    QComboBox *m_state;
    QTableView *m_view;
    QLabel *m_summary;
    QPushButton *m_retry;
    QPushButton *m_remove;
    QPushButton *m_retryAll;
    QPushButton *m_clearFailed;
    Confirm m_confirm;
    bool m_admin = false;
};

} // namespace XeroSync
