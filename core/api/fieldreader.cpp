#include "fieldreader.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

FieldReader::FieldReader(const nlohmann::json &object)
    : m_object(object)
{
    if (!object.is_object())
        m_error = Error { ErrorCode::BadRequest, u"the request body must be a JSON object"_s };
}

bool FieldReader::has(const char *name) const
{
    return m_object.is_object() && m_object.contains(name) && !m_object[name].is_null();
}

const nlohmann::json *FieldReader::field(const char *name, bool required)
{
    m_known << QString::fromLatin1(name);
    if (m_error)
        return nullptr;
    if (!has(name)) {
        if (required)
            reject(name, u"%1 is required"_s.arg(QString::fromLatin1(name)));
        return nullptr;
    }
    return &m_object[name];
}

void FieldReader::wrongType(const char *name, const char *expected)
{
    reject(name, u"%1 must be %2"_s.arg(QString::fromLatin1(name), QString::fromLatin1(expected)));
}

void FieldReader::reject(const char *name, const QString &message)
{
    if (m_error)
        return;
    Error error { ErrorCode::BadRequest, message };
    error.field = QString::fromLatin1(name);
    m_error = error;
}

QString FieldReader::string(const char *name, bool required)
{
    const auto *value = field(name, required);
    if (!value)
        return {};
    if (!value->is_string()) {
        wrongType(name, "a string");
        return {};
    }
    const QString text = QString::fromStdString(value->get<std::string>()).trimmed();
    if (text.isEmpty() && required)
        reject(name, u"%1 must not be empty"_s.arg(QString::fromLatin1(name)));
    return text;
}

std::optional<bool> FieldReader::boolean(const char *name)
{
    const auto *value = field(name, false);
    if (!value)
        return std::nullopt;
    if (!value->is_boolean()) {
        wrongType(name, "true or false");
        return std::nullopt;
    }
    return value->get<bool>();
}

std::optional<qint64> FieldReader::integer(const char *name, qint64 min, qint64 max)
{
    const auto *value = field(name, false);
    if (!value)
        return std::nullopt;
    if (!value->is_number_integer()) {
        wrongType(name, "a whole number");
        return std::nullopt;
    }
    const auto number = value->get<qint64>();
    if (number < min || number > max) {
        reject(name,
            u"%1 must be between %2 and %3"_s.arg(QString::fromLatin1(name)).arg(min).arg(max));
        return std::nullopt;
    }
    return number;
}

QDate FieldReader::date(const char *name, bool required)
{
    const auto *value = field(name, required);
    if (!value)
        return {};
    const QString text =
        value->is_string() ? QString::fromStdString(value->get<std::string>()) : QString();
    const QDate parsed = QDate::fromString(text, u"yyyy-MM-dd"_s);
    if (!parsed.isValid()) {
        reject(name,
            u"%1 must be a date as YYYY-MM-DD, such as 2026-11-02"_s.arg(
                QString::fromLatin1(name)));
        return {};
    }
    return parsed;
}

QStringList FieldReader::strings(const char *name, bool required, qsizetype maxItems)
{
    const auto *value = field(name, required);
    if (!value)
        return {};
    if (!value->is_array()) {
        wrongType(name, "an array of strings");
        return {};
    }
    if (qsizetype(value->size()) > maxItems) {
        reject(name,
            u"%1 holds %2 items; at most %3 are allowed per call"_s.arg(QString::fromLatin1(name))
                .arg(value->size())
                .arg(maxItems));
        return {};
    }
    QStringList out;
    for (const auto &item : *value) {
        const QString text = item.is_string()
            ? QString::fromStdString(item.get<std::string>()).trimmed()
            : QString();
        if (text.isEmpty()) {
            wrongType(name, "an array of non-empty strings");
            return {};
        }
        if (!out.contains(text))
            out << text;
    }
    if (out.isEmpty() && required)
        reject(name, u"%1 must not be empty"_s.arg(QString::fromLatin1(name)));
    return out;
}

Result<void> FieldReader::finish()
{
    if (!m_error && m_object.is_object()) {
        for (const auto &[key, value] : m_object.items()) {
            if (!m_known.contains(QString::fromStdString(key))) {
                Error error { ErrorCode::BadRequest,
                    u"unknown field %1 (expected one of: %2)"_s.arg(
                        QString::fromStdString(key), m_known.join(u", "_s)) };
                error.field = QString::fromStdString(key);
                m_error = error;
                break;
            }
        }
    }
    if (m_error)
        return std::unexpected(*m_error);
    return {};
}

} // namespace XeroSync
