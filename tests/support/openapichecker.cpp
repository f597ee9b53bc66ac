#include "openapichecker.h"

#include <regex>

#include <yaml-cpp/yaml.h>

#include <QFileInfo>
#include <QString>

namespace XeroSync::Test {

namespace {

nlohmann::json toJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        auto object = nlohmann::json::object();
        for (const auto &item : node)
            object[item.first.Scalar()] = toJson(item.second);
        return object;
    }
    case YAML::NodeType::Sequence: {
        auto array = nlohmann::json::array();
        for (const auto &item : node)
            array.push_back(toJson(item));
        return array;
    }
    case YAML::NodeType::Scalar: {
        const auto &text = node.Scalar();
        if (node.Tag() != "?") // quoted: always a string
            return text;
        static const std::regex integer(R"(^-?\d+$)");
        static const std::regex real(R"(^-?\d+\.\d+([eE][-+]?\d+)?$)");
        if (text == "true" || text == "True")
            return true;
        if (text == "false" || text == "False")
            return false;
        if (text == "null" || text == "~")
            return nullptr;
        if (std::regex_match(text, integer) && text.size() < 18)
            return std::stoll(text);
        if (std::regex_match(text, real))
            return std::stod(text);
        return text; // includes unquoted timestamps, which stay text (xero-api.md §14)
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return nullptr;
}

std::string lower(std::string text)
{
    for (auto &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::vector<std::string> split(const std::string &path)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        const auto end = path.find('/', start);
        const auto part =
            path.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!part.empty())
            parts.push_back(part);
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return parts;
}

std::string typeOf(const nlohmann::json &value)
{
    return value.type_name();
}

// Xero sends these around every payroll answer (xero-api.md §2); the schemas omit them.
bool isEnvelopeField(const std::string &key)
{
    static const std::vector<std::string> fields { "Id", "Status", "ProviderName", "DateTimeUTC",
        "id", "providerName", "dateTimeUTC", "httpStatusCode" };
    return std::find(fields.begin(), fields.end(), key) != fields.end();
}

} // namespace

Result<OpenApiChecker> OpenApiChecker::load(const QString &path)
{
    OpenApiChecker checker;
    try {
        checker.m_spec = toJson(YAML::LoadFile(path.toStdString()));
    } catch (const YAML::Exception &e) {
        return fail(ErrorCode::BadRequest,
            QStringLiteral("cannot read %1: %2").arg(path, QString::fromUtf8(e.what())));
    }
    if (!checker.m_spec.contains("paths"))
        return fail(
            ErrorCode::BadRequest, QStringLiteral("%1 is not an OpenAPI document").arg(path));
    checker.m_name = QFileInfo(path).fileName().toStdString();
    return checker;
}

const nlohmann::json &OpenApiChecker::resolve(const nlohmann::json &schema) const
{
    const nlohmann::json *current = &schema;
    for (int guard = 0; guard < 16 && current->is_object() && current->contains("$ref"); ++guard) {
        const auto ref = (*current)["$ref"].get<std::string>();
        const auto pointer = ref.substr(ref.find('#') + 1);
        current = &m_spec.at(nlohmann::json::json_pointer(pointer));
    }
    return *current;
}

const nlohmann::json *OpenApiChecker::findOperation(
    const std::string &method, const std::string &path) const
{
    const auto wanted = split(path);
    const nlohmann::json *best = nullptr;
    int bestLiterals = -1;
    for (const auto &[templ, item] : m_spec["paths"].items()) {
        const auto parts = split(templ);
        if (parts.size() != wanted.size() || !item.contains(lower(method)))
            continue;
        int literals = 0;
        bool match = true;
        for (size_t i = 0; i < parts.size() && match; ++i) {
            if (parts[i].front() == '{')
                continue;
            match = lower(parts[i]) == lower(wanted[i]);
            ++literals;
        }
        if (match && literals > bestLiterals) {
            best = &item[lower(method)];
            bestLiterals = literals;
        }
    }
    return best;
}

