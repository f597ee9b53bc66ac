#pragma once

#include <QByteArray>
#include <QString>

namespace XeroSync {

//! Bull v4's key names for one queue: `<prefix>:<queue>:<type>`. For Redis Cluster, give the
//! prefix a hash tag (`{xerosync}`): every key of the queue then lands in one slot, which the
//! scripts need because they build job keys from the base key.
class QueueKeys final
{
public:
    QueueKeys(const QString &prefix, const QString &queueName);

    const QByteArray &base() const { return m_base; } //!< "bull:xero-sync:"

    QByteArray key(const char *type) const { return m_base + type; }

    QByteArray job(const QByteArray &id) const { return m_base + id; }

    QByteArray wait() const { return key("wait"); }

    QByteArray active() const { return key("active"); }

    QByteArray paused() const { return key("paused"); }

    QByteArray metaPaused() const { return key("meta-paused"); }

    QByteArray meta() const { return key("meta"); }

    QByteArray id() const { return key("id"); }

    QByteArray delayed() const { return key("delayed"); }

    QByteArray priority() const { return key("priority"); }

    QByteArray completed() const { return key("completed"); }

    QByteArray failed() const { return key("failed"); }

    QByteArray stalled() const { return key("stalled"); }

    QByteArray stalledCheck() const { return key("stalled-check"); }

    // Ours, not Bull's: a worker's BRPOPLPUSH moves a job into a list of its own, so the
    // activation sent right behind it knows which job is its own (see Worker::fetchSend).
    // Bull and its dashboards never read these keys; the job stays out of Bull's counts only
    // between the two commands, which Redis runs in the same event-loop turn.
    QByteArray staging(const QByteArray &token) const { return m_base + "staging:" + token; }

    //! Workers with a staging list, scored by when each last showed it was alive.
    QByteArray stagingWorkers() const { return key("staging-workers"); }

    QByteArray stagingCheck() const { return key("staging-check"); }

    //! The name Bull's workers give their blocking connection: `<prefix>:<base64(queue)>`;
    //! dashboards count workers by it.
    QByteArray workerClientName() const { return m_workerName; }

    //! The name of QueueEvents' subscription connection, `xerosync-events:<worker name>`: not a
    //! name Bull's dashboards count as a worker (they match the start of the name).
    QByteArray eventsClientName() const { return "xerosync-events:" + m_workerName; }

    //! A SCAN / PSUBSCRIBE pattern matching every key or channel of this queue; glob characters
    //! in the prefix or name are escaped.
    QByteArray pattern() const;

private:
    QByteArray m_base;
    QByteArray m_workerName;
};

} // namespace XeroSync
