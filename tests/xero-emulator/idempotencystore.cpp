#include "idempotencystore.h"

#include "emulatorclock.h"

namespace XeroEmulator {

IdempotencyStore::IdempotencyStore(const EmulatorClock &clock)
    : m_clock(clock)
{ }

IdempotencyStore::Outcome IdempotencyStore::lookup(const std::string &scope, const std::string &key,
    const QByteArray &fingerprint, ApiResponse &replay)
{
    const auto now = m_clock.nowMs();
    std::erase_if(m_entries, [now](const auto &entry) { return entry.second.expiresMs <= now; });
    const auto it = m_entries.find(scope + '\n' + key);
    if (it == m_entries.end())
        return Outcome::Miss;
    if (it->second.fingerprint != fingerprint)
        return Outcome::Mismatch;
    replay = it->second.response;
    ++m_replays;
    return Outcome::Replay;
}

void IdempotencyStore::store(const std::string &scope, const std::string &key,
    const QByteArray &fingerprint, const ApiResponse &response, int ttlSeconds)
{
    m_entries[scope + '\n' + key] =
        Entry { fingerprint, response, m_clock.nowMs() + ttlSeconds * 1000LL };
}

void IdempotencyStore::clear()
{
    m_entries.clear();
    m_replays = 0;
}

} // namespace XeroEmulator
