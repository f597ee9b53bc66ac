#pragma once

#include <string>
#include <vector>

#include "emulatormodel.h"

namespace XeroEmulator {

class EmulatorClock;
class IdGenerator;

//! Everything Xero would hold for the emulated organisations and apps. Kept in memory; a seed
//! file fills it and the whole of it can be saved to JSON and loaded again.
class EmulatorState
{
public:
    EmulatorState(EmulatorClock &clock, IdGenerator &ids);

    //! Adds the tenants and apps of a seed document (see seeds/default.json). A tenant or app
    //! whose id already exists is replaced. On error nothing changes and the message says why.
    std::string loadSeed(const Json &seed);
    void clear();

    Json toJson() const;

    Tenant *tenant(const std::string &id);
    const App *app(const std::string &clientId) const;

    std::vector<Tenant> &tenants() { return m_tenants; }

    const std::vector<App> &apps() const { return m_apps; }

    static std::string normalizedId(const std::string &id);

private:
    std::string parseTenant(const Json &json, Tenant &tenant) const;
    std::string parseApp(const Json &json, App &app) const;

    EmulatorClock &m_clock;
    IdGenerator &m_ids;
    std::vector<Tenant> m_tenants;
    std::vector<App> m_apps;
};

} // namespace XeroEmulator
