#pragma once

#include <optional>
#include <string>
#include <vector>

#include "apirequest.h"
#include "emulatormodel.h"

namespace XeroEmulator {

//! Scripted failures for the next N matching requests (research §12 item 9).
class FaultInjector
{
public:
    enum class Kind
    {
        Status, //!< answer with `status` without doing the work (500 JSON, 503 plain text)
        Timeout, //!< do nothing and never answer; the connection closes after `delayMs`
        Drop, //!< do the work, then close the connection without an answer
        Slow, //!< do the work and answer after `delayMs`
    };

    struct Rule
    {
        Kind kind = Kind::Status;
        int status = 500;
        int remaining = 1;
        int delayMs = 0;
        std::string pathContains;
        std::string method;
    };

    //! Parses {"kind": "500|503|status|timeout|drop|slow", "count", "status", "delayMs",
    //! "pathContains", "method"}; returns an error message or empty.
    std::string add(const Json &json);

    void clear() { m_rules.clear(); }

    //! The first rule matching the request, with one use consumed.
    std::optional<Rule> take(const ApiRequest &request);
    Json toJson() const;

private:
    std::vector<Rule> m_rules;
};

} // namespace XeroEmulator
