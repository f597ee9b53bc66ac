#include "job.h"

#include <array>

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
constexpr std::array STATE_NAMES { u"waiting", u"active", u"delayed", u"completed", u"failed",
    u"paused", u"unknown" };

nlohmann::json parseOrNull(const QByteArray &text, bool *ok = nullptr)
{
    auto v = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (ok)
        *ok = !v.is_discarded();
    return v.is_discarded() ? nlohmann::json() : v;
}
} // namespace

QString jobStateName(JobState state)
{
    return QString::fromUtf16(STATE_NAMES[size_t(state)]);
}

Result<JobState> jobStateFromName(const QString &name)
{
    for (size_t i = 0; i + 1 < STATE_NAMES.size(); ++i) {
        if (name == QStringView(STATE_NAMES[i]))
            return JobState(i);
    }
    if (name == u"wait")
        return JobState::Waiting;
    return fail(ErrorCode::BadRequest,
        u"unknown job state '%1' (use waiting, active, delayed, completed, failed or paused)"_s.arg(
            name));
}

Job Job::fromHash(const QString &id, const QHash<QByteArray, QByteArray> &f)
{
    Job job;
    job.id = id;
    job.name = QString::fromUtf8(f.value("name", "__default__"));
    job.rawData = f.value("data", "{}");
    job.data = parseOrNull(job.rawData, &job.dataValid);
    bool optsOk = false;
    const auto opts = parseOrNull(f.value("opts", "{}"), &optsOk);
    if (optsOk) {
        if (auto parsed = JobOptions::fromJson(opts))
            job.options = *parsed;
    }
    if (f.contains("progress"))
        job.progress = parseOrNull(f.value("progress"));
    job.attemptsMade = f.value("attemptsMade").toInt();
    job.failedReason = QString::fromUtf8(f.value("failedReason"));
    const auto stack = parseOrNull(f.value("stacktrace", "[]"));
    if (stack.is_array()) {
        for (const auto &line : stack) {
            if (line.is_string())
                job.stacktrace << QString::fromStdString(line.get<std::string>());
        }
    }
    if (f.contains("returnvalue"))
        job.returnValue = parseOrNull(f.value("returnvalue"));
    job.timestamp = f.value("timestamp").toLongLong();
    job.processedOn = f.value("processedOn").toLongLong();
    job.finishedOn = f.value("finishedOn").toLongLong();
    job.delayMs = f.value("delay").toLongLong();
    job.priority = f.value("priority").toInt();
    job.stalledCounter = f.value("stalledCounter").toInt();
    return job;
}

const QByteArrayList &Job::startFields()
{
    static const QByteArrayList fields { "name", "data", "opts", "timestamp", "priority",
        "attemptsMade", "processedOn", "progress", "failedReason", "stacktrace" };
    return fields;
}

Job Job::fromStartFields(const QString &id, const QByteArrayList &values)
{
    const QByteArrayList &names = startFields();
    QHash<QByteArray, QByteArray> fields;
    for (qsizetype i = 0; i < names.size() && i < values.size(); ++i) {
        if (!values[i].isNull())
            fields.insert(names[i], values[i]);
    }
    return fromHash(id, fields);
}

} // namespace XeroSync
