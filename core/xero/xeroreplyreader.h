#pragma once

#include "core/xero/xeroreply.h"

class QNetworkReply;

namespace XeroSync {

//! Reads a finished QNetworkReply into a XeroReply: body, JSON, rate-limit headers, and the
//! Error the answer amounts to.
class XeroReplyReader
{
public:
    static XeroReply read(QNetworkReply *reply, bool timedOut);
    static RateLimitInfo limitsFrom(QNetworkReply *reply);
};

} // namespace XeroSync
