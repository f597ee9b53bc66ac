#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <QString>

#include "core/common/error.h"

namespace XeroSync::Test {

//! Validates JSON bodies against the response schemas of one of Xero's OpenAPI 3.0 specs
//! (../shared/xero-openapi). It covers what those specs use: $ref, allOf/oneOf/anyOf, type,
//! properties, required, items, enum, nullable and the uuid/date/date-time formats, plus the
//! x-is-msdate markers of Payroll AU 1.0.
//!
//! It is stricter than OpenAPI in one way: a property the schema does not declare is a
//! violation (so a misspelt field in the emulator is caught), except the envelope fields Xero
//! sends around every payroll answer (xero-api.md §2). It is more lenient only where
//! xero-api.md §14 lists a known spec erratum; each relaxation is named in openapichecker.cpp.
class OpenApiChecker
{
public:
    //! Reads a spec file (YAML). Plain scalars keep their text, so dates stay strings.
    static Result<OpenApiChecker> load(const QString &path);

    //! Violations of the answer to `method path` (path relative to the spec's server, e.g.
    //! "/Timesheets/123") with `status`. `checked` says whether the spec had a JSON schema for it.
    std::vector<std::string> checkResponse(const std::string &method, const std::string &path,
        int status, const nlohmann::json &body, bool *checked = nullptr) const;
    //! Violations of `body` against components.schemas[`schemaName`]; `extraTopLevel` names
    //! top-level properties the wire carries beyond the schema.
    std::vector<std::string> checkSchema(const std::string &schemaName, const nlohmann::json &body,
        const std::vector<std::string> &extraTopLevel = {}) const;

    const std::string &name() const { return m_name; }

private:
    void validate(const nlohmann::json &schema, const nlohmann::json &value,
        const std::string &where, std::vector<std::string> &out, int depth,
        const std::vector<std::string> *extraTopLevel = nullptr) const;
    const nlohmann::json &resolve(const nlohmann::json &schema) const;
    const nlohmann::json *findOperation(const std::string &method, const std::string &path) const;

    nlohmann::json m_spec;
    std::string m_name;
};

} // namespace XeroSync::Test
