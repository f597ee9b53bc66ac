#include "approvallistener.h"

#include <atomic>

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include "core/store/database.h"
#include "core/store/storelogging.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
std::atomic<int> s_listenerCounter { 0 };
constexpr int MAX_LOGGED_PAYLOAD = 200;
} // namespace

ApprovalListener::ApprovalListener(DatabaseConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_connectionName(u"xerosync-listener-%1"_s.arg(s_listenerCounter.fetch_add(1)))
{
    qRegisterMetaType<XeroSync::ApprovalEvent>();
    m_probeTimer.setInterval(5000);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, &ApprovalListener::handleProbe);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ApprovalListener::handleReconnect);
}

ApprovalListener::~ApprovalListener()
{
    stop();
}

void ApprovalListener::setProbeInterval(int ms)
{
    m_probeTimer.setInterval(ms);
}

void ApprovalListener::setReconnectBackoff(int initialMs, int maxMs)
{
    m_backoffInitialMs = initialMs;
    m_backoffMaxMs = maxMs;
    m_nextBackoffMs = initialMs;
}

Result<void> ApprovalListener::start()
{
    m_running = true;
    m_probeTimer.start();
    auto connected = connectAndSubscribe();
    if (!connected)
        scheduleReconnect(connected.error().message);
    return connected;
}

void ApprovalListener::stop()
{
    m_running = false;
    m_probeTimer.stop();
    m_reconnectTimer.stop();
    closeConnection();
}

void ApprovalListener::closeConnection()
{
    m_listening = false;
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isValid() && db.driver())
            disconnect(db.driver(), nullptr, this, nullptr);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<void> ApprovalListener::connectAndSubscribe()
{
    closeConnection();
    auto db = Database::openDedicated(m_config, m_connectionName);
    if (!db)
        return std::unexpected(db.error());
    QSqlDriver *driver = db->driver();
    if (!driver->hasFeature(QSqlDriver::EventNotifications))
        return fail(ErrorCode::Internal, u"the database driver cannot LISTEN"_s);
    connect(driver, &QSqlDriver::notification, this,
        [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
            handleNotification(name, payload);
        });
    if (!driver->subscribeToNotification(QString::fromLatin1(CHANNEL))) {
        const QString reason = driver->lastError().text();
        closeConnection();
        return fail(ErrorCode::Unavailable,
            u"cannot LISTEN on %1: %2"_s.arg(QString::fromLatin1(CHANNEL), reason), true);
    }
    m_listening = true;
    m_nextBackoffMs = m_backoffInitialMs;
    qCInfo(lcListener) << "listening for approvals on" << m_config.redacted();
    if (m_everConnected)
        emit reconnected();
    m_everConnected = true;
    return {};
}

void ApprovalListener::handleNotification(const QString &name, const QVariant &payload)
{
    if (name != QLatin1StringView(CHANNEL))
        return;
    const QString text = payload.toString();
    auto event = ApprovalEvent::parse(QByteArrayView(text.toUtf8()));
    if (!event) {
        // Logged once here; the owner may also record it.
        qCWarning(lcListener) << "ignoring malformed approval payload:" << event.error().message
                              << "payload:" << text.left(MAX_LOGGED_PAYLOAD);
        emit malformedPayload(text, event.error().message);
        return;
    }
    qCDebug(lcListener) << "event for submission" << event->submissionId << "version"
                        << event->version;
    if (event->kind == ApprovalEvent::Kind::Approved)
        emit approvalReceived(*event);
    else
        emit rejectionReceived(*event);
}

void ApprovalListener::handleProbe()
{
    if (!m_running || !m_listening)
        return;
    QString reason;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (!db.isOpen()) {
            // QPSQL closes the connection itself when the server drops the socket.
            reason = u"the server closed the connection"_s;
        } else {
            QSqlQuery probe(db);
            if (probe.exec(u"SELECT 1"_s))
                return;
            reason = probe.lastError().text().trimmed();
        }
    } // the handles go before closeConnection() removes the connection
    scheduleReconnect(reason);
}

void ApprovalListener::scheduleReconnect(const QString &reason)
{
    if (!m_running)
        return;
    if (m_listening) {
        qCWarning(lcListener) << "lost the approval channel:" << reason;
        emit connectionLost(reason);
    } else if (m_nextBackoffMs == m_backoffInitialMs) {
        // First failure of a series: say why once, not on every retry.
        qCWarning(lcListener) << "cannot listen for approvals:" << reason;
    }
    closeConnection();
    qCInfo(lcListener) << "reconnecting in" << m_nextBackoffMs << "ms";
    m_reconnectTimer.start(m_nextBackoffMs);
    m_nextBackoffMs = std::min(m_nextBackoffMs * 2, m_backoffMaxMs);
}

void ApprovalListener::handleReconnect()
{
    if (!m_running)
        return;
    if (auto connected = connectAndSubscribe(); !connected)
        scheduleReconnect(connected.error().message);
}

} // namespace XeroSync
