<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>XeroSync::AgentClient</name>
    <message>
        <source>The agent speaks API version %1; this dashboard needs version %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s TLS certificate is not trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent cannot be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XeroSync::BatchSyncDialog</name>
    <message>
        <source>Force: write again even where Xero already has this content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start batch sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normally timesheets Xero already holds unchanged are skipped and timesheets Xero has approved are never overwritten. Force re-sends drafts even when nothing changed; approved timesheets stay protected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every approved timesheet whose period starts in this range is checked against Xero and written where Xero lacks it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employees (none ticked: all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employees could not be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not mapped to a Xero employee: their timesheets will fail validation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent refused (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n approved submission(s) in range; syncing…</source>
        <translation>
            <numerusform>%n approved submission in range; syncing…</numerusform>
            <numerusform>%n approved submissions in range; syncing…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 submissions done…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch failed: %1. It is retried automatically; see the Jobs page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. %1 submissions: %2 in Xero now (written or already up to date), %3 not valid for Xero, %4 refused by Xero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n submission(s) of employees in another Xero organisation were left for that organisation&apos;s own syncs.</source>
        <translation>
            <numerusform>%n submission of an employee in another Xero organisation was left for that organisation&apos;s own syncs.</numerusform>
            <numerusform>%n submissions of employees in another Xero organisation were left for that organisation&apos;s own syncs.</numerusform>
        </translation>
    </message>
    <message>
        <source>Xero allows about %1 more calls today and this batch needs about %2: it syncs what fits now and the rest as the daily allowance frees up, within 24 hours. Nothing fails for lack of calls.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XeroSync::ConnectDialog</name>
    <message>
        <source>Connect to a xerosync agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xs_… (from `xerosync-agent token create`)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dashboard talks to the xerosync agent over its API. Ask the person who runs the agent for its address and an API token: an admin token lets you pause, retry and sync, a viewer token only lets you watch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the keychain; type a new one to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must look like http://host:8750 or https://host:8750.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the API token the agent&apos;s administrator gave you.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XeroSync::ErrorChart</name>
    <message>
        <source>Failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top error reasons (24 h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No failures in the last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XeroSync::JobsModel</name>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason or progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XeroSync::JobsPage</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry all failed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear failed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delayed (waiting to retry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show jobs that are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs could not be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can change jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs in this state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %1 of %2 jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s).</source>
        <translation>
            <numerusform>%n job.</numerusform>
            <numerusform>%n jobs.</numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1 was not retried: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n job(s) from the queue? Their timesheets are not synced unless approved or synced again.</source>
        <translation>
            <numerusform>Remove %n job from the queue? Their timesheets are not synced unless approved or synced again.</numerusform>
            <numerusform>Remove %n jobs from the queue? Their timesheets are not synced unless approved or synced again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1 was not removed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry all failed jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Queue all %n failed job(s) again?</source>
        <translation>
            <numerusform>Queue all %n failed job again?</numerusform>
            <numerusform>Queue all %n failed jobs again?</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear failed jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete all %n failed job(s)? Their sync log rows stay; the jobs cannot be retried afterwards.</source>
        <translation>
            <numerusform>Delete all %n failed job? Their sync log rows stay; the jobs cannot be retried afterwards.</numerusform>
            <numerusform>Delete all %n failed jobs? Their sync log rows stay; the jobs cannot be retried afterwards.</numerusform>
        </translation>
    </message>
    <message>
        <source>The queue refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Done: %n job(s) affected.</source>
        <translation>
            <numerusform>Done: %n job affected.</numerusform>
            <numerusform>Done: %n jobs affected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>XeroSync::KeychainSecretStore</name>
    <message>
        <source>No system keychain is available (%1). The token is kept for this session only; install and unlock a keychain such as GNOME Keyring or KWallet to remember it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XeroSync::MainWindow</name>
    <message>
        <source>xerosync dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live updates on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live updates interrupted; reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xerosync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to agent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync submissions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch sync…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the sync log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes the next time the dashboard starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to an agent yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the token for %1 from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token is stored for %1. Enter it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xerosync dashboard — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected with a viewer token (%1): you can watch, but the controls are disabled. Ask for an admin token to pause, retry or sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent at %1 cannot be reached (%2). Retrying by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent rejected the token: it is unknown or was revoked. Enter a valid token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s TLS certificate is not trusted by this computer. Its SHA-256 fingerprint is %1. Trust it only if it matches the fingerprint the agent&apos;s administrator gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incompatible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to an agent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause syncing for every agent? Approvals keep queueing and are synced after you resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sync(s) failed in the last 5 minutes. Open the sync log to see why.</source>
        <translation>
            <numerusform>%n sync failed in the last 5 minutes. Open the sync log to see why.</numerusform>
            <numerusform>%n syncs failed in the last 5 minutes. Open the sync log to see why.</numerusform>
        </translation>
    </message>
    <message>
        <source>xerosync: syncs are failing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XeroSync::ManualSyncDialog</name>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync submissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste submission ids, one per line or separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High (before approvals waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low (after everything else)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add failed submissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds the submissions whose last sync failed (up to 100).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed submissions could not be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least one submission id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queueing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent refused (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n submission(s) queued.</source>
        <translation>
            <numerusform>%n submission queued.</numerusform>
            <numerusform>%n submissions queued.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already waiting in the queue.</source>
        <translation>
            <numerusform>%n already waiting in the queue.</numerusform>
            <numerusform>%n already waiting in the queue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>XeroSync::OverviewPage</name>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis (queue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL (log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delayed (retry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue depth and throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95th percentile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered in %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s) connected</source>
        <translation>
            <numerusform>%n worker connected</numerusform>
            <numerusform>%n workers connected</numerusform>
        </translation>
    </message>
    <message>
        <source>Xero: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 calls left this minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 left today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token valid until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect an organisation on the Xero page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no syncs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xero&apos;s daily quota is running low: syncs wait for the next day once it is used up</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XeroSync::QueueChart</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delayed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished per minute</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XeroSync::SyncLogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XeroSync::SyncLogPage</name>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync this submission again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search submission, employee or error (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync log could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can start a sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+ rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>No sync log rows match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing synced yet. Approved timesheets appear here within seconds of their approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sync failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timesheet was not sent to Xero because:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to fix it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent retries this by itself; nothing needs doing unless it keeps failing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the cause named above in the timesheet system or in Xero, then sync this submission again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already up to date in Xero: nothing was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced to Xero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xero timesheet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submission %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employee: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period: %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total: %1 h, version %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to Xero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xero&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the newest %1 rows; filter by date for older ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sync the %n selected submission(s) again</source>
        <translation>
            <numerusform>Sync the %n selected submission again</numerusform>
            <numerusform>Sync the %n selected submissions again</numerusform>
        </translation>
    </message>
    <message>
        <source>Ctrl- or Shift-click rows to pick several submissions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XeroSync::XeroPage</name>
    <message>
        <source>Connect to Xero…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can change the Xero connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Xero connection could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(in use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent is connected to Xero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent is not connected to Xero: %1 Connect opens Xero&apos;s consent page in your browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent could not start the Xero connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this address in a browser to connect: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish the connection in your browser; this page updates when Xero sends you back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect from Xero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect the agent from Xero? Approved timesheets wait in the queue until you connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
