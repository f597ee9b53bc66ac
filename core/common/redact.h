#pragma once

#include <QString>

namespace XeroSync {

//! A connection URL fit for a log line: the password (and any `password=` query item) replaced
//! by "***". Strings that are not URLs come back unchanged.
QString redactedUrl(const QString &url);

} // namespace XeroSync
