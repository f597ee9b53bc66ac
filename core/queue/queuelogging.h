#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcQueue) // "xerosync.queue"
Q_DECLARE_LOGGING_CATEGORY(lcRedis) // "xerosync.queue.redis"
Q_DECLARE_LOGGING_CATEGORY(lcWorker) // "xerosync.queue.worker"
