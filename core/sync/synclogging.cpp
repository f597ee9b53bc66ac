#include "synclogging.h"

Q_LOGGING_CATEGORY(lcSync, "xerosync.sync", QtInfoMsg)
