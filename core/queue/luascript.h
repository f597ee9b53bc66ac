#pragma once

#include <QByteArray>

#include "core/common/error.h"

namespace XeroSync {

//! One of our Lua scripts (core/queue/lua/NAME.lua, embedded as a resource), with its
//! `--!include file.lua` lines expanded and its SHA-1 for EVALSHA.
class LuaScript final
{
public:
    //! Loads `:/xerosync/queue/lua/<name>.lua`; aborts on a missing resource (a build error).
    static const LuaScript &get(const char *name);

    const QByteArray &name() const { return m_name; }

    const QByteArray &source() const { return m_source; }

    const QByteArray &sha1() const { return m_sha1; }

private:
    LuaScript(QByteArray name, QByteArray source);

    QByteArray m_name;
    QByteArray m_source;
    QByteArray m_sha1;
};

} // namespace XeroSync
