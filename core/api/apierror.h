#pragma once

#include <nlohmann/json.hpp>

#include "core/common/error.h"

namespace XeroSync::ApiError {

//! The HTTP status an error code answers with (400, 401, 403, 404, 409, 429, 503, 504, 422, 500).
int httpStatus(ErrorCode code);

//! The one error shape of the agent API:
//! `{"error": {"code": "bad_request", "message": "…", "field": "fromDate"}}` (field only when
//! one field is at fault).
nlohmann::json body(const Error &error);

//! Reads body() back (the dashboard's side); a body of another shape becomes an Internal error
//! quoting the HTTP status.
Error fromBody(int httpStatus, const nlohmann::json &body);

} // namespace XeroSync::ApiError
