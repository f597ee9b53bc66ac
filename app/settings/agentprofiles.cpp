#include "agentprofiles.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

AgentProfiles::AgentProfiles(QSettings &settings)
    : m_settings(settings)
{ }

QList<AgentProfile> AgentProfiles::all() const
{
    QList<AgentProfile> out;
    const int size = m_settings.beginReadArray(u"agents"_s);
    for (int i = 0; i < size; ++i) {
        m_settings.setArrayIndex(i);
        AgentProfile profile { m_settings.value(u"name"_s).toString(),
            QUrl(m_settings.value(u"url"_s).toString()),
            m_settings.value(u"trustedFingerprint"_s).toByteArray() };
        if (profile.url.isValid())
            out << profile;
    }
    m_settings.endArray();
    return out;
}

void AgentProfiles::write(const QList<AgentProfile> &profiles)
{
    m_settings.remove(u"agents"_s);
    m_settings.beginWriteArray(u"agents"_s, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(u"name"_s, profiles[i].name);
        m_settings.setValue(u"url"_s, profiles[i].url.toString());
        m_settings.setValue(u"trustedFingerprint"_s, profiles[i].trustedFingerprint);
    }
    m_settings.endArray();
}

void AgentProfiles::save(const AgentProfile &profile)
{
    QList<AgentProfile> profiles = all();
    auto it = std::find_if(profiles.begin(), profiles.end(),
        [&](const AgentProfile &p) { return p.url == profile.url; });
    if (it != profiles.end())
        *it = profile;
    else
        profiles << profile;
    write(profiles);
    setCurrent(profile.url);
}

void AgentProfiles::remove(const QUrl &url)
{
    QList<AgentProfile> profiles = all();
    profiles.removeIf([&](const AgentProfile &p) { return p.url == url; });
    write(profiles);
    if (m_settings.value(u"currentAgent"_s).toString() == url.toString())
        m_settings.remove(u"currentAgent"_s);
}

std::optional<AgentProfile> AgentProfiles::current() const
{
    const QString url = m_settings.value(u"currentAgent"_s).toString();
    for (const AgentProfile &profile : all()) {
        if (profile.url.toString() == url)
            return profile;
    }
    return std::nullopt;
}

void AgentProfiles::setCurrent(const QUrl &url)
{
    m_settings.setValue(u"currentAgent"_s, url.toString());
}

} // namespace XeroSync
