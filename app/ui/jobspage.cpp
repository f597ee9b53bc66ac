#include "jobspage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "app/models/jobsmodel.h"
#include "app/net/agentclient.h"
#include "core/api/routes.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

JobsPage::JobsPage(AgentClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new JobsModel(client, this))
    , m_state(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry"), this))
    , m_remove(new QPushButton(tr("Remove…"), this))
    , m_retryAll(new QPushButton(tr("Retry all failed…"), this))
    , m_clearFailed(new QPushButton(tr("Clear failed…"), this))
{
    m_confirm = [this](const QString &title, const QString &text) {
        return QMessageBox::question(
                   this, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };
    m_state->setObjectName(u"jobState"_s);
    m_state->addItem(tr("Failed"), u"failed"_s);
    m_state->addItem(tr("Waiting"), u"waiting"_s);
    m_state->addItem(tr("Active"), u"active"_s);
    m_state->addItem(tr("Delayed (waiting to retry)"), u"delayed"_s);
    m_state->addItem(tr("Completed"), u"completed"_s);
    m_retry->setObjectName(u"retryJob"_s);
    m_remove->setObjectName(u"removeJob"_s);
    m_retryAll->setObjectName(u"retryAllFailed"_s);
    m_clearFailed->setObjectName(u"clearFailed"_s);

    m_view->setModel(m_model);
    m_view->setObjectName(u"jobsView"_s);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    m_view->setColumnWidth(JobsModel::IdColumn, 240);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show jobs that are"), this));
    top->addWidget(m_state);
    top->addWidget(m_summary, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_retry);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    buttons->addWidget(m_retryAll);
    buttons->addWidget(m_clearFailed);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_state, &QComboBox::currentIndexChanged, this,
        [this] { m_model->setState(m_state->currentData().toString()); });
    connect(m_model, &JobsModel::refreshed, this, &JobsPage::updateButtons);
    connect(m_model, &JobsModel::loadFailed, this, [this](const QString &error) {
        emit message(tr("Jobs could not be listed: %1").arg(error));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &JobsPage::updateButtons);
    connect(m_retry, &QPushButton::clicked, this, &JobsPage::retrySelected);
    connect(m_remove, &QPushButton::clicked, this, &JobsPage::removeSelected);
    connect(m_retryAll, &QPushButton::clicked, this, &JobsPage::retryAllFailed);
    connect(m_clearFailed, &QPushButton::clicked, this, &JobsPage::clearFailed);
    updateButtons();
}

void JobsPage::setAdmin(bool admin)
{
    m_admin = admin;
    updateButtons();
}

void JobsPage::refresh()
{
    m_model->refresh();
}

void JobsPage::setState(const QString &state)
{
    const int index = m_state->findData(state);
    if (index >= 0)
        m_state->setCurrentIndex(index);
    m_model->setState(state);
}

QStringList JobsPage::selectedJobIds() const
{
    QStringList ids;
    for (const QModelIndex &row : m_view->selectionModel()->selectedRows())
        ids << m_model->jobId(row.row());
    return ids;
}

void JobsPage::updateButtons()
{
    const QString viewerTip = tr("Your token is a viewer token: only admins can change jobs.");
    const bool failedView = m_model->state() == u"failed"_s;
    const bool selection = !selectedJobIds().isEmpty();
    m_retry->setEnabled(m_admin && failedView && selection);
    m_remove->setEnabled(m_admin && selection && m_model->state() != u"active"_s);
    m_retryAll->setEnabled(m_admin && failedView && m_model->totalInState() > 0);
    m_clearFailed->setEnabled(m_admin && failedView && m_model->totalInState() > 0);
    for (QPushButton *button : { m_retry, m_remove, m_retryAll, m_clearFailed })
        button->setToolTip(m_admin ? QString() : viewerTip);
    const qint64 total = m_model->totalInState();
    m_summary->setText(m_model->rowCount() == 0 ? tr("No jobs in this state.")
            : total > m_model->rowCount()
            ? tr("Showing %1 of %2 jobs.").arg(m_model->rowCount()).arg(total)
            : tr("%n job(s).", nullptr, int(total)));
}

void JobsPage::retrySelected()
{
    const QStringList ids = selectedJobIds();
    for (const QString &id : ids) {
        m_client->post(Routes::withArg(Routes::JobRetry, id), nlohmann::json::object(), this,
            [this, id](Result<nlohmann::json> done) {
                if (!done)
                    emit message(tr("Job %1 was not retried: %2").arg(id, done.error().message));
                m_model->refresh();
                emit changed();
            });
    }
}

void JobsPage::removeSelected()
{
    const QStringList ids = selectedJobIds();
    if (ids.isEmpty()
        || !m_confirm(tr("Remove jobs"),
            tr("Remove %n job(s) from the queue? Their timesheets are not synced unless approved "
               "or "
               "synced again.",
                nullptr, int(ids.size()))))
        return;
    for (const QString &id : ids) {
        m_client->remove(
            Routes::withArg(Routes::Job, id), this, [this, id](Result<nlohmann::json> done) {
                if (!done)
                    emit message(tr("Job %1 was not removed: %2").arg(id, done.error().message));
                m_model->refresh();
                emit changed();
            });
    }
}

void JobsPage::retryAllFailed()
{
    const qint64 total = m_model->totalInState();
    if (!m_confirm(tr("Retry all failed jobs"),
            tr("Queue all %n failed job(s) again?", nullptr, int(total))))
        return;
    queueAction(u"retry-failed"_s);
}

void JobsPage::clearFailed()
{
    const qint64 total = m_model->totalInState();
    if (!m_confirm(tr("Clear failed jobs"),
            tr("Delete all %n failed job(s)? Their sync log rows stay; the jobs cannot be retried "
               "afterwards.",
                nullptr, int(total))))
        return;
    queueAction(u"clear-failed"_s);
}

void JobsPage::queueAction(const QString &action)
{
    m_client->post(QString::fromLatin1(Routes::QueueStatus), { { "action", action.toStdString() } },
        this, [this](Result<nlohmann::json> done) {
            if (!done)
                emit message(tr("The queue refused: %1").arg(done.error().message));
            else
                emit message(tr("Done: %n job(s) affected.", nullptr, done->value("affected", 0)));
            m_model->refresh();
            emit changed();
        });
}

} // namespace XeroSync
