<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>XeroSync::AgentClient</name>
    <message>
        <source>The agent speaks API version %1; this dashboard needs version %2.</source>
        <translation>Der Agent spricht API-Version %1; dieses Dashboard braucht Version %2.</translation>
    </message>
    <message>
        <source>The agent&apos;s TLS certificate is not trusted.</source>
        <translation>Dem TLS-Zertifikat des Agenten wird nicht vertraut.</translation>
    </message>
    <message>
        <source>The agent cannot be reached: %1</source>
        <translation>Der Agent ist nicht erreichbar: %1</translation>
    </message>
</context>
<context>
    <name>XeroSync::BatchSyncDialog</name>
    <message>
        <source>Force: write again even where Xero already has this content</source>
        <translation>Erzwingen: erneut schreiben, auch wenn Xero diesen Inhalt schon hat</translation>
    </message>
    <message>
        <source>Start batch sync</source>
        <translation>Stapel-Sync starten</translation>
    </message>
    <message>
        <source>Batch sync</source>
        <translation>Stapel-Sync</translation>
    </message>
    <message>
        <source>Normally timesheets Xero already holds unchanged are skipped and timesheets Xero has approved are never overwritten. Force re-sends drafts even when nothing changed; approved timesheets stay protected.</source>
        <translation>Normalerweise werden Stundenzettel, die Xero unverändert hat, übersprungen, und von Xero genehmigte Stundenzettel werden nie überschrieben. Erzwingen sendet Entwürfe erneut, auch ohne Änderung; genehmigte Stundenzettel bleiben geschützt.</translation>
    </message>
    <message>
        <source>Every approved timesheet whose period starts in this range is checked against Xero and written where Xero lacks it.</source>
        <translation>Jeder genehmigte Stundenzettel, dessen Zeitraum in diesem Bereich beginnt, wird mit Xero abgeglichen und geschrieben, wo er in Xero fehlt.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Employees (none ticked: all)</source>
        <translation>Mitarbeitende (keine angehakt: alle)</translation>
    </message>
    <message>
        <source>Employees could not be listed: %1</source>
        <translation>Mitarbeitende konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Not mapped to a Xero employee: their timesheets will fail validation.</source>
        <translation>Keinem Xero-Mitarbeitenden zugeordnet: die Stundenzettel bestehen die Prüfung nicht.</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>Das Enddatum liegt vor dem Startdatum.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>The agent refused: %1</source>
        <translation>Der Agent hat abgelehnt: %1</translation>
    </message>
    <message>
        <source>The agent refused (%1): %2</source>
        <translation>Der Agent hat abgelehnt (%1): %2</translation>
    </message>
    <message numerus="yes">
        <source>%n approved submission(s) in range; syncing…</source>
        <translation>
            <numerusform>%n genehmigte Einreichung im Bereich; wird synchronisiert…</numerusform>
            <numerusform>%n genehmigte Einreichungen im Bereich; werden synchronisiert…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 submissions done…</source>
        <translation>%1 von %2 Einreichungen erledigt…</translation>
    </message>
    <message>
        <source>The batch failed: %1. It is retried automatically; see the Jobs page.</source>
        <translation>Der Stapel ist fehlgeschlagen: %1. Er wird automatisch wiederholt; siehe Seite „Aufträge“.</translation>
    </message>
    <message>
        <source>Done. %1 submissions: %2 in Xero now (written or already up to date), %3 not valid for Xero, %4 refused by Xero.</source>
        <translation>Fertig. %1 Einreichungen: %2 jetzt in Xero (geschrieben oder schon aktuell), %3 für Xero ungültig, %4 von Xero abgelehnt.</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>Gründe:</translation>
    </message>
    <message numerus="yes">
        <source>%n submission(s) of employees in another Xero organisation were left for that organisation&apos;s own syncs.</source>
        <translation>
            <numerusform>%n Stundenzettel eines Mitarbeiters einer anderen Xero-Organisation wurde deren eigener Synchronisierung überlassen.</numerusform>
            <numerusform>%n Stundenzettel von Mitarbeitern einer anderen Xero-Organisation wurden deren eigener Synchronisierung überlassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Xero allows about %1 more calls today and this batch needs about %2: it syncs what fits now and the rest as the daily allowance frees up, within 24 hours. Nothing fails for lack of calls.</source>
        <translation>Xero erlaubt heute noch etwa %1 Aufrufe, dieser Stapel braucht etwa %2: Er synchronisiert jetzt, was passt, und den Rest, sobald das Tageskontingent wieder frei wird, innerhalb von 24 Stunden. Nichts schlägt wegen fehlender Aufrufe fehl.</translation>
    </message>
