#include "jobsmodel.h"

#include <QDateTime>
#include <QLocale>
#include <QUrlQuery>

#include "app/net/agentclient.h"
#include "core/api/routes.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

JobsModel::JobsModel(AgentClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{ }

int JobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Job");
    case NameColumn:
        return tr("Kind");
    case SubmissionColumn:
        return tr("Submission");
    case AttemptsColumn:
        return tr("Attempts");
    case CreatedColumn:
        return tr("Queued at");
    case ReasonColumn:
        return tr("Reason or progress");
    default:
        return {};
    }
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &job = m_jobs[std::size_t(index.row())];
    if (role == JobIdRole)
        return QString::fromStdString(job.value("id", ""));
    if (role == Qt::ToolTipRole && index.column() == ReasonColumn)
        return QString::fromStdString(job.value("failedReason", ""));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return QString::fromStdString(job.value("id", ""));
    case NameColumn:
        return QString::fromStdString(job.value("name", ""));
    case SubmissionColumn: {
        const auto data = job.value("data", nlohmann::json());
        return data.is_object() ? QString::fromStdString(data.value("submissionId", ""))
                                : QString();
    }
    case AttemptsColumn:
        return tr("%1 of %2").arg(job.value("attemptsMade", 0)).arg(job.value("attempts", 1));
    case CreatedColumn:
        return QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(job.value("timestamp", qint64(0))).toLocalTime(),
            u"yyyy-MM-dd HH:mm:ss"_s);
    case ReasonColumn: {
        const std::string reason = job.value("failedReason", "");
        if (!reason.empty())
            return QString::fromStdString(reason);
        const auto progress = job.value("progress", nlohmann::json());
        if (progress.is_number() && progress.get<double>() > 0)
            return tr("%1% done").arg(progress.get<double>());
        if (progress.is_object() && progress.contains("percent"))
            return tr("%1% done").arg(progress.value("percent", 0.0));
        return {};
    }
    default:
        return {};
    }
}

void JobsModel::setState(const QString &state)
{
    m_state = state;
    refresh();
}

void JobsModel::refresh()
{
    QUrlQuery query;
    query.addQueryItem(u"state"_s, m_state);
    query.addQueryItem(u"limit"_s, QString::number(Limit));
    const quint64 generation = ++m_generation;
    m_client->get(QString::fromLatin1(Routes::Jobs), query, this,
        [this, generation](Result<nlohmann::json> list) {
            if (generation != m_generation)
                return;
            if (!list) {
                emit loadFailed(list.error().message);
                return;
            }
            beginResetModel();
            m_jobs = list->value("jobs", nlohmann::json::array());
            const auto counts = list->value("counts", nlohmann::json());
            m_total = counts.is_object()
                ? counts.value(m_state.toStdString(), qint64(m_jobs.size()))
                : qint64(m_jobs.size());
            endResetModel();
            emit refreshed();
        });
}

QString JobsModel::jobId(int row) const
{
    return row >= 0 && row < rowCount()
        ? QString::fromStdString(m_jobs[std::size_t(row)].value("id", ""))
        : QString();
}

} // namespace XeroSync
