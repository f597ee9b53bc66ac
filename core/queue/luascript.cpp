#include "luascript.h"

#include <map>
#include <mutex>

#include <QCryptographicHash>
#include <QFile>

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
QByteArray readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing Lua resource %s", qPrintable(path));
    return file.readAll();
}

// Redis has no include mechanism; shared helpers are pasted in at load time.
QByteArray expandIncludes(const QByteArray &source)
{
    QByteArray out;
    for (const QByteArray &line : source.split('\n')) {
        if (line.startsWith("--!include ")) {
            const QString file = QString::fromLatin1(line.mid(11).trimmed());
            out += expandIncludes(readResource(u":/xerosync/queue/lua/"_s + file));
        } else {
            out += line;
        }
        out += '\n';
    }
    return out;
}
} // namespace

LuaScript::LuaScript(QByteArray name, QByteArray source)
    : m_name(std::move(name))
    , m_source(std::move(source))
    , m_sha1(QCryptographicHash::hash(m_source, QCryptographicHash::Sha1).toHex())
{ }

const LuaScript &LuaScript::get(const char *name)
{
    static std::mutex mutex;
    static std::map<QByteArray, LuaScript> scripts;
    std::lock_guard lock(mutex);
    const QByteArray key(name);
    auto it = scripts.find(key);
    if (it == scripts.end()) {
        const QByteArray source = expandIncludes(
            readResource(u":/xerosync/queue/lua/%1.lua"_s.arg(QString::fromLatin1(key))));
        it = scripts.emplace(key, LuaScript(key, source)).first;
    }
    return it->second;
}

} // namespace XeroSync
