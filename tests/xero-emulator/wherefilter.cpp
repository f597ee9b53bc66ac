#include "wherefilter.h"

#include <QRegularExpression>
#include <QString>

namespace XeroEmulator {

static std::string lower(std::string text)
{
    for (auto &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::optional<WhereFilter> WhereFilter::parse(const std::string &input, std::string *error)
{
    WhereFilter filter;
    auto text = QString::fromStdString(input).trimmed();
    if (text.isEmpty())
        return filter;
    static const QRegularExpression separator(
        QStringLiteral("\\s*(&&|\\bAND\\b)\\s*"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression clause(
        QStringLiteral(
            "^([A-Za-z][A-Za-z0-9.]*)\\s*(==|!=|>=|<=|>|<|=)\\s*(\"([^\"]*)\"|GUID\\(\"?([0-9A-Fa-"
            "f-]+)\"?\\)|"
            "DateTime\\((\\d{4})\\s*,\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})[^)]*\\)|([A-Za-z0-9.-]+))$"),
        QRegularExpression::CaseInsensitiveOption);
    for (const auto &part : text.split(separator, Qt::SkipEmptyParts)) {
        const auto match = clause.match(part.trimmed());
        if (!match.hasMatch()) {
            if (error)
                *error = "Unable to parse the where clause near '" + part.toStdString() + "'";
            return std::nullopt;
        }
        Clause c;
        c.field = lower(match.captured(1).toStdString());
        c.op = match.captured(2) == QLatin1String("=") ? "==" : match.captured(2).toStdString();
        if (match.capturedLength(4) > 0 || match.captured(3).startsWith(QLatin1Char('"')))
            c.value = match.captured(4).toStdString();
        else if (match.capturedLength(5) > 0)
            c.value = lower(match.captured(5).toStdString());
        else if (match.capturedLength(6) > 0)
            c.value = QString::asprintf("%04d-%02d-%02d", match.captured(6).toInt(),
                match.captured(7).toInt(), match.captured(8).toInt())
                          .toStdString();
        else
            c.value = match.captured(9).toStdString();
        filter.m_clauses.push_back(c);
    }
    return filter;
}

bool WhereFilter::matches(const FieldReader &read) const
{
    for (const auto &clause : m_clauses) {
        const auto actual = read(clause.field);
        if (!actual)
            return false;
        const auto a = lower(*actual);
        const auto b = lower(clause.value);
        bool ok = false;
        if (clause.op == "==")
            ok = a == b;
        else if (clause.op == "!=")
            ok = a != b;
        else if (clause.op == ">")
            ok = a > b;
        else if (clause.op == ">=")
            ok = a >= b;
        else if (clause.op == "<")
            ok = a < b;
        else if (clause.op == "<=")
            ok = a <= b;
        if (!ok)
            return false;
    }
    return true;
}

std::optional<WhereFilter::Order> WhereFilter::parseOrder(const std::string &input)
{
    static const QRegularExpression order(
        QStringLiteral("^\\s*([A-Za-z][A-Za-z0-9.]*)(\\s+(ASC|DESC))?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = order.match(QString::fromStdString(input));
    if (!match.hasMatch())
        return std::nullopt;
    return Order { lower(match.captured(1).toStdString()),
        match.captured(3).compare(QLatin1String("DESC"), Qt::CaseInsensitive) == 0 };
}

} // namespace XeroEmulator