</context>
<context>
    <name>XeroSync::ConnectDialog</name>
    <message>
        <source>Connect to a xerosync agent</source>
        <translation>Mit einem xerosync-Agenten verbinden</translation>
    </message>
    <message>
        <source>New agent</source>
        <translation>Neuer Agent</translation>
    </message>
    <message>
        <source>xs_… (from `xerosync-agent token create`)</source>
        <translation>xs_… (von `xerosync-agent token create`)</translation>
    </message>
    <message>
        <source>The dashboard talks to the xerosync agent over its API. Ask the person who runs the agent for its address and an API token: an admin token lets you pause, retry and sync, a viewer token only lets you watch.</source>
        <translation>Das Dashboard spricht über dessen API mit dem xerosync-Agenten. Fragen Sie die Person, die den Agenten betreibt, nach Adresse und API-Token: Ein Admin-Token erlaubt Pausieren, Wiederholen und Synchronisieren, ein Leser-Token nur das Zusehen.</translation>
    </message>
    <message>
        <source>Saved agents</source>
        <translation>Gespeicherte Agenten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Agent address</source>
        <translation>Adresse des Agenten</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>kept in the keychain; type a new one to replace it</source>
        <translation>im Schlüsselbund gespeichert; zum Ersetzen neuen eingeben</translation>
    </message>
    <message>
        <source>The address must look like http://host:8750 or https://host:8750.</source>
        <translation>Die Adresse muss wie http://host:8750 oder https://host:8750 aussehen.</translation>
    </message>
    <message>
        <source>Enter the API token the agent&apos;s administrator gave you.</source>
        <translation>Geben Sie das API-Token ein, das Sie von der Administration des Agenten erhalten haben.</translation>
    </message>
</context>
<context>
    <name>XeroSync::ErrorChart</name>
    <message>
        <source>Failures</source>
        <translation>Fehlschläge</translation>
    </message>
    <message>
        <source>Top error reasons (24 h)</source>
        <translation>Häufigste Fehlergründe (24 h)</translation>
    </message>
    <message>
        <source>No failures in the last 24 hours</source>
        <translation>Keine Fehlschläge in den letzten 24 Stunden</translation>
    </message>
</context>
<context>
    <name>XeroSync::JobsModel</name>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Submission</source>
        <translation>Einreichung</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>Eingereiht um</translation>
    </message>
    <message>
        <source>Reason or progress</source>
        <translation>Grund oder Fortschritt</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1% done</source>
        <translation>%1 % erledigt</translation>
    </message>
