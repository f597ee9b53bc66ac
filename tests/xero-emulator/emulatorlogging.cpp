#include "emulatorlogging.h"

Q_LOGGING_CATEGORY(lcEmulator, "xerosync.emulator", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEmulatorRequests, "xerosync.emulator.requests", QtInfoMsg)
