#include "xeropages.h"

namespace XeroSync {

void XeroPages::fetchAll(XeroClient &client, XeroRequest request, Shape shape, Callback done)
{
    fetchPage(client, std::move(request), shape, 1,
        std::make_shared<nlohmann::json>(nlohmann::json::array()), std::move(done));
}

void XeroPages::fetchPage(XeroClient &client, XeroRequest request, Shape shape, int page,
    std::shared_ptr<nlohmann::json> items, Callback done)
{
    XeroRequest one = request;
    one.query.removeAllQueryItems(QStringLiteral("page"));
    one.query.addQueryItem(QStringLiteral("page"), QString::number(page));
    if (shape.sendPageSize) {
        one.query.removeAllQueryItems(QStringLiteral("pageSize"));
        one.query.addQueryItem(QStringLiteral("pageSize"), QString::number(shape.pageSize));
    }
    client.send(one,
        [&client, request = std::move(request), shape, page, items, done = std::move(done)](
            XeroReply reply) mutable {
            if (reply.error) {
                done(std::unexpected(*reply.error));
                return;
            }
            const auto &body = reply.json;
            if (!body.is_object() || !body.contains(shape.itemsKey)
                || !body[shape.itemsKey].is_array()) {
                done(std::unexpected(Error { ErrorCode::Unavailable,
                    QStringLiteral("Xero answered %1 without its list of %2")
                        .arg(request.path, QLatin1String(shape.itemsKey)),
                    true }));
                return;
            }
            const auto &list = body[shape.itemsKey];
            for (const auto &item : list)
                items->push_back(item);
            const auto pagination = body.value("pagination", nlohmann::json::object());
            const bool counted = pagination.is_object() && pagination.contains("pageCount")
                && pagination["pageCount"].is_number_integer();
            // Without a page count, a full page may have a next one; a short page ends it.
            const bool more = counted ? page < pagination["pageCount"].get<int>()
                                      : list.size() == static_cast<size_t>(shape.pageSize);
            if (more && page < 1000) // bounded: a misbehaving server cannot loop us forever
                fetchPage(client, std::move(request), shape, page + 1, items, std::move(done));
            else
                done(std::move(*items));
        });
}

} // namespace XeroSync
