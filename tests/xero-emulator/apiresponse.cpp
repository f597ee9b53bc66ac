#include "apiresponse.h"

namespace XeroEmulator {

void ApiResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &[key, existing] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            existing = value;
            return;
        }
    }
    headers.emplace_back(name, value);
}

QByteArray ApiResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ApiResponse ApiResponse::json(int status, const Json &body)
{
    ApiResponse response;
    response.status = status;
    response.body = QByteArray::fromStdString(body.dump());
    return response;
}

ApiResponse ApiResponse::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    ApiResponse response;
    response.status = status;
    response.body = body;
    response.contentType = contentType;
    return response;
}

ApiResponse ApiResponse::noContent(int status)
{
    ApiResponse response;
    response.status = status;
    response.contentType.clear();
    return response;
}

ApiResponse ApiResponse::redirect(const QByteArray &location)
{
    ApiResponse response = text(302, QByteArray());
    response.contentType.clear();
    response.setHeader("Location", location);
    return response;
}

ApiResponse ApiResponse::gatewayError(
    int status, const std::string &title, const std::string &detail, const std::string &instance)
{
    return json(status,
        Json { { "Type", nullptr }, { "Title", title }, { "Status", status }, { "Detail", detail },
            { "Instance", instance }, { "Extensions", Json::object() } });
}

} // namespace XeroEmulator
