#pragma once

#include <QObject>

namespace XeroSync {

//! Turns SIGTERM/SIGINT (Linux) or console Ctrl+C/close (Windows) into a Qt signal on the main
//! thread, through a self-pipe and a QSocketNotifier: nothing unsafe runs inside the handler.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    //! Counts one more termination request and announces it (the handlers' way in).
    void notifyTermination() { emit terminationRequested(++m_count); }

signals:
    //! `count`: 1 for the first request (shut down gracefully), 2 and more: the operator insists.
    void terminationRequested(int count);

private:
    void onReadable();
    int m_count = 0;
    struct Private;
    Private *d = nullptr;
};

} // namespace XeroSync
