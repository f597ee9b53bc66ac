#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>

namespace XeroSync {

//! A Redis reply as a plain value, so no hiredis type leaves core/queue's sources.
struct RedisReply
{
    enum class Type
    {
        Nil,
        Integer,
        String,
        Status,
        Array,
        Error
    };

    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string; //!< String, Status and Error text
    QList<RedisReply> elements;

    bool isNil() const { return type == Type::Nil; }

    bool isError() const { return type == Type::Error; }

    bool isArray() const { return type == Type::Array; }

    //! Integer replies as numbers, strings parsed; 0 otherwise.
    qint64 toInt() const { return type == Type::Integer ? integer : string.toLongLong(); }

    QString toString() const { return QString::fromUtf8(string); }

    //! An HGETALL reply (field, value, field, value, ...) as a map.
    QHash<QByteArray, QByteArray> toHash() const
    {
        QHash<QByteArray, QByteArray> map;
        for (qsizetype i = 0; i + 1 < elements.size(); i += 2)
            map.insert(elements[i].string, elements[i + 1].string);
        return map;
    }
};

} // namespace XeroSync