</context>
<context>
    <name>XeroSync::JobsPage</name>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Retry all failed…</source>
        <translation>Alle fehlgeschlagenen wiederholen…</translation>
    </message>
    <message>
        <source>Clear failed…</source>
        <translation>Fehlgeschlagene löschen…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Delayed (waiting to retry)</source>
        <translation>Verzögert (wartet auf Wiederholung)</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Show jobs that are</source>
        <translation>Aufträge anzeigen, die</translation>
    </message>
    <message>
        <source>Jobs could not be listed: %1</source>
        <translation>Aufträge konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can change jobs.</source>
        <translation>Ihr Token ist ein Leser-Token: nur Admins können Aufträge ändern.</translation>
    </message>
    <message>
        <source>No jobs in this state.</source>
        <translation>Keine Aufträge in diesem Zustand.</translation>
    </message>
    <message>
        <source>Showing %1 of %2 jobs.</source>
        <translation>%1 von %2 Aufträgen angezeigt.</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s).</source>
        <translation>
            <numerusform>%n Auftrag.</numerusform>
            <numerusform>%n Aufträge.</numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1 was not retried: %2</source>
        <translation>Auftrag %1 wurde nicht wiederholt: %2</translation>
    </message>
    <message>
        <source>Remove jobs</source>
        <translation>Aufträge entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n job(s) from the queue? Their timesheets are not synced unless approved or synced again.</source>
        <translation>
            <numerusform>%n Auftrag aus der Warteschlange entfernen? Sein Stundenzettel wird erst nach erneuter Genehmigung oder Synchronisierung übertragen.</numerusform>
            <numerusform>%n Aufträge aus der Warteschlange entfernen? Ihre Stundenzettel werden erst nach erneuter Genehmigung oder Synchronisierung übertragen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1 was not removed: %2</source>
        <translation>Auftrag %1 wurde nicht entfernt: %2</translation>
    </message>
    <message>
        <source>Retry all failed jobs</source>
        <translation>Alle fehlgeschlagenen Aufträge wiederholen</translation>
    </message>
    <message numerus="yes">
        <source>Queue all %n failed job(s) again?</source>
        <translation>
            <numerusform>Den %n fehlgeschlagenen Auftrag erneut einreihen?</numerusform>
            <numerusform>Alle %n fehlgeschlagenen Aufträge erneut einreihen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear failed jobs</source>
        <translation>Fehlgeschlagene Aufträge löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete all %n failed job(s)? Their sync log rows stay; the jobs cannot be retried afterwards.</source>
        <translation>
            <numerusform>Den %n fehlgeschlagenen Auftrag löschen? Seine Protokollzeilen bleiben; er kann danach nicht wiederholt werden.</numerusform>
            <numerusform>Alle %n fehlgeschlagenen Aufträge löschen? Ihre Protokollzeilen bleiben; sie können danach nicht wiederholt werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>The queue refused: %1</source>
        <translation>Die Warteschlange hat abgelehnt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n job(s) affected.</source>
        <translation>
            <numerusform>Erledigt: %n Auftrag betroffen.</numerusform>
            <numerusform>Erledigt: %n Aufträge betroffen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>XeroSync::KeychainSecretStore</name>
    <message>
        <source>No system keychain is available (%1). The token is kept for this session only; install and unlock a keychain such as GNOME Keyring or KWallet to remember it.</source>
        <translation>Kein System-Schlüsselbund verfügbar (%1). Das Token gilt nur für diese Sitzung; installieren und entsperren Sie einen Schlüsselbund wie GNOME Keyring oder KWallet, um es zu speichern.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert: %1</translation>
    </message>
</context>
<context>
    <name>XeroSync::MainWindow</name>
    <message>
        <source>xerosync dashboard</source>
        <translation>xerosync-Dashboard</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Sync log</source>
        <translation>Sync-Protokoll</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Xero</source>
        <translation>Xero</translation>
    </message>
    <message>
        <source>Live updates on</source>
        <translation>Live-Aktualisierung aktiv</translation>
    </message>
    <message>
        <source>Live updates interrupted; reconnecting…</source>
        <translation>Live-Aktualisierung unterbrochen; verbinde neu…</translation>
    </message>
    <message>
        <source>xerosync</source>
        <translation>xerosync</translation>
    </message>
    <message>
        <source>Connect to agent…</source>
        <translation>Mit Agent verbinden…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Pause syncing</source>
        <translation>Synchronisierung pausieren</translation>
    </message>
    <message>
        <source>Sync submissions…</source>
        <translation>Einreichungen synchronisieren…</translation>
    </message>
    <message>
        <source>Batch sync…</source>
        <translation>Stapel-Sync…</translation>
    </message>
    <message>
        <source>Filter the sync log</source>
        <translation>Sync-Protokoll filtern</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>Steuerung</translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation>&amp;Agent</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Synchronisierung</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>The language changes the next time the dashboard starts.</source>
        <translation>Die Sprache ändert sich beim nächsten Start des Dashboards.</translation>
    </message>
    <message>
        <source>Not connected to an agent yet.</source>
        <translation>Noch mit keinem Agenten verbunden.</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Verbinden…</translation>
    </message>
    <message>
        <source>Reading the token for %1 from the keychain…</source>
        <translation>Token für %1 wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>No token is stored for %1. Enter it again.</source>
        <translation>Für %1 ist kein Token gespeichert. Bitte erneut eingeben.</translation>
    </message>
    <message>
        <source>xerosync dashboard — %1</source>
        <translation>xerosync-Dashboard — %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Connected with a viewer token (%1): you can watch, but the controls are disabled. Ask for an admin token to pause, retry or sync.</source>
        <translation>Mit einem Leser-Token verbunden (%1): Sie können zusehen, die Steuerung ist aber gesperrt. Für Pausieren, Wiederholen oder Synchronisieren brauchen Sie ein Admin-Token.</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>%1 as %2 (%3)</source>
        <translation>%1 als %2 (%3)</translation>
    </message>
    <message>
        <source>The agent at %1 cannot be reached (%2). Retrying by itself.</source>
        <translation>Der Agent unter %1 ist nicht erreichbar (%2). Neuer Versuch erfolgt automatisch.</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <source>The agent rejected the token: it is unknown or was revoked. Enter a valid token.</source>
        <translation>Der Agent hat das Token abgelehnt: es ist unbekannt oder wurde widerrufen. Geben Sie ein gültiges Token ein.</translation>
    </message>
    <message>
        <source>Enter token…</source>
        <translation>Token eingeben…</translation>
    </message>
    <message>
        <source>Token rejected</source>
        <translation>Token abgelehnt</translation>
    </message>
    <message>
        <source>The agent&apos;s TLS certificate is not trusted by this computer. Its SHA-256 fingerprint is %1. Trust it only if it matches the fingerprint the agent&apos;s administrator gave you.</source>
        <translation>Dieser Computer vertraut dem TLS-Zertifikat des Agenten nicht. Sein SHA-256-Fingerabdruck ist %1. Vertrauen Sie ihm nur, wenn er mit dem Fingerabdruck der Administration des Agenten übereinstimmt.</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Diesem Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>Certificate not trusted</source>
        <translation>Zertifikat nicht vertraut</translation>
    </message>
    <message>
        <source>Incompatible</source>
        <translation>Inkompatibel</translation>
    </message>
    <message>
        <source>Not connected to an agent.</source>
        <translation>Mit keinem Agenten verbunden.</translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can do this.</source>
        <translation>Ihr Token ist ein Leser-Token: nur Admins dürfen das.</translation>
    </message>
    <message>
        <source>Resume syncing</source>
        <translation>Synchronisierung fortsetzen</translation>
    </message>
    <message>
        <source>Pause syncing for every agent? Approvals keep queueing and are synced after you resume.</source>
        <translation>Synchronisierung für alle Agenten pausieren? Genehmigungen werden weiter eingereiht und nach dem Fortsetzen synchronisiert.</translation>
    </message>
    <message>
        <source>The agent refused: %1</source>
        <translation>Der Agent hat abgelehnt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n sync(s) failed in the last 5 minutes. Open the sync log to see why.</source>
        <translation>
            <numerusform>%n Synchronisierung ist in den letzten 5 Minuten fehlgeschlagen. Das Sync-Protokoll zeigt den Grund.</numerusform>
            <numerusform>%n Synchronisierungen sind in den letzten 5 Minuten fehlgeschlagen. Das Sync-Protokoll zeigt die Gründe.</numerusform>
        </translation>
    </message>
    <message>
        <source>xerosync: syncs are failing</source>
        <translation>xerosync: Synchronisierungen schlagen fehl</translation>
    </message>
