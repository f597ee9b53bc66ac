#pragma once

#include <nlohmann/json.hpp>

#include <QAbstractTableModel>

namespace XeroSync {

class AgentClient;

//! Queue jobs in one state (failed by default), as GET /api/xero/sync/jobs lists them.
class JobsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsModel)

public:
    enum Column
    {
        IdColumn,
        NameColumn,
        SubmissionColumn,
        AttemptsColumn,
        CreatedColumn,
        ReasonColumn,
        ColumnCount
    };

    enum Role
    {
        JobIdRole = Qt::UserRole + 1,
    };

    static constexpr int Limit = 500;

    explicit JobsModel(AgentClient *client, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    QString state() const { return m_state; }

    void setState(const QString &state);
    void refresh();
    QString jobId(int row) const;

    //! How many jobs are in this state in the queue (may exceed the rows listed).
    qint64 totalInState() const { return m_total; }

signals:
    void refreshed();
    void loadFailed(const QString &message);

private:
    AgentClient *m_client;
    QString m_state = QStringLiteral("failed");
    nlohmann::json m_jobs = nlohmann::json::array();
    qint64 m_total = 0;
    quint64 m_generation = 0;
};

} // namespace XeroSync
