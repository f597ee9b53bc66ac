#pragma once

#include <optional>

#include "core/common/error.h"
#include "core/xero/xeroreply.h"

namespace XeroSync {

//! Turns an answer from any Xero API family into an Error whose `retryable` follows
//! DESIGN.md §6: 400 permanent (Xero's own words kept), 401 retry after a refresh, 403 permanent
//! (reconnect), 429 wait and retry, 5xx and network retry with backoff.
class XeroErrors
{
public:
    //! nullopt for a success (2xx).
    static std::optional<Error> fromReply(const XeroReply &reply);
    //! No HTTP answer at all.
    static Error fromTransport(const QString &what, bool timedOut);
    //! The human part of an error body: AU 1.0 ValidationErrors/Message, 2.0 Problem
    //! invalidFields/detail, Projects modelState/message, gateway Detail, OAuth error.
    static QString messageOf(const XeroReply &reply);
};

} // namespace XeroSync
