#include "synclogpage.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include "app/models/synclogmodel.h"
#include "app/net/agentclient.h"
#include "core/api/routes.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

namespace {

QString esc(const std::string &text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

QString pre(const nlohmann::json &json)
{
    return u"<pre>"_s + QString::fromStdString(json.dump(2)).toHtmlEscaped() + u"</pre>"_s;
}

} // namespace

SyncLogPage::SyncLogPage(AgentClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new SyncLogModel(client, this))
    , m_status(new QComboBox(this))
    , m_trigger(new QComboBox(this))
    , m_useDates(new QCheckBox(tr("From"), this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_text(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_details(new QTextBrowser(this))
    , m_retry(new QPushButton(tr("Sync this submission again"), this))
    , m_empty(new QLabel(this))
    , m_rowsLabel(new QLabel(this))
    , m_textDelay(new QTimer(this))
{
    m_status->addItem(tr("Any status"), QString());
    m_status->addItem(tr("Synced"), u"SUCCESS"_s);
    m_status->addItem(tr("Failed"), u"FAILED"_s);
    m_status->addItem(tr("Running"), u"RUNNING"_s);
    m_status->addItem(tr("Pending"), u"PENDING"_s);
    m_trigger->addItem(tr("Any trigger"), QString());
    m_trigger->addItem(tr("Approval"), u"approval"_s);
    m_trigger->addItem(tr("Manual"), u"manual"_s);
    m_trigger->addItem(tr("Batch"), u"batch"_s);
    m_trigger->addItem(tr("Scheduled"), u"scheduled"_s);
    m_status->setObjectName(u"statusFilter"_s);
    m_trigger->setObjectName(u"triggerFilter"_s);
    m_text->setObjectName(u"textFilter"_s);
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_from->setDate(QDate::currentDate().addDays(-7));
    m_to->setDate(QDate::currentDate());
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    m_text->setPlaceholderText(tr("Search submission, employee or error (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);
    m_textDelay->setSingleShot(true);
    m_textDelay->setInterval(350);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_status);
    filters->addWidget(m_trigger);
    filters->addWidget(m_useDates);
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_to);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_rowsLabel);

    m_view->setModel(m_model);
    m_view->setObjectName(u"syncLogView"_s);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several rows may be picked (Ctrl/Shift-click) to sync their submissions again together.
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures a million rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(SyncLogModel::TimeColumn, 150);
    m_view->setColumnWidth(SyncLogModel::SubmissionColumn, 150);
    m_view->setColumnWidth(SyncLogModel::StatusColumn, 130);

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_view, 1);
    topLayout->addWidget(m_empty);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    m_details->setObjectName(u"logDetails"_s);
    m_details->setOpenLinks(false);
    bottomLayout->addWidget(m_details, 1);
    auto *actions = new QHBoxLayout;
    actions->addStretch();
    m_retry->setObjectName(u"retrySubmission"_s);
    m_retry->setEnabled(false);
    actions->addWidget(m_retry);
    bottomLayout->addLayout(actions);
    m_splitter->addWidget(top);
    m_splitter->addWidget(bottom);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_splitter, 1);

    connect(m_status, &QComboBox::currentIndexChanged, this, &SyncLogPage::applyFilters);
    connect(m_trigger, &QComboBox::currentIndexChanged, this, &SyncLogPage::applyFilters);
    connect(m_useDates, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyFilters();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &SyncLogPage::applyFilters);
    connect(m_to, &QDateEdit::dateChanged, this, &SyncLogPage::applyFilters);
    connect(m_text, &QLineEdit::textChanged, m_textDelay, qOverload<>(&QTimer::start));
    connect(m_textDelay, &QTimer::timeout, this, &SyncLogPage::applyFilters);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &SyncLogPage::showDetails);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &SyncLogPage::updateRetry);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (const QStringList ids = selectedSubmissions(); !ids.isEmpty())
            emit retryRequested(ids);
    });
    connect(m_model, &SyncLogModel::pageLoaded, this, &SyncLogPage::updateEmptyState);
    connect(m_model, &SyncLogModel::modelReset, this, &SyncLogPage::updateEmptyState);
    connect(m_model, &SyncLogModel::loadFailed, this, [this](const QString &error) {
        emit message(tr("The sync log could not be loaded: %1").arg(error));
        updateEmptyState();
    });
    updateEmptyState();
}

