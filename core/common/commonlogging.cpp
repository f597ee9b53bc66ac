#include "commonlogging.h"

Q_LOGGING_CATEGORY(lcCommon, "xerosync.common", QtInfoMsg)
