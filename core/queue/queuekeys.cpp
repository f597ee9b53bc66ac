#include "queuekeys.h"

namespace XeroSync {

QueueKeys::QueueKeys(const QString &prefix, const QString &queueName)
    : m_base(prefix.toUtf8() + ':' + queueName.toUtf8() + ':')
    , m_workerName(prefix.toUtf8() + ':' + queueName.toUtf8().toBase64())
{ }

QByteArray QueueKeys::pattern() const
{
    QByteArray out;
    for (char c : m_base) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '*';
}

} // namespace XeroSync
