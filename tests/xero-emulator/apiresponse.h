#pragma once

#include <utility>
#include <vector>

#include <QByteArray>

#include "emulatormodel.h"

namespace XeroEmulator {

//! A complete answer, built by a handler and written by EmulatorServer, which adds the headers
//! every Xero response carries (correlation id, rate-limit counters).
struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json; charset=utf-8";
    QByteArray body;
    std::vector<std::pair<QByteArray, QByteArray>> headers;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;

    static ApiResponse json(int status, const Json &body);
    static ApiResponse text(int status, const QByteArray &body,
        const QByteArray &contentType = "text/plain; charset=utf-8");
    static ApiResponse noContent(int status = 204);
    static ApiResponse redirect(const QByteArray &location);
    //! Xero's gateway error shape, used for 401 and 403 (research §11).
    static ApiResponse gatewayError(int status, const std::string &title, const std::string &detail,
        const std::string &instance);
};

} // namespace XeroEmulator
