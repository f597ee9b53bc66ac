#pragma once

#include <memory>

#include <QProcess>
#include <QStringList>
#include <QUrl>

#include "core/common/error.h"

namespace XeroSync::Test {

//! A real xero-emulator process on a free loopback port, stopped when this object goes.
class EmulatorProcess
{
public:
    EmulatorProcess() = default;
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess &) = delete;
    EmulatorProcess &operator=(const EmulatorProcess &) = delete;

    //! Starts the emulator (XEROSYNC_EMULATOR_PATH) and waits for its "listening on" line.
    Result<void> start(const QStringList &extraArguments = {});
    void stop();

    QUrl baseUrl() const { return m_baseUrl; }

    QUrl url(const QString &path) const;
    //! Everything the emulator logged so far (stderr), for failure messages.
    QByteArray log() const;

    static QString executable();

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_baseUrl;
    mutable QByteArray m_log;
};

} // namespace XeroSync::Test
