#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStore) // "xerosync.store"
Q_DECLARE_LOGGING_CATEGORY(lcMigrations) // "xerosync.store.migrations"
Q_DECLARE_LOGGING_CATEGORY(lcListener) // "xerosync.store.listener"