std::vector<std::string> OpenApiChecker::checkResponse(const std::string &method,
    const std::string &path, int status, const nlohmann::json &body, bool *checked) const
{
    if (checked)
        *checked = false;
    const auto *operation = findOperation(method, path);
    if (!operation) // an error answer to an undocumented call is right; a success is not
        return status >= 400
            ? std::vector<std::string> {}
            : std::vector<std::string> { m_name + ": no operation " + method + ' ' + path };
    const auto &responses = (*operation)["responses"];
    const auto code = std::to_string(status);
    const nlohmann::json *response = nullptr;
    if (responses.contains(code))
        response = &responses[code];
    else if (responses.contains("default"))
        response = &responses["default"];
    if (!response)
        return status < 400 ? std::vector<std::string> { m_name + ": " + method + ' ' + path
            + " does not document status " + code }
                            : std::vector<std::string> {};
    const auto &resolved = resolve(*response);
    const auto content = resolved.find("content");
    if (content == resolved.end() || !content->contains("application/json")
        || !(*content)["application/json"].contains("schema"))
        return {};
    const auto &schema = (*content)["application/json"]["schema"];
    // Relaxation "delete-typed-as-line" (§14): the 2.0 specs type DELETE answers as a
    // TimesheetLine, whose required `date` no delete answer carries.
    if (method == "DELETE" && schema.value("$ref", std::string()).ends_with("/TimesheetLine"))
        return {};
    if (checked)
        *checked = true;
    std::vector<std::string> violations;
    validate(schema, body, "$", violations, 0);
    for (auto &violation : violations)
        violation = m_name + ' ' + method + ' ' + path + ' ' + code + ": " + violation;
    return violations;
}

std::vector<std::string> OpenApiChecker::checkSchema(const std::string &schemaName,
    const nlohmann::json &body, const std::vector<std::string> &extraTopLevel) const
{
    std::vector<std::string> violations;
    const auto &schemas = m_spec["components"]["schemas"];
    if (!schemas.contains(schemaName))
        return { m_name + ": no schema " + schemaName };
    validate(schemas[schemaName], body, "$", violations, 0, &extraTopLevel);
    return violations;
}

