#pragma once

#include <string>
#include <utility>
#include <vector>

#include <QByteArray>
#include <QHostAddress>
#include <QStringList>
#include <QUrlQuery>

namespace XeroEmulator {

struct Tenant;

//! One HTTP request as the emulator's handlers see it: parsed once by EmulatorServer, then
//! annotated by authentication with the caller's app, scopes and tenant.
struct ApiRequest
{
    QByteArray method;
    QString path;
    QStringList segments; //!< path split on '/', without empty parts
    QUrlQuery query;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remote;

    std::string clientId;
    std::vector<std::string> scopes;
    Tenant *tenant = nullptr;

    //! Header value by case-insensitive name; empty when absent.
    QByteArray header(QByteArrayView name) const;
    //! Query value, fully decoded; empty when absent.
    std::string queryValue(const char *name) const;
    bool hasQuery(const char *name) const;
    bool hasAnyScope(std::initializer_list<const char *> wanted) const;
    //! The body as application/x-www-form-urlencoded ('+' is a space there, unlike in URLs).
    QUrlQuery form() const;
};

} // namespace XeroEmulator
