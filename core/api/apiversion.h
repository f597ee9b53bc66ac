#pragma once

namespace XeroSync {

//! The agent API's version, sent as `apiVersion` by GET /api/health and checked by the dashboard.
//! Every change gets a line in core/api/CHANGELOG.md (STYLE.md §9).
inline constexpr int API_VERSION = 1;

} // namespace XeroSync
