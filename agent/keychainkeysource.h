#pragma once

#include <QByteArray>

#include "core/common/error.h"

namespace XeroSync {

//! The key that encrypts Xero tokens at rest, kept in the system keychain through QtKeychain
//! (Windows Credential Manager, macOS Keychain, the Secret Service on Linux) instead of a key
//! file; 32 random bytes are stored there on first use. For `xero/token_key_source=keychain`.
//! A Linux system service usually has no Secret Service to talk to: there the key file is the
//! default and this says so clearly.
class KeychainKeySource final
{
public:
    static constexpr auto Service = "xerosync-agent";
    static constexpr auto Key = "token-key";
    static constexpr int KeyBytes = 32;

    //! Blocks (a local event loop) until the keychain answers or `timeoutMs` passes: the agent
    //! needs the key before anything else starts.
    static Result<QByteArray> loadOrCreate(int timeoutMs = 30'000);
};

} // namespace XeroSync
