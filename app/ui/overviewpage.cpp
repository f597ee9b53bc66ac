#include "overviewpage.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

#include "app/charts/errorchart.h"
#include "app/charts/queuechart.h"
#include "app/ui/statustile.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

namespace {

QString orgStatusText(const std::string &status)
{
    if (status == "CONNECTED" || status == "ACTIVE")
        return OverviewPage::tr("Connected");
    if (status == "RECONNECT_NEEDED")
        return OverviewPage::tr("Reconnect needed");
    if (status == "DISCONNECTED")
        return OverviewPage::tr("Disconnected");
    return QString::fromStdString(status);
}

} // namespace

OverviewPage::OverviewPage(QWidget *parent)
    : QWidget(parent)
    , m_tileGrid(new QGridLayout)
    , m_xeroTiles(new QHBoxLayout)
    , m_chart(new QueueChart(this))
    , m_range(new QComboBox(this))
    , m_errors(new ErrorChart(this))
{
    auto *layout = new QVBoxLayout(this);

    const QList<std::pair<QString, QString>> tiles { { u"agent"_s, tr("Agent") },
        { u"redis"_s, tr("Redis (queue)") }, { u"postgres"_s, tr("PostgreSQL (log)") },
        { u"queue"_s, tr("Processing") } };
    int column = 0;
    for (const auto &[key, title] : tiles) {
        auto *tile = new StatusTile(title, this);
        m_tiles.insert(key, tile);
        m_tileGrid->addWidget(tile, 0, column++);
    }
    layout->addLayout(m_tileGrid);
    layout->addLayout(m_xeroTiles);

    auto *countsBox = new QGroupBox(tr("Queue"), this);
    auto *counts = new QGridLayout(countsBox);
    const QList<std::pair<QString, QString>> states { { u"waiting"_s, tr("Waiting") },
        { u"active"_s, tr("Active") }, { u"delayed"_s, tr("Delayed (retry)") },
        { u"failed"_s, tr("Failed") }, { u"completed"_s, tr("Completed") },
        { u"paused"_s, tr("Paused") } };
    column = 0;
    for (const auto &[key, title] : states) {
        auto *name = new QLabel(title, countsBox);
        name->setForegroundRole(QPalette::PlaceholderText);
        auto *value = new QLabel(u"–"_s, countsBox);
        QFont big = value->font();
        big.setPointSizeF(big.pointSizeF() * 1.6);
        big.setBold(true);
        value->setFont(big);
        value->setObjectName(u"count_"_s + key);
        counts->addWidget(name, 0, column);
        counts->addWidget(value, 1, column);
        m_counts.insert(key, value);
        ++column;
    }
    layout->addWidget(countsBox);

    auto *chartBox = new QGroupBox(tr("Queue depth and throughput"), this);
    auto *chartLayout = new QVBoxLayout(chartBox);
    auto *rangeRow = new QHBoxLayout;
    rangeRow->addStretch();
    rangeRow->addWidget(new QLabel(tr("Show the last"), chartBox));
    m_range->addItem(tr("15 minutes"), int(QueueChart::Range::Minutes15));
    m_range->addItem(tr("hour"), int(QueueChart::Range::Hour1));
    m_range->addItem(tr("24 hours"), int(QueueChart::Range::Hours24));
    m_range->setObjectName(u"chartRange"_s);
    rangeRow->addWidget(m_range);
    chartLayout->addLayout(rangeRow);
    chartLayout->addWidget(m_chart, 1);
    connect(m_range, &QComboBox::currentIndexChanged, this,
        [this] { m_chart->setRange(QueueChart::Range(m_range->currentData().toInt())); });
    layout->addWidget(chartBox, 2);

    auto *statsBox = new QGroupBox(tr("Last 24 hours"), this);
    auto *statsLayout = new QHBoxLayout(statsBox);
    auto *figures = new QGridLayout;
    const QList<std::pair<QString, QString>> stats { { u"successRate"_s, tr("Success rate") },
        { u"total"_s, tr("Syncs") }, { u"failed"_s, tr("Failures") },
        { u"averageDurationMs"_s, tr("Average duration") },
        { u"p95DurationMs"_s, tr("95th percentile") } };
    int row = 0;
    for (const auto &[key, title] : stats) {
        figures->addWidget(new QLabel(title, statsBox), row, 0);
        auto *value = new QLabel(u"–"_s, statsBox);
        QFont bold = value->font();
        bold.setBold(true);
        value->setFont(bold);
        value->setAlignment(Qt::AlignRight);
        figures->addWidget(value, row++, 1);
        m_stats.insert(key, value);
    }
    figures->setRowStretch(row, 1);
    statsLayout->addLayout(figures);
    statsLayout->addWidget(m_errors, 1);
    layout->addWidget(statsBox, 1);
}

void OverviewPage::setAgentState(int level, const QString &value, const QString &detail)
{
    m_tiles[u"agent"_s]->set(StatusTile::Level(level), value, detail);
}

void OverviewPage::applyHealth(const nlohmann::json &health)
{
    const auto checks = health.value("checks", nlohmann::json::object());
    for (const char *name : { "redis", "postgres" }) {
        StatusTile *tile = m_tiles[QString::fromLatin1(name)];
        if (!checks.contains(name)) {
            tile->set(StatusTile::Level::Unknown, tr("Unknown"));
            continue;
        }
        const auto &check = checks[name];
        if (check.value("ok", false))
            tile->set(StatusTile::Level::Ok, tr("Up"),
                tr("answered in %1 ms").arg(check.value("latencyMs", qint64(0))));
        else
            tile->set(StatusTile::Level::Error, tr("Down"),
                QString::fromStdString(check.value("error", "")));
    }
}

