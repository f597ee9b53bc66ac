#pragma once

#include "core/queue/redisconnection.h"
#include "core/queue/worker.h"

namespace XeroSync::Test {

//! Settings of a queue no other test touches: the name carries the tag, the process id and a
//! counter, so tests sharing one Redis never see each other's jobs.
QueueSettings uniqueQueue(const char *tag);

//! Worker settings that react within a second (short blocking waits and promotion timer,
//! metrics on), for tests that wait on jobs.
WorkerSettings quickWorker(const QueueSettings &queue);

//! Whether Redis lists a connection called `name` (empty: an unnamed one) whose CLIENT LIST line
//! shows every one of `fields` (e.g. "flags=b" for one waiting in a blocking command or held by
//! CLIENT PAUSE, "psub=1" for a pattern subscriber, "cmd=evalsha" for the command it runs).
bool hasClient(RedisConnection &redis, const QByteArray &name, const QByteArrayList &fields);

} // namespace XeroSync::Test
