#include "xerologging.h"

Q_LOGGING_CATEGORY(lcXero, "xerosync.xero", QtInfoMsg)
