#include "queuekeys.h"

namespace XeroSync {

QueueKeys::QueueKeys(const QString &prefix, const QString &queueName)
    : m_base(prefix.toUtf8() + ':' + queueName.toUtf8() + ':')
    , m_workerName(prefix.toUtf8() + ':' + queueName.toUtf8().toBase64())
{ }

} // namespace XeroSync
