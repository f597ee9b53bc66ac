#include "statustile.h"

#include <QLabel>
#include <QVBoxLayout>

namespace XeroSync {

StatusTile::StatusTile(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_value(new QLabel(this))
    , m_detail(new QLabel(this))
{
    setObjectName(QStringLiteral("statusTile"));
    setFrameShape(QFrame::StyledPanel);
    setMinimumWidth(150);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    QFont small = m_title->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_title->setFont(small);
    m_title->setForegroundRole(QPalette::PlaceholderText);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_value->setFont(big);
    m_detail->setFont(small);
    m_detail->setWordWrap(true);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    layout->addStretch();
    set(Level::Unknown, QStringLiteral("–"));
}

void StatusTile::set(Level level, const QString &value, const QString &detail)
{
    m_level = level;
    m_value->setText(value);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    // Only the edge is coloured, so the tile follows the light or dark palette.
    const char *color = level == Level::Ok ? "#2e7d32"
        : level == Level::Warning          ? "#ef6c00"
        : level == Level::Error            ? "#c62828"
                                           : "#9e9e9e";
    setStyleSheet(
        QStringLiteral("#statusTile { border-left: 5px solid %1; }").arg(QLatin1String(color)));
}

QString StatusTile::value() const
{
    return m_value->text();
}

QString StatusTile::detail() const
{
    return m_detail->text();
}

} // namespace XeroSync
