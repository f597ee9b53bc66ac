// A job as HGETALL returns it from Redis, written by us, by Node's bull, or by anyone else with
// access to the queue: fields split on NUL bytes into name/value pairs.
#include "core/queue/job.h"
#include "core/queue/joboptions.h"
#include "fuzzinput.h"

using namespace XeroSync;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> parts = Fuzz::bytes(data, size).split('\0');
    QHash<QByteArray, QByteArray> fields;
    for (qsizetype i = 0; i + 1 < parts.size(); i += 2)
        fields.insert(parts[i], parts[i + 1]);
    const Job job = Job::fromHash(QStringLiteral("fuzz"), fields);
    if (job.id != QStringLiteral("fuzz"))
        __builtin_trap();
    if (fields.contains("opts")) {
        const auto opts = Fuzz::json(fields.value("opts"));
        if (!opts.is_discarded())
            (void)JobOptions::fromJson(opts);
    }
    return 0;
}
