#include "manualsyncdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QVBoxLayout>

#include "app/net/agentclient.h"
#include "core/api/routes.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

ManualSyncDialog::ManualSyncDialog(
    AgentClient *client, const QStringList &preselected, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_ids(new QPlainTextEdit(this))
    , m_priority(new QComboBox(this))
    , m_result(new QLabel(this))
    , m_submit(new QPushButton(tr("Sync now"), this))
{
    setWindowTitle(tr("Sync submissions"));
    m_ids->setObjectName(u"submissionIds"_s);
    m_ids->setPlaceholderText(tr("Paste submission ids, one per line or separated by commas"));
    m_priority->addItem(tr("High (before approvals waiting)"), u"high"_s);
    m_priority->addItem(tr("Normal"), u"normal"_s);
    m_priority->addItem(tr("Low (after everything else)"), u"low"_s);
    m_priority->setCurrentIndex(1);
    m_result->setWordWrap(true);
    m_result->setObjectName(u"manualResult"_s);
    auto *pick = new QPushButton(tr("Add failed submissions"), this);
    pick->setToolTip(tr("Adds the submissions whose last sync failed (up to 100)."));
    auto *form = new QFormLayout;
    form->addRow(tr("Submissions"), m_ids);
    form->addRow(QString(), pick);
    form->addRow(tr("Priority"), m_priority);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_submit, QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    setSubmissionIds(preselected);
    connect(pick, &QPushButton::clicked, this, &ManualSyncDialog::pickFailed);
    connect(m_submit, &QPushButton::clicked, this, &ManualSyncDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(480, 360);
}

QStringList ManualSyncDialog::submissionIds() const
{
    static const QRegularExpression separators(u"[\\s,;]+"_s);
    QStringList ids = m_ids->toPlainText().split(separators, Qt::SkipEmptyParts);
    ids.removeDuplicates();
    return ids;
}

void ManualSyncDialog::setSubmissionIds(const QStringList &ids)
{
    m_ids->setPlainText(ids.join(u'\n'));
}

void ManualSyncDialog::setPriority(const QString &priority)
{
    m_priority->setCurrentIndex(std::max(0, m_priority->findData(priority)));
}

QString ManualSyncDialog::resultText() const
{
    return m_result->text();
}

void ManualSyncDialog::pickFailed()
{
    QUrlQuery query;
    query.addQueryItem(u"status"_s, u"FAILED"_s);
    query.addQueryItem(u"limit"_s, u"100"_s);
    m_client->get(
        QString::fromLatin1(Routes::Logs), query, this, [this](Result<nlohmann::json> page) {
            if (!page) {
                m_result->setText(
                    tr("Failed submissions could not be listed: %1").arg(page.error().message));
                return;
            }
            QStringList ids = submissionIds();
            for (const auto &row : page->value("rows", nlohmann::json::array())) {
                if (row.value("operation", "") != "batch-sync")
                    ids << QString::fromStdString(row.value("submissionId", ""));
            }
            ids.removeAll(QString());
            ids.removeDuplicates();
            setSubmissionIds(ids);
        });
}

void ManualSyncDialog::submit()
{
    const QStringList ids = submissionIds();
    if (ids.isEmpty()) {
        m_result->setText(tr("Enter at least one submission id."));
        return;
    }
    nlohmann::json body { { "submissionIds", nlohmann::json::array() },
        { "priority", m_priority->currentData().toString().toStdString() } };
    for (const QString &id : ids)
        body["submissionIds"].push_back(id.toStdString());
    m_submit->setEnabled(false);
    m_result->setText(tr("Queueing…"));
    m_client->post(
        QString::fromLatin1(Routes::ManualSync), body, this, [this](Result<nlohmann::json> done) {
            m_submit->setEnabled(true);
            if (!done) {
                const Error &error = done.error();
                m_result->setText(error.field.isEmpty()
                        ? tr("The agent refused: %1").arg(error.message)
                        : tr("The agent refused (%1): %2").arg(error.field, error.message));
                return;
            }
            const auto queued = done->value("queued", nlohmann::json::array());
            int already = 0;
            for (const auto &item : queued)
                already += item.value("alreadyQueued", false) ? 1 : 0;
            m_result->setText(tr("%n submission(s) queued.", nullptr, int(queued.size()) - already)
                + (already > 0 ? u" "_s + tr("%n already waiting in the queue.", nullptr, already)
                               : QString()));
            emit submitted(int(queued.size()));
        });
}

} // namespace XeroSync
