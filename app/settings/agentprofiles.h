#pragma once

#include <QList>
#include <QSettings>

#include "app/settings/agentprofile.h"

namespace XeroSync {

//! The saved agents and which one was used last, in the dashboard's QSettings.
class AgentProfiles final
{
public:
    explicit AgentProfiles(QSettings &settings);

    QList<AgentProfile> all() const;
    //! Adds or replaces (same URL) a profile and makes it the current one.
    void save(const AgentProfile &profile);
    void remove(const QUrl &url);
    std::optional<AgentProfile> current() const;
    void setCurrent(const QUrl &url);

private:
    void write(const QList<AgentProfile> &profiles);

    QSettings &m_settings;
};

} // namespace XeroSync
