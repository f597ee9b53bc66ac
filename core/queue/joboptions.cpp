#include "joboptions.h"

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr qint64 MAX_PRIORITY = 2147483647;

Result<qint64> integerAt(const nlohmann::json &opts, const char *key, qint64 fallback)
{
    const auto it = opts.find(key);
    if (it == opts.end() || it->is_null())
        return fallback;
    if (it->is_number_unsigned()) {
        if (it->get<quint64>() <= quint64(std::numeric_limits<qint64>::max()))
            return qint64(it->get<quint64>());
    } else if (it->is_number_integer()) {
        return it->get<qint64>();
    }
    // Converting a double outside qint64's range is undefined behaviour (found by fuzz_jobdata).
    if (const double d = it->is_number_float() ? it->get<double>() : 0.0;
        it->is_number_float() && std::isfinite(d) && d >= -9.2e18 && d <= 9.2e18)
        return qint64(d);
    if (it->is_string()) { // Bull parseInt()s attempts, and producers do send strings
        bool ok = false;
        const qint64 v = QString::fromStdString(it->get<std::string>()).toLongLong(&ok);
        if (ok)
            return v;
    }
    return fail(ErrorCode::BadRequest,
        u"job option '%1' must be a number of a sensible size"_s.arg(QLatin1StringView(key)));
}
} // namespace

Result<KeepJobs> KeepJobs::fromJson(const nlohmann::json &value)
{
    if (value.is_null() || (value.is_boolean() && !value.get<bool>()))
        return KeepJobs { -1, 0 };
    if (value.is_boolean())
        return KeepJobs { 0, 0 };
    if (value.is_number_integer()) {
        const qint64 n = value.get<qint64>();
        if (n < 0)
            return KeepJobs { -1, 0 };
        return KeepJobs { int(std::min<qint64>(n, INT_MAX)), 0 };
    }
    if (value.is_object()) {
        KeepJobs keep;
        if (const auto c = value.find("count"); c != value.end() && c->is_number_integer())
            keep.count = int(std::clamp<qint64>(c->get<qint64>(), -1, INT_MAX));
        if (const auto a = value.find("age"); a != value.end() && a->is_number())
            keep.ageSeconds = int(std::clamp<double>(a->get<double>(), 0, INT_MAX));
        return keep;
    }
    return fail(ErrorCode::BadRequest,
        u"removeOnComplete/removeOnFail must be a boolean, a number or {age, count}"_s);
}

nlohmann::json KeepJobs::toJson() const
{
    if (ageSeconds > 0) {
        nlohmann::json o { { "age", ageSeconds } };
        if (count >= 0)
            o["count"] = count;
        return o;
    }
    if (count == 0)
        return true;
    if (count < 0)
        return false;
    return count;
}

