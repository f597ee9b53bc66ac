#include "queuelogging.h"

Q_LOGGING_CATEGORY(lcQueue, "xerosync.queue", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRedis, "xerosync.queue.redis", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWorker, "xerosync.queue.worker", QtInfoMsg)
