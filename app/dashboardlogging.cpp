#include "dashboardlogging.h"

Q_LOGGING_CATEGORY(lcDashboard, "xerosync.dashboard", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDashboardNet, "xerosync.dashboard.net", QtInfoMsg)
