#include "faultinjector.h"

namespace XeroEmulator {

static std::string kindName(FaultInjector::Kind kind)
{
    switch (kind) {
    case FaultInjector::Kind::Status:
        return "status";
    case FaultInjector::Kind::Timeout:
        return "timeout";
    case FaultInjector::Kind::Drop:
        return "drop";
    case FaultInjector::Kind::Slow:
        return "slow";
    }
    return "status";
}

std::string FaultInjector::add(const Json &json)
{
    if (!json.is_object())
        return "a fault must be a JSON object";
    Rule rule;
    const auto kind = json.value("kind", std::string());
    if (kind == "500" || kind == "503" || kind == "502" || kind == "504") {
        rule.kind = Kind::Status;
        rule.status = std::stoi(kind);
    } else if (kind == "status") {
        rule.kind = Kind::Status;
        rule.status = json.value("status", 500);
        if (rule.status < 400 || rule.status > 599)
            return "status faults need a status between 400 and 599";
    } else if (kind == "timeout") {
        rule.kind = Kind::Timeout;
        rule.delayMs = 30'000;
    } else if (kind == "drop") {
        rule.kind = Kind::Drop;
    } else if (kind == "slow") {
        rule.kind = Kind::Slow;
        rule.delayMs = 2'000;
    } else {
        return "kind must be one of 500, 502, 503, 504, status, timeout, drop, slow";
    }
    rule.remaining = json.value("count", 1);
    rule.delayMs = json.value("delayMs", rule.delayMs);
    rule.pathContains = json.value("pathContains", std::string());
    rule.method = json.value("method", std::string());
    if (rule.remaining < 1 || rule.delayMs < 0)
        return "count must be at least 1 and delayMs not negative";
    m_rules.push_back(rule);
    return {};
}

std::optional<FaultInjector::Rule> FaultInjector::take(const ApiRequest &request)
{
    for (auto it = m_rules.begin(); it != m_rules.end(); ++it) {
        if (!it->method.empty() && request.method != QByteArray::fromStdString(it->method))
            continue;
        if (!it->pathContains.empty()
            && !request.path.contains(
                QString::fromStdString(it->pathContains), Qt::CaseInsensitive))
            continue;
        auto rule = *it;
        if (--it->remaining <= 0)
            m_rules.erase(it);
        return rule;
    }
    return std::nullopt;
}

Json FaultInjector::toJson() const
{
    Json list = Json::array();
    for (const auto &rule : m_rules)
        list.push_back({ { "kind", kindName(rule.kind) }, { "status", rule.status },
            { "remaining", rule.remaining }, { "delayMs", rule.delayMs },
            { "pathContains", rule.pathContains }, { "method", rule.method } });
    return list;
}

} // namespace XeroEmulator