void OverviewPage::applyStatus(const nlohmann::json &status)
{
    if (status.contains("counts"))
        applyCounts(status["counts"]);
    const bool paused = status.value("paused", false);
    const auto workers = status.value("workers", nlohmann::json::array());
    m_tiles[u"queue"_s]->set(paused ? StatusTile::Level::Warning : StatusTile::Level::Ok,
        paused ? tr("Paused") : tr("Running"),
        tr("%n worker(s) connected", nullptr, int(workers.size())));

    // One tile per Xero organisation, rebuilt: organisations come and go with connect/disconnect.
    while (QLayoutItem *item = m_xeroTiles->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const auto xero = status.value("xero", nlohmann::json::object());
    const auto orgs = xero.value("organisations", nlohmann::json::array());
    const auto limits = status.value("rateLimit", nlohmann::json::object());
    for (const auto &org : orgs) {
        const std::string tenant = org.value("tenantId", "");
        const std::string state = org.value("status", "");
        auto *tile = new StatusTile(
            tr("Xero: %1").arg(QString::fromStdString(org.value("tenantName", tenant))), this);
        QStringList detail;
        bool quotaLow = false;
        if (limits.contains(tenant)) {
            const auto &room = limits[tenant];
            detail << tr("%1 of %2 calls left this minute")
                          .arg(room.value("perMinute", 0) - room.value("usedThisMinute", 0))
                          .arg(room.value("perMinute", 0));
            // Xero's own count when known: it also counts other apps' calls.
            const auto xeroLeft = room.value("xeroDayRemaining", nlohmann::json());
            detail << tr("%1 of %2 left today")
                          .arg(xeroLeft.is_number_integer()
                                  ? xeroLeft.get<int>()
                                  : room.value("perDay", 0) - room.value("usedToday", 0))
                          .arg(room.value("perDay", 0));
            quotaLow = room.value("dayQuotaLow", false);
            if (quotaLow)
                detail << tr("Xero's daily quota is running low: syncs wait for the next day "
                             "once it is used up");
        }
        if (org.contains("tokenExpiresAt")) {
            const QDateTime expires = QDateTime::fromString(
                QString::fromStdString(org.value("tokenExpiresAt", "")), Qt::ISODate);
            if (expires.isValid())
                detail << tr("token valid until %1")
                              .arg(QLocale().toString(
                                  expires.toLocalTime().time(), QLocale::ShortFormat));
        }
        if (org.contains("reason"))
            detail << QString::fromStdString(org.value("reason", ""));
        const StatusTile::Level level = state == "CONNECTED"
            ? (quotaLow ? StatusTile::Level::Warning : StatusTile::Level::Ok)
            : state == "DISCONNECTED" ? StatusTile::Level::Unknown
                                      : StatusTile::Level::Error;
        tile->set(level, orgStatusText(state), detail.join(u"\n"_s));
        m_xeroTiles->addWidget(tile);
    }
    if (orgs.empty()) {
        auto *tile = new StatusTile(tr("Xero"), this);
        tile->set(StatusTile::Level::Warning, tr("Not connected"),
            tr("Connect an organisation on the Xero page."));
        m_xeroTiles->addWidget(tile);
    }
    m_xeroTiles->addStretch();
    if (status.contains("stats24h"))
        applyStats(nlohmann::json { { "totals", status["stats24h"] } });
}

void OverviewPage::applyCounts(const nlohmann::json &counts)
{
    if (!counts.is_object())
        return;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
        const std::string key = it.key().toStdString();
        if (counts.contains(key))
            it.value()->setText(QLocale().toString(counts[key].get<qint64>()));
    }
    m_chart->setCounts(counts.value("waiting", qint64(0)), counts.value("active", qint64(0)),
        counts.value("delayed", qint64(0)), counts.value("failed", qint64(0)));
}

void OverviewPage::applyStats(const nlohmann::json &stats)
{
    const auto totals = stats.value("totals", nlohmann::json::object());
    if (!totals.is_object() || totals.empty())
        return;
    const QLocale locale;
    const qint64 total = totals.value("total", qint64(0));
    m_stats[u"total"_s]->setText(locale.toString(total));
    m_stats[u"failed"_s]->setText(locale.toString(totals.value("failed", qint64(0))));
    const double rate = totals.value("successRate", 0.0);
    m_stats[u"successRate"_s]->setText(
        total == 0 ? tr("no syncs") : locale.toString(rate * 100, 'f', 1) + u" %"_s);
    auto seconds = [&locale](double ms) {
        return OverviewPage::tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', 2));
    };
    m_stats[u"averageDurationMs"_s]->setText(seconds(totals.value("averageDurationMs", 0.0)));
    m_stats[u"p95DurationMs"_s]->setText(seconds(totals.value("p95DurationMs", 0.0)));
    m_errors->setErrors(totals.value("topErrors", nlohmann::json::array()));
}

QString OverviewPage::countText(const QString &state) const
{
    return m_counts.contains(state) ? m_counts[state]->text() : QString();
}

QString OverviewPage::statText(const QString &name) const
{
    return m_stats.contains(name) ? m_stats[name]->text() : QString();
}

} // namespace XeroSync
