// The dashboard's sync log over a large log (bench/dashboard/run seeds it): time to first paint,
// time to apply a filter, scrolling from top to bottom a page at a time, memory; and the queue
// chart's memory after 24 h of samples. Anchors, measured in the same run: the same API calls
// made bare (one HTTP request, no model or view) and the process's memory before the log loads.
// Prints "metric value anchor ratio target" lines.
//   dashboardbench AGENT_URL TOKEN [max-pages]
#include <algorithm>
#include <cstdio>
#include <vector>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QUrlQuery>

#include "app/charts/queuechart.h"
#include "app/models/synclogmodel.h"
#include "app/net/agentclient.h"
#include "app/ui/synclogpage.h"
#include "core/api/routes.h"

using namespace XeroSync;

namespace {
double rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

void line(const char *metric, double value, double anchor, const char *target)
{
    std::printf("%-28s %12.1f %12.1f %8.2f   %s\n", metric, value, anchor,
        anchor > 0 ? value / anchor : 0.0, target);
    std::fflush(stdout);
}

//! One bare GET of a log page: the anchor for what the view adds on top of the agent.
double bareFetchMs(const QUrl &agent, const QString &token, QUrlQuery query)
{
    QNetworkAccessManager network;
    query.addQueryItem(QStringLiteral("limit"), QString::number(SyncLogModel::PageSize));
    QUrl url = agent.resolved(QUrl(QString::fromLatin1(Routes::Logs)));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    (void)QTest::qWaitFor([&] { return reply->isFinished(); }, 60'000);
    const qint64 ms = timer.elapsed();
    if (reply->error() != QNetworkReply::NoError)
        std::fprintf(stderr, "bare fetch failed: %s\n", qPrintable(reply->errorString()));
    return double(ms);
}

//! setQuery() until the first page is painted.
double firstPaintMs(SyncLogPage &page, const SyncLogQuery &query)
{
    QSignalSpy loaded(page.model(), &SyncLogModel::pageLoaded);
    QElapsedTimer timer;
    timer.start();
    page.model()->setQuery(query);
    if (!loaded.wait(60'000))
        std::fprintf(stderr, "no page within a minute\n");
    page.view()->viewport()->repaint();
    return double(timer.elapsed());
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: dashboardbench AGENT_URL TOKEN [max-pages]\n");
        return 2;
    }
    const QUrl agentUrl(QString::fromLocal8Bit(argv[1]));
    const QString token = QString::fromLocal8Bit(argv[2]);
    const int maxPages = argc > 3 ? std::atoi(argv[3]) : 1'000'000;

    AgentClient client;
    client.setAgent(agentUrl, token);
    client.connectToAgent();
    if (!QTest::qWaitFor([&] { return client.state() == AgentClient::State::Connected; }, 30'000)) {
        std::fprintf(stderr, "cannot connect to the agent\n");
        return 1;
    }
    const double rssBefore = rssMb();
    SyncLogPage page(&client);
    page.resize(1280, 800);
    page.show();
    (void)QTest::qWaitForWindowExposed(&page);
    std::printf("%-28s %12s %12s %8s   %s\n", "metric", "value", "anchor", "ratio", "target");

    // The first page: what the admin waits for when the log opens.
    const double bare = bareFetchMs(agentUrl, token, {});
    line("first_paint_ms", firstPaintMs(page, {}), bare, "< 300 ms");

    // Filters: a common one (failed rows), a text search matching every tenth row, and one
    // matching a single row far down the log (the worst case for a text search).
    SyncLogQuery failed;
    failed.status = QStringLiteral("FAILED");
    line("filter_status_ms", firstPaintMs(page, failed),
        bareFetchMs(agentUrl, token, failed.toUrlQuery()), "< 500 ms");
    SyncLogQuery text;
    text.text = QStringLiteral("not linked");
    line("filter_text_ms", firstPaintMs(page, text),
        bareFetchMs(agentUrl, token, text.toUrlQuery()), "< 500 ms");
    SyncLogQuery rare;
    rare.text = QStringLiteral("TS-0000042");
    line("filter_rare_text_ms", firstPaintMs(page, rare),
        bareFetchMs(agentUrl, token, rare.toUrlQuery()), "< 500 ms");

    // Scroll from the top to the bottom, a page at a time, as a user dragging the scroll bar
    // to the end again and again would.
    firstPaintMs(page, {});
    const double rssFirstPage = rssMb();
    std::vector<double> pageMs;
    QElapsedTimer total;
    total.start();
    SyncLogModel *model = page.model();
    while (model->hasMoreOlder() && int(pageMs.size()) < maxPages) {
        QSignalSpy loaded(model, &SyncLogModel::pageLoaded);
        QElapsedTimer timer;
        timer.start();
        page.view()->scrollToBottom();
        if (!model->isLoading())
            model->fetchMore({});
        if (!loaded.wait(60'000)) {
            std::fprintf(stderr, "scrolling stalled at %d rows\n", model->rowCount());
            break;
        }
        page.view()->viewport()->repaint();
        pageMs.push_back(double(timer.elapsed()));
    }
    const double seconds = double(total.elapsed()) / 1000.0;
    std::sort(pageMs.begin(), pageMs.end());
    const auto pct = [&](double p) {
        return pageMs.empty() ? 0.0 : pageMs[size_t(p * double(pageMs.size() - 1))];
    };
    std::printf("# scrolled %zu pages, %d rows in %.1f s (%s)\n", pageMs.size(), model->rowCount(),
        seconds,
        model->isCapped()           ? "stopped at the model's row limit"
            : model->hasMoreOlder() ? "stopped before the end"
                                    : "to the end");
    line("scroll_page_p50_ms", pct(0.5), bare, "");
    line("scroll_page_p99_ms", pct(0.99), bare, "");
    line("rss_after_scroll_mb", rssMb(), rssFirstPage, "< 200 MB");
    line("rss_log_growth_mb", rssMb() - rssBefore, 0, "");

    // The chart: 24 h of 5-second samples (more than its rings hold).
    const double rssChartBefore = rssMb();
    {
        QueueChart chart;
        chart.resize(900, 300);
        chart.show();
        qint64 at = 0;
        for (int i = 0; i < 24 * 3600 / 5; ++i) {
            chart.setCounts(i % 50, i % 5, i % 7, i % 3);
            chart.countFinished(i % 11);
            chart.sample(at);
            at += QueueChart::SampleIntervalMs;
        }
        chart.setRange(QueueChart::Range::Hours24);
        chart.repaint();
        line("chart_24h_mb", rssMb() - rssChartBefore, 0, "bounded");
        std::printf("# chart holds %zu samples\n", chart.sampleCount());
    }
    return 0;
}
