#pragma once

#include <nlohmann/json.hpp>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTextBrowser;
class QTimer;

namespace XeroSync {

class AgentClient;
class SyncLogModel;

//! The sync log: filters, the table (paged by the model), and a detail pane for the selected row
//! with the error in plain words, its fix hint, what went to Xero and what came back.
class SyncLogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncLogPage)

public:
    SyncLogPage(AgentClient *client, QWidget *parent = nullptr);

    SyncLogModel *model() const { return m_model; }

    QTableView *view() const { return m_view; }

    QTextBrowser *details() const { return m_details; }

    QSplitter *splitter() const { return m_splitter; }

    void setAdmin(bool admin);
    //! The distinct submissions of the selected rows, in the table's order.
    QStringList selectedSubmissions() const;
    void focusFilter();
    void applyFilters();
    //! A sync finished somewhere: new rows arrive at the top.
    void handleSyncEvent(const nlohmann::json &event);

signals:
    //! The submissions of the selected rows (each once), for the manual sync dialog.
    void retryRequested(const QStringList &submissionIds);
    void message(const QString &text);

private:
    void showDetails();
    void updateRetry();
    void renderDetails(const QString &submissionId, qint64 logId, const nlohmann::json &detail);
    void updateEmptyState();

    AgentClient *m_client;
    SyncLogModel *m_model;
    QComboBox *m_status;
    QComboBox *m_trigger;
    QCheckBox *m_useDates;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLineEdit *m_text;
    QTableView *m_view;
    QSplitter *m_splitter;
    QTextBrowser *m_details;
    QPushButton *m_retry;
    QLabel *m_empty;
    QLabel *m_rowsLabel;
    QTimer *m_textDelay;
    QString m_selectedSubmission;
    bool m_admin = false;
};

} // namespace XeroSync
