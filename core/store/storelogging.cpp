#include "storelogging.h"

Q_LOGGING_CATEGORY(lcStore, "xerosync.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMigrations, "xerosync.store.migrations", QtInfoMsg)
Q_LOGGING_CATEGORY(lcListener, "xerosync.store.listener", QtInfoMsg)
