#pragma once

#include <QFrame>

class QLabel;

namespace XeroSync {

//! A small card: a title, a headline value and a detail line, with a coloured edge for its state.
class StatusTile final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusTile)

public:
    enum class Level
    {
        Unknown,
        Ok,
        Warning,
        Error
    };
    Q_ENUM(Level)

    explicit StatusTile(const QString &title, QWidget *parent = nullptr);

    void set(Level level, const QString &value, const QString &detail = {});

    Level level() const { return m_level; }

    QString value() const;
    QString detail() const;

private:
    QLabel *m_title;
    QLabel *m_value;
    QLabel *m_detail;
    Level m_level = Level::Unknown;
};

} // namespace XeroSync
