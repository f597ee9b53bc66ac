#include "synclogmodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

#include "app/net/agentclient.h"
#include "core/api/routes.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

namespace {

// Status and trigger kept as one byte per row (a million rows add up).
const QStringList Statuses { u"PENDING"_s, u"RUNNING"_s, u"SUCCESS"_s, u"FAILED"_s };
const QStringList Triggers { u"approval"_s, u"manual"_s, u"batch"_s, u"scheduled"_s };

quint8 indexIn(const QStringList &list, const std::string &value)
{
    const qsizetype i = list.indexOf(QString::fromStdString(value));
    return i < 0 ? 0 : quint8(i);
}

} // namespace

SyncLogModel::SyncLogModel(AgentClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{ }

SyncLogModel::~SyncLogModel() = default;

int SyncLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SyncLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SyncLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SubmissionColumn:
        return tr("Submission");
    case StatusColumn:
        return tr("Status");
    case TriggerColumn:
        return tr("Trigger");
    case OperationColumn:
        return tr("Operation");
    case DurationColumn:
        return tr("Duration");
    case AttemptColumn:
        return tr("Attempt");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

QVariant SyncLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    switch (role) {
    case IdRole:
        return row.id;
    case SubmissionIdRole:
        return row.submissionId;
    case StatusRole:
        return Statuses.value(row.status);
    case Qt::ToolTipRole:
        return index.column() == MessageColumn && !row.message.isEmpty() ? QVariant(row.message)
                                                                         : QVariant();
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && row.status == 3)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (index.column() == StatusColumn && row.status == 2)
            return QBrush(QColor(0x2e, 0x7d, 0x32));
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == DurationColumn || index.column() == AttemptColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.createdAtMs).toLocalTime(),
            u"yyyy-MM-dd HH:mm:ss"_s);
    case SubmissionColumn:
        return row.submissionId;
    case StatusColumn:
        switch (row.status) {
        case 0:
            return tr("Pending");
        case 1:
            return tr("Running");
        case 2:
            return tr("Synced");
        default:
            return tr("Failed");
        }
    case TriggerColumn:
        switch (row.trigger) {
        case 0:
            return tr("Approval");
        case 1:
            return tr("Manual");
        case 2:
            return tr("Batch");
        default:
            return tr("Scheduled");
        }
    case OperationColumn:
        return m_operations.value(row.operation);
    case DurationColumn:
        return row.durationMs < 0 ? QString() : tr("%1 s").arg(row.durationMs / 1000.0, 0, 'f', 2);
    case AttemptColumn:
        return row.retryCount + 1;
    case MessageColumn:
        return row.message;
    default:
        return {};
    }
}

SyncLogModel::Row SyncLogModel::rowFromJson(const nlohmann::json &json)
{
    Row row;
    row.id = json.value("id", qint64(0));
    const QDateTime created = QDateTime::fromString(
        QString::fromStdString(json.value("createdAt", "")), Qt::ISODateWithMs);
    row.createdAtMs = created.isValid() ? created.toMSecsSinceEpoch() : 0;
    if (json.contains("durationMs") && json["durationMs"].is_number())
        row.durationMs = json["durationMs"].get<qint32>();
    row.retryCount = qint16(json.value("retryCount", 0));
    row.status = indexIn(Statuses, json.value("status", ""));
    row.trigger = indexIn(Triggers, json.value("trigger", ""));
    row.submissionId = QString::fromStdString(json.value("submissionId", ""));
    const QString operation = QString::fromStdString(json.value("operation", ""));
    qsizetype known = m_operations.indexOf(operation);
    if (known < 0 && m_operations.size() < 255) {
        m_operations << operation;
        known = m_operations.size() - 1;
    }
    row.operation = quint8(std::max<qsizetype>(known, 0));
    row.message = QString::fromStdString(json.value("error", "")).left(300);
    return row;
}

void SyncLogModel::setQuery(const SyncLogQuery &query)
{
    ++m_generation;
    beginResetModel();
    m_query = query;
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_hasMoreOlder = false;
    m_capped = false;
    m_loadedOnce = false;
    m_loadingOlder = false;
    m_loadingNewer = false;
    m_newerPending = false;
    endResetModel();
    loadOlder();
}

bool SyncLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMoreOlder && !m_loadingOlder;
}

void SyncLogModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        loadOlder();
}

