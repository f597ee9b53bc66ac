#pragma once

#include <optional>
#include <string>

#include <QRandomGenerator>

namespace XeroEmulator {

//! Ids and secrets. With a seed the sequence repeats run after run, so a test's ids and tokens
//! are reproducible (research §12 item 19).
class IdGenerator
{
public:
    explicit IdGenerator(std::optional<quint32> seed = std::nullopt);

    void reseed(std::optional<quint32> seed);
    std::string uuid();
    //! `bytes` random bytes as base64url without padding (tokens, codes).
    std::string token(int bytes);

private:
    QRandomGenerator m_random;
};

} // namespace XeroEmulator