void SyncLogPage::setAdmin(bool admin)
{
    m_admin = admin;
    updateRetry();
}

QStringList SyncLogPage::selectedSubmissions() const
{
    QStringList ids;
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &row : std::as_const(rows)) {
        const QString id = row.data(SyncLogModel::SubmissionIdRole).toString();
        if (!id.isEmpty() && !ids.contains(id))
            ids << id;
    }
    return ids;
}

void SyncLogPage::updateRetry()
{
    const int count = int(selectedSubmissions().size());
    m_retry->setText(count > 1 ? tr("Sync the %n selected submission(s) again", nullptr, count)
                               : tr("Sync this submission again"));
    m_retry->setEnabled(m_admin && count > 0);
    m_retry->setToolTip(m_admin
            ? tr("Ctrl- or Shift-click rows to pick several submissions.")
            : tr("Your token is a viewer token: only admins can start a sync."));
}

void SyncLogPage::focusFilter()
{
    m_text->setFocus();
    m_text->selectAll();
}

void SyncLogPage::applyFilters()
{
    SyncLogQuery query;
    query.status = m_status->currentData().toString();
    query.trigger = m_trigger->currentData().toString();
    query.text = m_text->text();
    if (m_useDates->isChecked()) {
        query.from = m_from->date();
        query.to = m_to->date();
    }
    m_model->setQuery(query);
}

void SyncLogPage::handleSyncEvent(const nlohmann::json &event)
{
    m_model->fetchNewer();
    const QString submission = QString::fromStdString(event.value("submissionId", ""));
    if (!submission.isEmpty()) {
        m_model->refreshSubmission(submission);
        if (submission == m_selectedSubmission)
            showDetails();
    }
}

void SyncLogPage::updateEmptyState()
{
    const int rows = m_model->rowCount();
    if (m_model->isCapped())
        m_rowsLabel->setText(
            tr("the newest %1 rows; filter by date for older ones").arg(QLocale().toString(rows)));
    else
        m_rowsLabel->setText(m_model->hasMoreOlder() ? tr("%1+ rows").arg(QLocale().toString(rows))
                                                     : tr("%n row(s)", nullptr, rows));
    if (rows > 0 || m_model->isLoading()) {
        m_empty->hide();
        return;
    }
    const bool filtered = !(m_model->query() == SyncLogQuery {});
    m_empty->setText(filtered ? tr("No sync log rows match these filters.")
                              : tr("Nothing synced yet. Approved timesheets appear here within "
                                   "seconds of their approval."));
    m_empty->show();
}

void SyncLogPage::showDetails()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_selectedSubmission.clear();
        m_details->clear();
        return;
    }
    const QString submissionId = current.data(SyncLogModel::SubmissionIdRole).toString();
    const qint64 logId = current.data(SyncLogModel::IdRole).toLongLong();
    m_selectedSubmission = submissionId;
    m_client->get(Routes::withArg(Routes::Submission, submissionId), {}, this,
        [this, submissionId, logId](Result<nlohmann::json> detail) {
            if (submissionId != m_selectedSubmission)
                return; // the user moved on
            if (!detail) {
                m_details->setHtml(
                    u"<p><b>%1</b></p><p>%2</p>"_s.arg(tr("The details could not be loaded."),
                        detail.error().message.toHtmlEscaped()));
                return;
            }
            renderDetails(submissionId, logId, *detail);
        });
}

