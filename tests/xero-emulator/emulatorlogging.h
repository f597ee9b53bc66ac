#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcEmulator) // "xerosync.emulator"
Q_DECLARE_LOGGING_CATEGORY(lcEmulatorRequests) // "xerosync.emulator.requests"
