#pragma once

#include <map>
#include <optional>
#include <string>

#include "apiresponse.h"

namespace XeroEmulator {

class EmulatorClock;

//! Remembers the first answer to each Idempotency-Key per app and tenant for a TTL, so a retry
//! after a lost response gets that answer again instead of a second write (research §10).
class IdempotencyStore
{
public:
    enum class Outcome
    {
        Miss,
        Replay,
        Mismatch, //!< the key was used with a different request
    };

    explicit IdempotencyStore(const EmulatorClock &clock);

    Outcome lookup(const std::string &scope, const std::string &key, const QByteArray &fingerprint,
        ApiResponse &replay);
    void store(const std::string &scope, const std::string &key, const QByteArray &fingerprint,
        const ApiResponse &response, int ttlSeconds);
    void clear();

    int replays() const { return m_replays; }

private:
    struct Entry
    {
        QByteArray fingerprint;
        ApiResponse response;
        qint64 expiresMs = 0;
    };

    const EmulatorClock &m_clock;
    std::map<std::string, Entry> m_entries;
    int m_replays = 0;
};

} // namespace XeroEmulator
