#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace XeroEmulator {

//! The subset of Xero's `where` and `order` syntax integrators use on payroll lists
//! (research §12 item 11): `Field==value` clauses joined by `&&` or `AND`, with the operators
//! == != > >= < <=, and values "text", GUID("…") or DateTime(y,m,d). Dates compare as
//! YYYY-MM-DD text, ids case-insensitively.
class WhereFilter
{
public:
    using FieldReader = std::function<std::optional<std::string>(const std::string &field)>;

    //! Empty text gives a filter that keeps everything; a parse error returns nullopt.
    static std::optional<WhereFilter> parse(const std::string &text, std::string *error);
    bool matches(const FieldReader &read) const;

    //! "Field [ASC|DESC]"; nullopt when the text is not of that form.
    struct Order
    {
        std::string field;
        bool descending = false;
    };

    static std::optional<Order> parseOrder(const std::string &text);

private:
    struct Clause
    {
        std::string field;
        std::string op;
        std::string value;
    };

    std::vector<Clause> m_clauses;
};

} // namespace XeroEmulator
