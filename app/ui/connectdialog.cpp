#include "connectdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace XeroSync {

ConnectDialog::ConnectDialog(
    const QList<AgentProfile> &saved, const std::optional<AgentProfile> &current, QWidget *parent)
    : QDialog(parent)
    , m_saved(saved)
    , m_savedAgents(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Connect to a xerosync agent"));
    m_savedAgents->addItem(tr("New agent"));
    for (const AgentProfile &profile : saved)
        m_savedAgents->addItem(profile.name.isEmpty() ? profile.url.toString() : profile.name);
    m_url->setObjectName(u"agentUrl"_s);
    m_token->setObjectName(u"agentToken"_s);
    m_url->setPlaceholderText(u"http://127.0.0.1:8750"_s);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("xs_… (from `xerosync-agent token create`)"));
    m_message->setWordWrap(true);
    auto *intro = new QLabel(tr("The dashboard talks to the xerosync agent over its API. Ask the "
                                "person who runs the agent for its address and an API token: an "
                                "admin token lets you pause, retry and sync, a viewer token only "
                                "lets you watch."),
        this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    if (!saved.isEmpty())
        form->addRow(tr("Saved agents"), m_savedAgents);
    else
        m_savedAgents->hide();
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Agent address"), m_url);
    form->addRow(tr("API token"), m_token);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(
        m_savedAgents, &QComboBox::currentIndexChanged, this, &ConnectDialog::handleSavedChosen);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::validate);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (current) {
        const qsizetype index = saved.indexOf(*current);
        if (index >= 0)
            m_savedAgents->setCurrentIndex(int(index) + 1);
    }
    if (m_url->text().isEmpty())
        m_url->setText(u"http://127.0.0.1:8750"_s);
    resize(460, 0);
}

void ConnectDialog::handleSavedChosen(int index)
{
    if (index <= 0) {
        m_name->clear();
        m_url->clear();
        m_token->setPlaceholderText(tr("xs_… (from `xerosync-agent token create`)"));
        return;
    }
    const AgentProfile &profile = m_saved[index - 1];
    m_name->setText(profile.name);
    m_url->setText(profile.url.toString());
    m_token->clear();
    m_token->setPlaceholderText(tr("kept in the keychain; type a new one to replace it"));
}

AgentProfile ConnectDialog::profile() const
{
    AgentProfile profile;
    profile.url = QUrl::fromUserInput(m_url->text().trimmed());
    profile.name =
        m_name->text().trimmed().isEmpty() ? profile.url.host() : m_name->text().trimmed();
    const int index = m_savedAgents->currentIndex();
    if (index > 0 && m_saved[index - 1].url == profile.url)
        profile.trustedFingerprint = m_saved[index - 1].trustedFingerprint;
    return profile;
}

QString ConnectDialog::token() const
{
    return m_token->text().trimmed();
}

void ConnectDialog::setMessage(const QString &message)
{
    m_message->setText(message);
}

void ConnectDialog::validate()
{
    const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
    if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s)
        || url.host().isEmpty()) {
        setMessage(tr("The address must look like http://host:8750 or https://host:8750."));
        return;
    }
    const bool saved = m_savedAgents->currentIndex() > 0;
    if (!saved && token().isEmpty()) {
        setMessage(tr("Enter the API token the agent's administrator gave you."));
        return;
    }
    accept();
}

} // namespace XeroSync
