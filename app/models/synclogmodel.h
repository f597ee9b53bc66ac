#pragma once

#include <deque>

#include <nlohmann/json.hpp>

#include <QAbstractTableModel>

#include "app/models/synclogquery.h"

namespace XeroSync {

class AgentClient;

//! The sync log (`xero_sync_log`) as a table, newest first, loaded a page at a time: the first
//! page on setQuery(), older pages through fetchMore() as the view scrolls (`beforeId`), newer
//! rows at the top through fetchNewer() when the push channel says a sync finished (`afterId`).
//! Rows keep only what the table shows; the detail pane asks the agent for the rest.
class SyncLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncLogModel)

public:
    enum Column
    {
        TimeColumn,
        SubmissionColumn,
        StatusColumn,
        TriggerColumn,
        OperationColumn,
        DurationColumn,
        AttemptColumn,
        MessageColumn,
        ColumnCount
    };

    enum Role
    {
        IdRole = Qt::UserRole + 1,
        SubmissionIdRole,
        StatusRole, //!< PENDING, RUNNING, SUCCESS, FAILED
    };

    static constexpr int PageSize = 200;
    //! The most rows held at once (about 60 MB): scrolling stops there, and live rows push the
    //! oldest out, so memory stays bounded however long the log is. Older rows are one date
    //! filter away.
    static constexpr int MaxRows = 500'000;

    explicit SyncLogModel(AgentClient *client, QObject *parent = nullptr);
    ~SyncLogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    SyncLogQuery query() const { return m_query; }

    //! Drops the rows and loads the first page for `query`.
    void setQuery(const SyncLogQuery &query);

    void reload() { setQuery(m_query); }

    //! Loads rows newer than the newest shown and puts them at the top.
    void fetchNewer();
    //! Re-reads the rows of one submission that are shown (a RUNNING row that finished).
    void refreshSubmission(const QString &submissionId);

    bool isLoading() const { return m_loadingOlder || m_loadingNewer; }

    bool hasMoreOlder() const { return m_hasMoreOlder; }

    //! The row limit is reached and the log has older rows that are not loaded.
    bool isCapped() const { return m_capped; }

    //! MaxRows unless a test wants a smaller limit; applies from the next setQuery().
    void setMaxRows(int rows) { m_maxRows = std::max(rows, 1); }

    qint64 newestId() const { return m_rows.empty() ? 0 : m_rows.front().id; }

signals:
    void loadingChanged(bool loading);
    //! A page could not be loaded; the message is for the user.
    void loadFailed(const QString &message);
    //! A page arrived (first, older or newer); `added` rows.
    void pageLoaded(int added);

private:
    struct Row
    {
        qint64 id = 0;
        qint64 createdAtMs = 0;
        qint32 durationMs = -1;
        qint16 retryCount = 0;
        quint8 status = 0;
        quint8 trigger = 0;
        quint8 operation = 0; //!< index into m_operations: a handful of names, not one per row
        QString submissionId;
        QString message; //!< first 300 characters of the error (the detail pane has it all)
    };

    Row rowFromJson(const nlohmann::json &json);
    //! Keeps at most MaxRows, dropping the oldest (after live rows arrived at the top).
    void trimOldest();
    void loadOlder();
    void handleNewer(const nlohmann::json &page);

    AgentClient *m_client;
    SyncLogQuery m_query;
    std::deque<Row> m_rows; // newest first; a deque so live rows go in front cheaply
    quint64 m_generation = 0;
    bool m_loadingOlder = false;
    bool m_loadingNewer = false;
    bool m_newerPending = false;
    bool m_hasMoreOlder = false;
    bool m_capped = false;
    int m_maxRows = MaxRows;
    QStringList m_operations;
    bool m_loadedOnce = false;
};

} // namespace XeroSync
