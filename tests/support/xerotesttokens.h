#pragma once

#include "core/xero/oauthclient.h"

namespace XeroSync::Test {

//! Tokens from a running xero-emulator for tests of code that calls Xero.
class XeroTestTokens
{
public:
    //! The whole authorization-code + PKCE flow with the emulator's auto-consent: what the
    //! agent's OAuth callback would receive. Waits for the answers (event loop).
    static Result<TokenSet> connectWithPkce(OAuthClient &oauth);
    //! A client-credentials token of the seeded custom connection (the AU organisation).
    static Result<QString> customConnection(const XeroEndpoints &endpoints);
};

} // namespace XeroSync::Test