</context>
<context>
    <name>XeroSync::ManualSyncDialog</name>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Sync submissions</source>
        <translation>Einreichungen synchronisieren</translation>
    </message>
    <message>
        <source>Paste submission ids, one per line or separated by commas</source>
        <translation>Einreichungs-IDs einfügen, eine pro Zeile oder durch Kommas getrennt</translation>
    </message>
    <message>
        <source>High (before approvals waiting)</source>
        <translation>Hoch (vor wartenden Genehmigungen)</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Low (after everything else)</source>
        <translation>Niedrig (nach allem anderen)</translation>
    </message>
    <message>
        <source>Add failed submissions</source>
        <translation>Fehlgeschlagene Einreichungen hinzufügen</translation>
    </message>
    <message>
        <source>Adds the submissions whose last sync failed (up to 100).</source>
        <translation>Fügt die Einreichungen hinzu, deren letzte Synchronisierung fehlschlug (bis zu 100).</translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation>Einreichungen</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Failed submissions could not be listed: %1</source>
        <translation>Fehlgeschlagene Einreichungen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Enter at least one submission id.</source>
        <translation>Geben Sie mindestens eine Einreichungs-ID ein.</translation>
    </message>
    <message>
        <source>Queueing…</source>
        <translation>Wird eingereiht…</translation>
    </message>
    <message>
        <source>The agent refused: %1</source>
        <translation>Der Agent hat abgelehnt: %1</translation>
    </message>
    <message>
        <source>The agent refused (%1): %2</source>
        <translation>Der Agent hat abgelehnt (%1): %2</translation>
    </message>
    <message numerus="yes">
        <source>%n submission(s) queued.</source>
        <translation>
            <numerusform>%n Einreichung eingereiht.</numerusform>
            <numerusform>%n Einreichungen eingereiht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already waiting in the queue.</source>
        <translation>
            <numerusform>%n wartet bereits in der Warteschlange.</numerusform>
            <numerusform>%n warten bereits in der Warteschlange.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>XeroSync::OverviewPage</name>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Reconnect needed</source>
        <translation>Neu verbinden nötig</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Redis (queue)</source>
        <translation>Redis (Warteschlange)</translation>
    </message>
    <message>
        <source>PostgreSQL (log)</source>
        <translation>PostgreSQL (Protokoll)</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Verarbeitung</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Delayed (retry)</source>
        <translation>Verzögert (Wiederholung)</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Queue depth and throughput</source>
        <translation>Warteschlangenlänge und Durchsatz</translation>
    </message>
    <message>
        <source>Show the last</source>
        <translation>Zeige die letzten</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>Syncs</source>
        <translation>Synchronisierungen</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fehlschläge</translation>
    </message>
    <message>
        <source>Average duration</source>
        <translation>Mittlere Dauer</translation>
    </message>
    <message>
        <source>95th percentile</source>
        <translation>95. Perzentil</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>answered in %1 ms</source>
        <translation>Antwort in %1 ms</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Ausgefallen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s) connected</source>
        <translation>
            <numerusform>%n Worker verbunden</numerusform>
            <numerusform>%n Worker verbunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Xero: %1</source>
        <translation>Xero: %1</translation>
    </message>
    <message>
        <source>%1 of %2 calls left this minute</source>
        <translation>%1 von %2 Aufrufen in dieser Minute übrig</translation>
    </message>
    <message>
        <source>%1 of %2 left today</source>
        <translation>%1 von %2 heute übrig</translation>
    </message>
    <message>
        <source>token valid until %1</source>
        <translation>Token gültig bis %1</translation>
    </message>
    <message>
        <source>Xero</source>
        <translation>Xero</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connect an organisation on the Xero page.</source>
        <translation>Verbinden Sie eine Organisation auf der Seite „Xero“.</translation>
    </message>
    <message>
        <source>no syncs</source>
        <translation>keine Synchronisierungen</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Xero&apos;s daily quota is running low: syncs wait for the next day once it is used up</source>
        <translation>Das Tageskontingent von Xero wird knapp: Ist es aufgebraucht, warten Synchronisierungen auf den nächsten Tag</translation>
    </message>
