#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/xero/xeroclient.h"

namespace XeroSync {

//! Reads every page of a paged Xero list, so a list costs as few of the tenant's calls as it
//! can: Projects (`{pagination, items}`, up to 500 a page, research §7) and Payroll 2.0
//! (`{pagination, <name>}`, 100 a page, research §4.1).
class XeroPages
{
public:
    using Callback = std::function<void(Result<nlohmann::json>)>;

    struct Shape
    {
        const char *itemsKey; //!< where the page's items are
        int pageSize; //!< a full page; fewer items mean the last one
        bool sendPageSize; //!< ask for pageSize (Projects takes it; Payroll 2.0 pages are fixed)
    };

    static constexpr Shape Projects { "items", 500, true };

    static constexpr Shape payroll2(const char *itemsKey) { return { itemsKey, 100, false }; }

    //! `done` gets all items in order, or the first error.
    static void fetchAll(XeroClient &client, XeroRequest request, Shape shape, Callback done);

private:
    static void fetchPage(XeroClient &client, XeroRequest request, Shape shape, int page,
        std::shared_ptr<nlohmann::json> items, Callback done);
};

} // namespace XeroSync
