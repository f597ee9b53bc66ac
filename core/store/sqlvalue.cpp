#include "sqlvalue.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace XeroSync::Sql {

QVariant text(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

QVariant json(const nlohmann::json &value)
{
    if (value.is_null() || value.is_discarded())
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromStdString(value.dump());
}

QVariant optionalInt(const std::optional<int> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<int>());
}

QVariant timestamp(const QDateTime &value)
{
    return value.isValid() ? QVariant(value.toUTC()) : QVariant(QMetaType::fromType<QDateTime>());
}

nlohmann::json toJson(const QVariant &value)
{
    if (value.isNull())
        return nullptr;
    const QByteArray bytes = value.toString().toUtf8();
    auto parsed = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    return parsed.is_discarded() ? nlohmann::json(nullptr) : parsed;
}

QDateTime toUtc(const QVariant &value)
{
    if (value.isNull())
        return {};
    return value.toDateTime().toUTC();
}

QString containsPattern(const QString &needle)
{
    QString escaped = needle;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return u'%' + escaped + u'%';
}

} // namespace XeroSync::Sql
