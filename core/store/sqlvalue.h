#pragma once

// Conversions between store types and QtSql's QVariants, shared by the stores.

#include <optional>

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QVariant>

namespace XeroSync::Sql {

//! NULL for an empty string, else the string.
QVariant text(const QString &value);
//! NULL for a null/discarded json value, else its text (bind with CAST(? AS jsonb)).
QVariant json(const nlohmann::json &value);
QVariant optionalInt(const std::optional<int> &value);
QVariant timestamp(const QDateTime &value);

//! A jsonb column read back; NULL becomes a null json value.
nlohmann::json toJson(const QVariant &value);
//! A timestamptz column read back in UTC.
QDateTime toUtc(const QVariant &value);
//! `%`, `_` and `\` escaped for `ILIKE ? ESCAPE '\'`, wrapped in `%…%`.
QString containsPattern(const QString &needle);

} // namespace XeroSync::Sql
