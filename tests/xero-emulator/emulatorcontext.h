#pragma once

namespace XeroEmulator {

class EmulatorClock;
class EmulatorState;
class IdGenerator;
struct EmulatorConfig;

//! What every API handler reads and writes; owned by EmulatorServer.
struct EmulatorContext
{
    EmulatorState &state;
    EmulatorConfig &config;
    EmulatorClock &clock;
    IdGenerator &ids;
};

} // namespace XeroEmulator
