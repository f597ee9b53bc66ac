#include "batchsyncdialog.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QMap>
#include <QProgressBar>
#include <QPushButton>
#include <QUrlQuery>
#include <QVBoxLayout>

#include "app/net/agentclient.h"
#include "core/api/routes.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

BatchSyncDialog::BatchSyncDialog(AgentClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_users(new QListWidget(this))
    , m_force(
          new QCheckBox(tr("Force: write again even where Xero already has this content"), this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_start(new QPushButton(tr("Start batch sync"), this))
{
    setWindowTitle(tr("Batch sync"));
    const QDate today = QDate::currentDate();
    const QDate firstOfLastMonth = QDate(today.year(), today.month(), 1).addMonths(-1);
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    setRange(firstOfLastMonth, firstOfLastMonth.addMonths(1).addDays(-1));
    m_users->setObjectName(u"batchUsers"_s);
    m_force->setObjectName(u"batchForce"_s);
    m_force->setToolTip(
        tr("Normally timesheets Xero already holds unchanged are skipped and "
           "timesheets Xero has approved are never overwritten. Force re-sends "
           "drafts even when nothing changed; approved timesheets stay protected."));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setObjectName(u"batchProgress"_s);
    m_summary->setWordWrap(true);
    m_summary->setObjectName(u"batchSummary"_s);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *explain = new QLabel(tr("Every approved timesheet whose period starts in this range is "
                                  "checked against Xero and written where Xero lacks it."),
        this);
    explain->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("From"), m_from);
    form->addRow(tr("To"), m_to);
    form->addRow(tr("Employees (none ticked: all)"), m_users);
    form->addRow(QString(), m_force);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_start, QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explain);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    connect(m_start, &QPushButton::clicked, this, &BatchSyncDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(520, 520);
    loadEmployees();
}

void BatchSyncDialog::setRange(const QDate &from, const QDate &to)
{
    m_from->setDate(from);
    m_to->setDate(to);
}

void BatchSyncDialog::setForce(bool force)
{
    m_force->setChecked(force);
}

int BatchSyncDialog::progress() const
{
    return m_progress->value();
}

QString BatchSyncDialog::summaryText() const
{
    return m_summary->text();
}

int BatchSyncDialog::employeeCount() const
{
    return m_users->count();
}

void BatchSyncDialog::loadEmployees()
{
    m_client->get(
        QString::fromLatin1(Routes::Employees), {}, this, [this](Result<nlohmann::json> list) {
            if (!list) {
                m_summary->setText(
                    tr("Employees could not be listed: %1").arg(list.error().message));
                return;
            }
            for (const auto &employee : list->value("employees", nlohmann::json::array())) {
                auto *item = new QListWidgetItem(
                    QString::fromStdString(employee.value("name", "")), m_users);
                item->setData(Qt::UserRole, QString::fromStdString(employee.value("id", "")));
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Unchecked);
                if (employee.value("xeroEmployeeId", "").empty())
                    item->setToolTip(tr(
                        "Not mapped to a Xero employee: their timesheets will fail validation."));
            }
        });
}

QStringList BatchSyncDialog::selectedUserIds() const
{
    QStringList ids;
    for (int i = 0; i < m_users->count(); ++i) {
        if (m_users->item(i)->checkState() == Qt::Checked)
            ids << m_users->item(i)->data(Qt::UserRole).toString();
    }
    return ids;
}

void BatchSyncDialog::selectUsers(const QStringList &ids)
{
    for (int i = 0; i < m_users->count(); ++i)
        m_users->item(i)->setCheckState(
            ids.contains(m_users->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                          : Qt::Unchecked);
}

void BatchSyncDialog::start()
{
    if (m_to->date() < m_from->date()) {
        m_summary->setText(tr("The end date is before the start date."));
        return;
    }
    nlohmann::json body { { "fromDate", m_from->date().toString(Qt::ISODate).toStdString() },
        { "toDate", m_to->date().toString(Qt::ISODate).toStdString() },
        { "force", m_force->isChecked() } };
    const QStringList users = selectedUserIds();
    if (!users.isEmpty()) {
        body["userIds"] = nlohmann::json::array();
        for (const QString &id : users)
            body["userIds"].push_back(id.toStdString());
    }
    m_start->setEnabled(false);
    m_progress->setValue(0);
    m_summary->setText(tr("Starting…"));
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_client->post(
        QString::fromLatin1(Routes::BatchSync), body, this, [this](Result<nlohmann::json> done) {
            if (!done) {
                m_start->setEnabled(true);
                const Error &error = done.error();
                m_summary->setText(error.field.isEmpty()
                        ? tr("The agent refused: %1").arg(error.message)
                        : tr("The agent refused (%1): %2").arg(error.field, error.message));
                return;
            }
            m_jobId = QString::fromStdString(done->value("jobId", ""));
            QString text = tr("%n approved submission(s) in range; syncing…", nullptr,
                done->value("submissions", 0));
            // Said before the batch starts, not discovered half-way through it.
            const auto quota = done->value("quota", nlohmann::json());
            if (quota.is_object() && !quota.value("fitsToday", true))
                text += QLatin1Char('\n')
                    + tr("Xero allows about %1 more calls today and this batch needs about %2: it "
                         "syncs what fits now and the rest as the daily allowance frees up, "
                         "within 24 hours. Nothing fails for lack of calls.")
                          .arg(quota.value("remainingToday", 0))
                          .arg(quota.value("estimatedCalls", 0));
            m_summary->setText(text);
            emit started(m_jobId);
        });
}

void BatchSyncDialog::handleEvent(const nlohmann::json &event)
{
    if (m_jobId.isEmpty() || QString::fromStdString(event.value("jobId", "")) != m_jobId)
        return;
    const std::string type = event.value("type", "");
    if (type == "progress") {
        const auto progress = event.value("progress", nlohmann::json());
        if (progress.is_object()) {
            m_progress->setValue(progress.value("percent", 0));
            m_summary->setText(tr("%1 of %2 submissions done…")
                                   .arg(progress.value("done", 0))
                                   .arg(progress.value("total", 0)));
        }
    } else if (type == "completed") {
        m_progress->setValue(100);
        showSummary(event.value("returnValue", nlohmann::json::object()));
    } else if (type == "failed") {
        m_start->setEnabled(true);
        m_summary->setText(
            tr("The batch failed: %1. It is retried automatically; see the Jobs page.")
                .arg(QString::fromStdString(event.value("reason", ""))));
        emit finished(false);
    }
}

void BatchSyncDialog::showSummary(const nlohmann::json &result)
{
    m_start->setEnabled(true);
    const int total = result.value("total", 0);
    const int synced = result.value("synced", 0);
    const int invalid = result.value("invalid", 0);
    const int failed = result.value("failed", 0);
    QString text =
        tr("Done. %1 submissions: %2 in Xero now (written or already up to date), %3 not "
           "valid for Xero, %4 refused by Xero.")
            .arg(total)
            .arg(synced)
            .arg(invalid)
            .arg(failed);
    if (const int other = result.value("otherOrganisation", 0); other > 0)
        text += QLatin1Char(' ')
            + tr("%n submission(s) of employees in another Xero organisation were left for that "
                 "organisation's own syncs.",
                nullptr, other);
    m_summary->setText(text);
    emit finished(invalid + failed == 0);
    if (invalid + failed == 0)
        return;
    // The reasons are in the log rows the batch wrote for each submission.
    QUrlQuery query;
    query.addQueryItem(u"trigger"_s, u"batch"_s);
    query.addQueryItem(u"status"_s, u"FAILED"_s);
    query.addQueryItem(u"from"_s, m_startedAt.addSecs(-5).toString(Qt::ISODate));
    query.addQueryItem(u"limit"_s, u"500"_s);
    m_client->get(
        QString::fromLatin1(Routes::Logs), query, this, [this, text](Result<nlohmann::json> page) {
            if (!page)
                return;
            QMap<QString, int> reasons;
            for (const auto &row : page->value("rows", nlohmann::json::array())) {
                if (row.value("operation", "") == "batch-sync")
                    continue; // the batch's own row
                reasons[QString::fromStdString(row.value("error", "")).left(160)] += 1;
            }
            QString out = text + u"\n"_s + tr("Reasons:");
            for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
                out += u"\n• %1 × %2"_s.arg(it.value()).arg(it.key());
            m_summary->setText(out);
        });
}

} // namespace XeroSync
