#pragma once

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QStringList>
#include <QTemporaryDir>

#include "../agent/agentprocess.h"
#include "core/common/error.h"
#include "support/emulatorprocess.h"
#include "support/privateservices.h"
#include "support/testdatabase.h"
#include "support/testhttpclient.h"

namespace XeroSync::Test {

//! Everything a fault test breaks, started for it alone: Redis (AOF on) and PostgreSQL of its
//! own, the Xero emulator, one or more xerosync-agent processes on the same Redis and database,
//! and a pay run's worth of submitted timesheets. verify() compares what Xero holds with the
//! source tables, which is the one thing every fault test must end with.
class ChaosRig final
{
public:
    struct Options
    {
        int concurrency = 4;
        //! Xero's per-tenant minute limit, in the emulator and in the agents' limiter. Raised
        //! far above Xero's 60 so a pay run fits CI's time, except in tests about limits.
        int callsPerMinute = 100'000;
        int callsPerDay = 1'000'000;
        int catchUpIntervalMs = 3'000;
        //! A killed agent's jobs run again after about lock + stalled interval.
        int lockDurationMs = 3'000;
        int stalledIntervalMs = 1'500;
        //! Also the UK organisation's weekly staff (employees.xero_tenant_id), synced through
        //! Payroll UK 2.0 beside the AU ones (1.0): a pay run across two tenants.
        bool twoOrganisations = true;
    };

    ChaosRig();
    ~ChaosRig();
    Q_DISABLE_COPY_MOVE(ChaosRig)

    //! Servers, database, emulator and `agents` configured agents (not started yet).
    Result<void> start(const Options &options, int agents = 1);

    AgentProcess &agent(int index) { return *m_agents.at(size_t(index)); }

    int agentCount() const { return int(m_agents.size()); }

    //! Connects Xero through the real OAuth flow, via agent `index` (which must be running).
    Result<void> connectXero(int index = 0);

    //! `count` submitted (not yet approved) timesheets: the weekly staff of the AU (and UK)
    //! organisation, one per person per week from 2026-01-05 on, hours varying by day.
    Result<QStringList> seed(int count);
    //! Approves them in one statement (one NOTIFY each), as a manager approving a pay run.
    Result<void> approve(const QStringList &ids);

    //! Waits until every approved submission is synced and the queue is idle.
    Result<void> waitSettled(int timeoutMs);
    //! What Xero holds against the source: each approved submission exactly once with its hours,
    //! no duplicate create, a SUCCESS as its last log row and no log row left RUNNING.
    Result<void> verify();

    //! SECURITY.md's promise, checked on every agent's full log: no API token, no Xero access or
    //! refresh token issued during the run, no client secret. Returns what leaked (empty: none).
    QStringList leakedSecrets();

    HttpReply emulatorPost(const QString &path, const nlohmann::json &body);
    //! A Payroll AU 1.0 read in the AU organisation through the seeded custom connection, as
    //! another app of the same organisation would make (it counts against the day's quota).
    HttpReply xeroGet(const QString &path);
    nlohmann::json emulatorGet(const QString &path);

    PrivateServices &services() { return m_services; }

    const QString &redisUrl() const { return m_redisUrl; }

    const QString &adminToken() const { return m_adminToken; }

    TestDatabase &database() { return *m_db; }

    //! A line for failure messages: counts in Postgres and Redis, the agents' last log lines.
    QString diagnostics();

    static constexpr auto AuTenant = "f4030178-4747-52fe-ab99-de32679cf1b4";
    static constexpr auto UkTenant = "dee3baf2-45ea-5ef1-af47-ac168ce94c34";

private:
    Result<QVariant> scalar(const QString &sql, const QVariantList &binds = {});
    //! The UK organisation's active weekly staff, read through Payroll UK 2.0 as a client would.
    Result<void> readUkStaff();

    struct Person
    {
        QString xeroEmployeeId;
        QString tenantId; //!< empty: the default organisation (AU)
    };

    QTemporaryDir m_dir;
    PrivateServices m_services;
    QString m_redisUrl;
    std::unique_ptr<TestDatabase> m_db;
    EmulatorProcess m_emulator;
    std::vector<std::unique_ptr<AgentProcess>> m_agents;
    TestHttpClient m_http;
    std::vector<Person> m_staff;
    QString m_redirect;
    QString m_adminToken;
    QElapsedTimer m_sinceFirstApproval;
};

} // namespace XeroSync::Test
