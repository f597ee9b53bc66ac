#pragma once

#include <nlohmann/json.hpp>

#include <QString>

#include "core/common/error.h"

namespace XeroSync::Json {

inline QString toQString(const nlohmann::json &value)
{
    return QString::fromStdString(value.dump());
}

//! Parses JSON text without exceptions escaping: malformed input is a BadRequest error.
Result<nlohmann::json> parse(QByteArrayView text);

inline Result<nlohmann::json> parse(const QString &text)
{
    return parse(QByteArrayView(text.toUtf8()));
}

//! The string at `key` of an object, or an empty optional when absent or not a string.
std::optional<QString> stringAt(const nlohmann::json &object, const char *key);

//! stringAt() with an empty string for "absent or not a string", for reading Xero's answers.
inline QString textAt(const nlohmann::json &object, const char *key)
{
    return stringAt(object, key).value_or(QString());
}

} // namespace XeroSync::Json