</context>
<context>
    <name>XeroSync::QueueChart</name>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Delayed</source>
        <translation>Verzögert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Finished per minute</source>
        <translation>Erledigt pro Minute</translation>
    </message>
</context>
<context>
    <name>XeroSync::SyncLogModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Submission</source>
        <translation>Einreichung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Genehmigung</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>XeroSync::SyncLogPage</name>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Sync this submission again</source>
        <translation>Diese Einreichung erneut synchronisieren</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Any trigger</source>
        <translation>Jeder Auslöser</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Genehmigung</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Search submission, employee or error (Ctrl+F)</source>
        <translation>Einreichung, Mitarbeitende oder Fehler suchen (Strg+F)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>The sync log could not be loaded: %1</source>
        <translation>Das Sync-Protokoll konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can start a sync.</source>
        <translation>Ihr Token ist ein Leser-Token: nur Admins können eine Synchronisierung starten.</translation>
    </message>
    <message>
        <source>%1+ rows</source>
        <translation>%1+ Zeilen</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>No sync log rows match these filters.</source>
        <translation>Keine Protokollzeilen passen zu diesen Filtern.</translation>
    </message>
    <message>
        <source>Nothing synced yet. Approved timesheets appear here within seconds of their approval.</source>
        <translation>Noch nichts synchronisiert. Genehmigte Stundenzettel erscheinen hier Sekunden nach der Genehmigung.</translation>
    </message>
    <message>
        <source>The details could not be loaded.</source>
        <translation>Die Details konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>This sync failed</source>
        <translation>Diese Synchronisierung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>The timesheet was not sent to Xero because:</source>
        <translation>Der Stundenzettel wurde nicht an Xero gesendet, weil:</translation>
    </message>
    <message>
        <source>How to fix it:</source>
        <translation>So beheben Sie es:</translation>
    </message>
    <message>
        <source>The agent retries this by itself; nothing needs doing unless it keeps failing.</source>
        <translation>Der Agent wiederholt das selbst; nur wenn es weiter fehlschlägt, ist etwas zu tun.</translation>
    </message>
    <message>
        <source>Fix the cause named above in the timesheet system or in Xero, then sync this submission again.</source>
        <translation>Beheben Sie die oben genannte Ursache im Zeiterfassungssystem oder in Xero und synchronisieren Sie diese Einreichung dann erneut.</translation>
    </message>
    <message>
        <source>Already up to date in Xero: nothing was written</source>
        <translation>In Xero bereits aktuell: nichts geschrieben</translation>
    </message>
    <message>
        <source>Synced to Xero</source>
        <translation>Mit Xero synchronisiert</translation>
    </message>
    <message>
        <source>Xero timesheet:</source>
        <translation>Xero-Stundenzettel:</translation>
    </message>
    <message>
        <source>Syncing now…</source>
        <translation>Wird gerade synchronisiert…</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Wartet auf Synchronisierung</translation>
    </message>
    <message>
        <source>Submission %1</source>
        <translation>Einreichung %1</translation>
    </message>
    <message>
        <source>Employee: %1</source>
        <translation>Mitarbeitende(r): %1</translation>
    </message>
    <message>
        <source>Period: %1 to %2</source>
        <translation>Zeitraum: %1 bis %2</translation>
    </message>
    <message>
        <source>Total: %1 h, version %2, %3</source>
        <translation>Summe: %1 h, Version %2, %3</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Sent to Xero</source>
        <translation>An Xero gesendet</translation>
    </message>
    <message>
        <source>Xero&apos;s answer</source>
        <translation>Antwort von Xero</translation>
    </message>
    <message>
        <source>the newest %1 rows; filter by date for older ones</source>
        <translation>die neuesten %1 Zeilen; ältere über den Datumsfilter</translation>
    </message>
    <message numerus="yes">
        <source>Sync the %n selected submission(s) again</source>
        <translation>
            <numerusform>Die %n ausgewählte Einreichung erneut synchronisieren</numerusform>
            <numerusform>Die %n ausgewählten Einreichungen erneut synchronisieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Ctrl- or Shift-click rows to pick several submissions.</source>
        <translation>Strg- oder Umschalt-Klick auf Zeilen wählt mehrere Einreichungen.</translation>
    </message>