Result<JobOptions> JobOptions::fromJson(const nlohmann::json &opts)
{
    JobOptions o;
    if (opts.is_null())
        return o;
    if (!opts.is_object())
        return fail(ErrorCode::BadRequest, u"job options must be a JSON object"_s);
    auto priority = integerAt(opts, "priority", 0);
    auto delay = integerAt(opts, "delay", 0);
    auto attempts = integerAt(opts, "attempts", 1);
    auto timeout = integerAt(opts, "timeout", 0);
    auto stackLimit = integerAt(opts, "stackTraceLimit", 0);
    auto timestamp = integerAt(opts, "timestamp", 0);
    for (const auto *r : { &priority, &delay, &attempts, &timeout, &stackLimit, &timestamp }) {
        if (!*r)
            return std::unexpected(r->error());
    }
    o.priority = int(std::clamp<qint64>(*priority, 0, MAX_PRIORITY));
    o.delayMs = *delay;
    o.attempts = int(std::clamp<qint64>(*attempts, 0, INT_MAX));
    o.timeoutMs = *timeout;
    o.stackTraceLimit = int(std::clamp<qint64>(*stackLimit, 0, INT_MAX));
    o.timestamp = *timestamp;
    if (const auto b = opts.find("backoff"); b != opts.end() && !b->is_null()) {
        BackoffOptions backoff;
        if (b->is_number()) { // Bull normalises a number to a fixed backoff
            backoff.type = u"fixed"_s;
            backoff.delayMs = b->get<double>();
        } else if (b->is_object()) {
            if (const auto t = b->find("type"); t != b->end() && t->is_string())
                backoff.type = QString::fromStdString(t->get<std::string>());
            if (const auto d = b->find("delay"); d != b->end() && d->is_number())
                backoff.delayMs = d->get<double>();
        } else {
            return fail(
                ErrorCode::BadRequest, u"job option 'backoff' must be a number or {type, delay}"_s);
        }
        o.backoff = backoff;
    }
    if (const auto id = opts.find("jobId"); id != opts.end() && !id->is_null()) {
        if (id->is_string())
            o.jobId = QString::fromStdString(id->get<std::string>());
        else if (id->is_number_integer())
            o.jobId = QString::number(id->get<qint64>());
        else
            return fail(ErrorCode::BadRequest, u"job option 'jobId' must be a string"_s);
    }
    if (const auto l = opts.find("lifo"); l != opts.end() && l->is_boolean())
        o.lifo = l->get<bool>();
    for (const auto &[key, target] : { std::pair { "removeOnComplete", &o.removeOnComplete },
             std::pair { "removeOnFail", &o.removeOnFail } }) {
        if (const auto k = opts.find(key); k != opts.end()) {
            auto keep = KeepJobs::fromJson(*k);
            if (!keep)
                return std::unexpected(keep.error());
            *target = *keep;
        }
    }
    return o;
}

nlohmann::json JobOptions::toJson() const
{
    nlohmann::json o { { "attempts", attempts }, { "delay", delayMs }, { "timestamp", timestamp } };
    if (priority > 0)
        o["priority"] = priority;
    if (backoff) {
        nlohmann::json b { { "delay", backoff->delayMs } };
        if (!backoff->type.isEmpty())
            b["type"] = backoff->type.toStdString();
        o["backoff"] = b;
    }
    if (!jobId.isEmpty())
        o["jobId"] = jobId.toStdString();
    if (lifo)
        o["lifo"] = true;
    if (removeOnComplete)
        o["removeOnComplete"] = removeOnComplete->toJson();
    if (removeOnFail)
        o["removeOnFail"] = removeOnFail->toJson();
    if (timeoutMs > 0)
        o["timeout"] = timeoutMs;
    if (stackTraceLimit > 0)
        o["stackTraceLimit"] = stackTraceLimit;
    return o;
}

Result<void> JobOptions::validate() const
{
    if (priority < 0)
        return fail(ErrorCode::BadRequest, u"priority must be between 1 and 2147483647"_s);
    if (delayMs < 0)
        return fail(ErrorCode::BadRequest, u"delay cannot be negative"_s);
    if (attempts < 1)
        return fail(ErrorCode::BadRequest, u"attempts must be at least 1"_s);
    if (backoff && backoff->delayMs < 0)
        return fail(ErrorCode::BadRequest, u"backoff delay cannot be negative"_s);
    if (backoff && !backoff->type.isEmpty() && backoff->type != u"fixed"
        && backoff->type != u"exponential")
        return fail(ErrorCode::BadRequest,
            u"unknown backoff type '%1' (use fixed or exponential)"_s.arg(backoff->type));
    if (jobId.size() > 256)
        return fail(ErrorCode::BadRequest, u"a custom job id is at most 256 characters"_s);
    return {};
}

qint64 JobOptions::backoffDelayMs(int attemptsMade) const
{
    if (!backoff || backoff->delayMs <= 0)
        return 0;
    if (backoff->type == u"exponential") {
        const double factor = std::pow(2.0, std::min(attemptsMade, 40)) - 1.0;
        return qint64(std::llround(factor * backoff->delayMs));
    }
    return qint64(std::llround(backoff->delayMs)); // fixed, and custom types we do not know
}

} // namespace XeroSync