void SyncLogModel::loadOlder()
{
    QUrlQuery params = m_query.toUrlQuery();
    // The last page before the limit asks for just what fits.
    const int room = m_maxRows - int(m_rows.size());
    params.addQueryItem(u"limit"_s, QString::number(std::clamp(room, 1, int(PageSize))));
    if (!m_rows.empty())
        params.addQueryItem(u"beforeId"_s, QString::number(m_rows.back().id));
    m_loadingOlder = true;
    emit loadingChanged(true);
    const quint64 generation = m_generation;
    m_client->get(QString::fromLatin1(Routes::Logs), params, this,
        [this, generation](Result<nlohmann::json> page) {
            if (generation != m_generation)
                return;
            m_loadedOnce = true;
            if (!page) {
                m_loadingOlder = false;
                emit loadingChanged(isLoading());
                emit loadFailed(page.error().message);
                return;
            }
            const auto rows = page->value("rows", nlohmann::json::array());
            if (!rows.empty()) {
                const int first = int(m_rows.size());
                beginInsertRows({}, first, first + int(rows.size()) - 1);
                for (const auto &json : rows)
                    m_rows.push_back(rowFromJson(json)); // already newest first
                endInsertRows();
            }
            // Only now may the next page start: views call fetchMore() from inside the insert
            // signals, and must see the new oldest row.
            m_hasMoreOlder = page->value("hasMore", false);
            if (m_hasMoreOlder && m_rows.size() >= std::size_t(m_maxRows)) {
                m_hasMoreOlder = false;
                m_capped = true;
            }
            m_loadingOlder = false;
            emit loadingChanged(isLoading());
            emit pageLoaded(int(rows.size()));
            if (m_newerPending) {
                m_newerPending = false;
                fetchNewer();
            }
        });
}

void SyncLogModel::fetchNewer()
{
    if (!m_loadedOnce || m_loadingOlder || m_loadingNewer) {
        // Asked again when the running load ends, so no live row is missed.
        m_newerPending = true;
        return;
    }
    if (m_rows.empty()) {
        // Nothing shown yet: the first page is the newest rows.
        m_newerPending = false;
        reload();
        return;
    }
    QUrlQuery params = m_query.toUrlQuery();
    params.addQueryItem(u"limit"_s, QString::number(500));
    params.addQueryItem(u"afterId"_s, QString::number(newestId()));
    m_loadingNewer = true;
    emit loadingChanged(true);
    const quint64 generation = m_generation;
    m_client->get(QString::fromLatin1(Routes::Logs), params, this,
        [this, generation](Result<nlohmann::json> page) {
            if (generation != m_generation)
                return;
            if (!page) {
                m_loadingNewer = false;
                emit loadingChanged(isLoading());
                emit loadFailed(page.error().message);
                return;
            }
            handleNewer(*page);
        });
}

void SyncLogModel::handleNewer(const nlohmann::json &page)
{
    const auto rows = page.value("rows", nlohmann::json::array()); // afterId pages ascend
    if (!rows.empty()) {
        beginInsertRows({}, 0, int(rows.size()) - 1);
        for (const auto &json : rows)
            m_rows.push_front(rowFromJson(json));
        endInsertRows();
        trimOldest();
    }
    m_loadingNewer = false;
    emit loadingChanged(isLoading());
    emit pageLoaded(int(rows.size()));
    if (page.value("hasMore", false) || m_newerPending) {
        m_newerPending = false;
        fetchNewer();
    }
}

void SyncLogModel::trimOldest()
{
    if (m_rows.size() <= std::size_t(m_maxRows))
        return;
    beginRemoveRows({}, m_maxRows, int(m_rows.size()) - 1);
    m_rows.resize(std::size_t(m_maxRows));
    endRemoveRows();
    m_capped = true;
    m_hasMoreOlder = false;
}

void SyncLogModel::refreshSubmission(const QString &submissionId)
{
    QUrlQuery params;
    params.addQueryItem(u"submissionId"_s, submissionId);
    params.addQueryItem(u"limit"_s, u"20"_s);
    const quint64 generation = m_generation;
    m_client->get(QString::fromLatin1(Routes::Logs), params, this,
        [this, generation](Result<nlohmann::json> page) {
            if (generation != m_generation || !page)
                return;
            // Finished rows are recent: look near the top only.
            const std::size_t window = std::min<std::size_t>(m_rows.size(), 2000);
            for (const auto &json : page->value("rows", nlohmann::json::array())) {
                const Row fresh = rowFromJson(json);
                for (std::size_t i = 0; i < window; ++i) {
                    if (m_rows[i].id == fresh.id) {
                        m_rows[i] = fresh;
                        emit dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
                        break;
                    }
                }
            }
        });
}

} // namespace XeroSync
