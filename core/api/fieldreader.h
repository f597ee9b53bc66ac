#pragma once

#include <nlohmann/json.hpp>

#include <QDate>
#include <QStringList>

#include "core/common/error.h"

namespace XeroSync {

//! Reads a JSON request object field by field and remembers the first problem, naming the
//! field: a wrong type, a missing required field, or (at finish()) a field the request does not
//! know, so a typo such as `fromdate` is an error rather than silently ignored.
class FieldReader final
{
public:
    explicit FieldReader(const nlohmann::json &object);

    QString string(const char *name, bool required = true);
    std::optional<bool> boolean(const char *name);
    std::optional<qint64> integer(const char *name, qint64 min, qint64 max);
    //! YYYY-MM-DD, a real calendar date.
    QDate date(const char *name, bool required = true);
    //! Non-empty strings, at most `maxItems`; duplicates removed, order kept.
    QStringList strings(const char *name, bool required, qsizetype maxItems);
    bool has(const char *name) const;

    //! Records a problem found by the caller (a cross-field check).
    void reject(const char *name, const QString &message);
    //! The first problem, or unknown fields; an ok result when the object was fine.
    Result<void> finish();

private:
    const nlohmann::json *field(const char *name, bool required);
    void wrongType(const char *name, const char *expected);

    const nlohmann::json &m_object;
    QStringList m_known;
    std::optional<Error> m_error;
};

} // namespace XeroSync