void OpenApiChecker::validate(const nlohmann::json &schemaIn, const nlohmann::json &value,
    const std::string &where, std::vector<std::string> &out, int depth,
    const std::vector<std::string> *extraTopLevel) const
{
    if (depth > 32)
        return;
    const auto &schema = resolve(schemaIn);
    if (!schema.is_object())
        return;
    if (const auto all = schema.find("allOf"); all != schema.end()) {
        for (const auto &part : *all)
            validate(part, value, where, out, depth + 1);
    }
    for (const char *key : { "oneOf", "anyOf" }) {
        if (const auto any = schema.find(key); any != schema.end()) {
            bool matched = false;
            for (const auto &part : *any) {
                std::vector<std::string> trial;
                validate(part, value, where, trial, depth + 1);
                matched = matched || trial.empty();
            }
            if (!matched)
                out.push_back(where + ": matches none of the " + key + " schemas");
        }
    }
    if (value.is_null()) {
        // Null is acceptable where the schema says nullable; the relaxation "null-optional"
        // (§14: Payroll 2.0 sends problem/pagination/trackingItemID as null, undeclared) lets
        // a non-required property be null. Required properties are checked by the caller.
        return;
    }
    std::string type = schema.value("type", std::string());
    if (type.empty() && schema.contains("properties"))
        type = "object";
    if (type == "object") {
        if (!value.is_object()) {
            out.push_back(where + ": expected object, got " + typeOf(value));
            return;
        }
        const auto properties = schema.value("properties", nlohmann::json::object());
        for (const auto &required : schema.value("required", nlohmann::json::array())) {
            const auto key = required.get<std::string>();
            if (!value.contains(key) || value[key].is_null())
                out.push_back(where + ": required property '" + key + "' is missing");
        }
        const bool openEnded =
            schema.contains("additionalProperties") || !schema.contains("properties");
        for (const auto &[key, item] : value.items()) {
            if (properties.contains(key)) {
                // Relaxation "problem-status-number" (§14): Problem.status is typed string; the
                // answers carry the number.
                const auto &schemas = m_spec["components"]["schemas"];
                if (key == "status" && item.is_number_integer() && schemas.contains("Problem")
                    && &schema == &schemas["Problem"])
                    continue;
                validate(properties[key], item, where + '.' + key, out, depth + 1);
                continue;
            }
            const bool extra = where == "$"
                && (isEnvelopeField(key)
                    || (extraTopLevel
                        && std::find(extraTopLevel->begin(), extraTopLevel->end(), key)
                            != extraTopLevel->end()));
            if (openEnded || extra)
                continue;
            out.push_back(where + ": undeclared property '" + key + "'");
        }
        return;
    }
    if (type == "array") {
        if (!value.is_array()) {
            out.push_back(where + ": expected array, got " + typeOf(value));
            return;
        }
        if (schema.contains("items")) {
            for (size_t i = 0; i < value.size(); ++i)
                validate(schema["items"], value[i], where + '[' + std::to_string(i) + ']', out,
                    depth + 1);
        }
        return;
    }
    if (type == "string") {
        if (!value.is_string()) {
            // Relaxation "au-rate-per-unit-number" (§14): AU 1.0 declares EarningsRate.RatePerUnit
            // a string and sends a number.
            const bool ratePerUnit = where.ends_with(".RatePerUnit") && value.is_number();
            // Relaxation "problem-status-number" (§14): Problem.status is typed string, sent as a
            // number.
            const bool problemStatus =
                where.ends_with("problem.status") && value.is_number_integer();
            if (!ratePerUnit && !problemStatus)
                out.push_back(where + ": expected string, got " + typeOf(value));
            return;
        }
        const auto text = value.get<std::string>();
        if (const auto values = schema.find("enum"); values != schema.end()) {
            if (std::find(values->begin(), values->end(), value) == values->end())
                out.push_back(where + ": '" + text + "' is not one of " + values->dump());
        }
        static const std::regex uuid(
            R"(^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)");
        // Relaxation "date-as-midnight" (§14): `format: date` fields arrive as YYYY-MM-DDT00:00:00.
        static const std::regex date(R"(^\d{4}-\d{2}-\d{2}(T00:00:00)?$)");
        static const std::regex dateTime(
            R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})?$)");
        static const std::regex msDate(R"(^/Date\(-?\d+([+-]\d{4})?\)/$)");
        const auto format = schema.value("format", std::string());
        if (format == "uuid" && !std::regex_match(text, uuid))
            out.push_back(where + ": '" + text + "' is not a uuid");
        if (format == "date" && !std::regex_match(text, date))
            out.push_back(where + ": '" + text + "' is not a date");
        if (format == "date-time" && !std::regex_match(text, dateTime))
            out.push_back(where + ": '" + text + "' is not a date-time");
        if ((schema.value("x-is-msdate", false) || schema.value("x-is-msdate-time", false))
            && !std::regex_match(text, msDate))
            out.push_back(where + ": '" + text + "' is not an MS-JSON date");
        return;
    }
    if (type == "integer") {
        if (!value.is_number_integer())
            out.push_back(where + ": expected integer, got " + typeOf(value));
        return;
    }
    if (type == "number") {
        if (!value.is_number())
            out.push_back(where + ": expected number, got " + typeOf(value));
        return;
    }
    if (type == "boolean" && !value.is_boolean())
        out.push_back(where + ": expected boolean, got " + typeOf(value));
}

} // namespace XeroSync::Test
