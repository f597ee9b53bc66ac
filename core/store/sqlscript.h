#pragma once

#include <QStringList>

namespace XeroSync {

//! Splits an SQL script into statements at top-level semicolons.
//! QPSQL runs a multi-statement string but reports only the first statement's result, so a
//! migration failing half-way would look like a success; each statement must run on its own.
//! Understands '…' strings (with '' and E'\'' escapes), "…" identifiers, $tag$…$tag$ bodies,
//! -- and nested /* */ comments. Empty statements and pure comments are dropped.
class SqlScript final
{
public:
    static QStringList split(const QString &script);
};

} // namespace XeroSync
