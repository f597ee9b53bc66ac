#pragma once

#include <QUrl>

#include "core/common/error.h"

namespace XeroSync {

//! Where Xero's three hosts are: login (authorize), identity (token, revocation) and the API
//! (connections, payroll, projects). The emulator serves all three from one base URL.
struct XeroEndpoints
{
    QUrl authorize;
    QUrl token;
    QUrl revocation;
    QUrl api; //!< base: /connections, /payroll.xro/..., /projects.xro/... are appended

    static XeroEndpoints production();
    //! Every endpoint under one base URL, as the emulator serves them.
    static Result<XeroEndpoints> fromBaseUrl(const QString &baseUrl);
};

} // namespace XeroSync