void SyncLogPage::renderDetails(
    const QString &submissionId, qint64 logId, const nlohmann::json &detail)
{
    const auto submission = detail.value("submission", nlohmann::json::object());
    nlohmann::json entry;
    for (const auto &row : detail.value("log", nlohmann::json::array())) {
        if (row.value("id", qint64(0)) == logId)
            entry = row;
    }
    QString html;
    const std::string status = entry.is_object() ? entry.value("status", "") : std::string();
    const auto details = entry.is_object() ? entry.value("details", nlohmann::json::object())
                                           : nlohmann::json::object();
    if (status == "FAILED") {
        html += u"<h3 style='color:#c62828'>%1</h3>"_s.arg(tr("This sync failed"));
        const auto findings = details.is_object()
            ? details.value("findings", nlohmann::json::array())
            : nlohmann::json::array();
        if (!findings.empty()) {
            html += u"<p>%1</p><ul>"_s.arg(tr("The timesheet was not sent to Xero because:"));
            for (const auto &finding : findings)
                html += u"<li><b>%1</b><br/>%2 %3</li>"_s.arg(esc(finding.value("message", "")),
                    tr("How to fix it:"), esc(finding.value("hint", "")));
            html += u"</ul>"_s;
        } else {
            html += u"<p><b>%1</b></p>"_s.arg(esc(entry.value("error", "")));
            const bool retryable = entry.value("error", "").find("retry") != std::string::npos;
            html += u"<p>%1</p>"_s.arg(retryable
                    ? tr("The agent retries this by itself; nothing needs doing unless it keeps "
                         "failing.")
                    : tr("Fix the cause named above in the timesheet system or in Xero, then sync "
                         "this submission again."));
        }
    } else if (status == "SUCCESS") {
        const std::string action =
            details.is_object() ? details.value("action", "") : std::string();
        html += u"<h3 style='color:#2e7d32'>%1</h3>"_s.arg(action == "unchanged"
                ? tr("Already up to date in Xero: nothing was written")
                : tr("Synced to Xero"));
        if (details.is_object() && details.contains("xeroTimesheetId"))
            html += u"<p>%1 <code>%2</code></p>"_s.arg(
                tr("Xero timesheet:"), esc(details.value("xeroTimesheetId", "")));
    } else if (!status.empty()) {
        html +=
            u"<h3>%1</h3>"_s.arg(status == "RUNNING" ? tr("Syncing now…") : tr("Waiting to sync"));
    }

    html += u"<h4>%1</h4>"_s.arg(tr("Submission %1").arg(submissionId.toHtmlEscaped()));
    const auto employee = submission.value("employee", nlohmann::json::object());
    html += u"<p>%1<br/>%2<br/>%3</p>"_s.arg(
        tr("Employee: %1").arg(esc(employee.value("name", ""))),
        tr("Period: %1 to %2")
            .arg(esc(submission.value("periodStart", "")), esc(submission.value("periodEnd", ""))),
        tr("Total: %1 h, version %2, %3")
            .arg(submission.value("totalHours", 0.0))
            .arg(submission.value("version", 0))
            .arg(esc(submission.value("status", ""))));
    const auto entries = submission.value("entries", nlohmann::json::array());
    if (!entries.empty()) {
        html +=
            u"<table cellspacing='0' cellpadding='3' border='1'><tr><th>%1</th><th>%2</th><th>%3</th></tr>"_s
                .arg(tr("Date"), tr("Hours"), tr("Description"));
        for (const auto &e : entries)
            html += u"<tr><td>%1</td><td align='right'>%2</td><td>%3</td></tr>"_s.arg(
                esc(e.value("workDate", "")), QString::number(e.value("hours", 0.0)),
                esc(e.value("description", "")));
        html += u"</table>"_s;
    }
    if (details.is_object() && details.contains("sent") && !details["sent"].is_null())
        html += u"<h4>%1</h4>"_s.arg(tr("Sent to Xero")) + pre(details["sent"]);
    if (details.is_object() && details.contains("received") && !details["received"].is_null())
        html += u"<h4>%1</h4>"_s.arg(tr("Xero's answer")) + pre(details["received"]);
    m_details->setHtml(html);
}

} // namespace XeroSync
