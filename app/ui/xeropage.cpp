#include "xeropage.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QUrlQuery>
#include <QVBoxLayout>

#include "app/net/agentclient.h"
#include "core/api/routes.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

XeroPage::XeroPage(AgentClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_status(new QLabel(this))
    , m_table(new QTableWidget(0, 5, this))
    , m_connect(new QPushButton(tr("Connect to Xero…"), this))
    , m_disconnect(new QPushButton(tr("Disconnect…"), this))
    , m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    m_confirm = [this](const QString &title, const QString &text) {
        return QMessageBox::question(
                   this, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };
    m_status->setWordWrap(true);
    m_status->setObjectName(u"xeroStatus"_s);
    m_table->setObjectName(u"xeroOrganisations"_s);
    m_table->setHorizontalHeaderLabels({ tr("Organisation"), tr("Status"), tr("Region"),
        tr("Token valid until"), tr("Tenant id") });
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_connect->setObjectName(u"connectXero"_s);
    m_disconnect->setObjectName(u"disconnectXero"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_connect);
    buttons->addWidget(m_disconnect);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    connect(m_connect, &QPushButton::clicked, this, &XeroPage::connectXero);
    connect(m_disconnect, &QPushButton::clicked, this, &XeroPage::disconnectXero);
    setAdmin(false);
}

QString XeroPage::statusText() const
{
    return m_status->text();
}

void XeroPage::setAdmin(bool admin)
{
    m_admin = admin;
    m_connect->setEnabled(admin);
    m_disconnect->setEnabled(admin && m_connected);
    const QString tip = admin
        ? QString()
        : tr("Your token is a viewer token: only admins can change the Xero connection.");
    m_connect->setToolTip(tip);
    m_disconnect->setToolTip(tip);
}

void XeroPage::refresh()
{
    m_client->get(QString::fromLatin1(Routes::XeroConnection), {}, this,
        [this](Result<nlohmann::json> status) {
            if (!status) {
                m_status->setText(
                    tr("The Xero connection could not be read: %1").arg(status.error().message));
                return;
            }
            apply(*status);
        });
}

void XeroPage::apply(const nlohmann::json &connection)
{
    m_connected = connection.value("connected", false);
    const auto orgs = connection.value("organisations", nlohmann::json::array());
    m_table->setRowCount(0);
    for (const auto &org : orgs) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const std::string state = org.value("status", "");
        QString stateText = state == "CONNECTED" ? tr("Connected")
            : state == "RECONNECT_NEEDED"        ? tr("Reconnect needed")
            : state == "DISCONNECTED"            ? tr("Disconnected")
                                                 : QString::fromStdString(state);
        if (org.value("active", false))
            stateText += u" "_s + tr("(in use)");
        const QDateTime expires = QDateTime::fromString(
            QString::fromStdString(org.value("tokenExpiresAt", "")), Qt::ISODate);
        const QStringList cells { QString::fromStdString(org.value("tenantName", "")), stateText,
            QString::fromStdString(org.value("region", "")),
            expires.isValid() ? QLocale().toString(expires.toLocalTime(), QLocale::ShortFormat)
                              : QString(),
            QString::fromStdString(org.value("tenantId", "")) };
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
        if (org.contains("reason"))
            m_table->item(row, 1)->setToolTip(QString::fromStdString(org.value("reason", "")));
    }
    m_table->resizeColumnsToContents();
    m_status->setText(m_connected
            ? tr("The agent is connected to Xero.")
            : tr("The agent is not connected to Xero: %1 Connect opens Xero's consent page in your "
                 "browser.")
                  .arg(QString::fromStdString(connection.value("message", ""))));
    setAdmin(m_admin);
}

void XeroPage::connectXero()
{
    QUrlQuery query;
    query.addQueryItem(u"redirect"_s, u"false"_s);
    m_client->get(
        QString::fromLatin1(Routes::XeroConnect), query, this, [this](Result<nlohmann::json> done) {
            if (!done) {
                emit message(tr("The agent could not start the Xero connection: %1")
                                 .arg(done.error().message));
                return;
            }
            const QUrl url(QString::fromStdString(done->value("authorizeUrl", "")));
            if (!url.isValid() || !m_openUrl(url)) {
                m_status->setText(
                    tr("Open this address in a browser to connect: %1").arg(url.toString()));
                return;
            }
            m_status->setText(tr("Finish the connection in your browser; this page updates when "
                                 "Xero sends you back."));
        });
}

void XeroPage::disconnectXero()
{
    if (!m_confirm(tr("Disconnect from Xero"),
            tr("Disconnect the agent from Xero? Approved timesheets wait in the queue until you "
               "connect again.")))
        return;
    m_client->remove(
        QString::fromLatin1(Routes::XeroConnection), this, [this](Result<nlohmann::json> done) {
            if (!done)
                emit message(tr("Disconnect failed: %1").arg(done.error().message));
            refresh();
        });
}

} // namespace XeroSync