</context>
<context>
    <name>XeroSync::XeroPage</name>
    <message>
        <source>Connect to Xero…</source>
        <translation>Mit Xero verbinden…</translation>
    </message>
    <message>
        <source>Disconnect…</source>
        <translation>Trennen…</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Token valid until</source>
        <translation>Token gültig bis</translation>
    </message>
    <message>
        <source>Tenant id</source>
        <translation>Mandanten-ID</translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can change the Xero connection.</source>
        <translation>Ihr Token ist ein Leser-Token: nur Admins können die Xero-Verbindung ändern.</translation>
    </message>
    <message>
        <source>The Xero connection could not be read: %1</source>
        <translation>Die Xero-Verbindung konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Reconnect needed</source>
        <translation>Neu verbinden nötig</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>(in use)</source>
        <translation>(in Verwendung)</translation>
    </message>
    <message>
        <source>The agent is connected to Xero.</source>
        <translation>Der Agent ist mit Xero verbunden.</translation>
    </message>
    <message>
        <source>The agent is not connected to Xero: %1 Connect opens Xero&apos;s consent page in your browser.</source>
        <translation>Der Agent ist nicht mit Xero verbunden: %1 „Verbinden“ öffnet die Zustimmungsseite von Xero im Browser.</translation>
    </message>
    <message>
        <source>The agent could not start the Xero connection: %1</source>
        <translation>Der Agent konnte die Xero-Verbindung nicht starten: %1</translation>
    </message>
    <message>
        <source>Open this address in a browser to connect: %1</source>
        <translation>Öffnen Sie diese Adresse im Browser, um zu verbinden: %1</translation>
    </message>
    <message>
        <source>Finish the connection in your browser; this page updates when Xero sends you back.</source>
        <translation>Schließen Sie die Verbindung im Browser ab; diese Seite aktualisiert sich, wenn Xero Sie zurückschickt.</translation>
    </message>
    <message>
        <source>Disconnect from Xero</source>
        <translation>Von Xero trennen</translation>
    </message>
    <message>
        <source>Disconnect the agent from Xero? Approved timesheets wait in the queue until you connect again.</source>
        <translation>Den Agenten von Xero trennen? Genehmigte Stundenzettel warten in der Warteschlange, bis Sie wieder verbinden.</translation>
    </message>
    <message>
        <source>Disconnect failed: %1</source>
        <translation>Trennen fehlgeschlagen: %1</translation>
    </message>
</context>
</TS>
