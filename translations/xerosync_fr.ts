<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>XeroSync::AgentClient</name>
    <message>
        <source>The agent speaks API version %1; this dashboard needs version %2.</source>
        <translation>L’agent parle la version %1 de l’API ; ce tableau de bord a besoin de la version %2.</translation>
    </message>
    <message>
        <source>The agent&apos;s TLS certificate is not trusted.</source>
        <translation>Le certificat TLS de l’agent n’est pas approuvé.</translation>
    </message>
    <message>
        <source>The agent cannot be reached: %1</source>
        <translation>L’agent est injoignable : %1</translation>
    </message>
</context>
<context>
    <name>XeroSync::BatchSyncDialog</name>
    <message>
        <source>Force: write again even where Xero already has this content</source>
        <translation>Forcer : réécrire même là où Xero a déjà ce contenu</translation>
    </message>
    <message>
        <source>Start batch sync</source>
        <translation>Lancer la synchronisation par lot</translation>
    </message>
    <message>
        <source>Batch sync</source>
        <translation>Synchronisation par lot</translation>
    </message>
    <message>
        <source>Normally timesheets Xero already holds unchanged are skipped and timesheets Xero has approved are never overwritten. Force re-sends drafts even when nothing changed; approved timesheets stay protected.</source>
        <translation>Normalement, les feuilles de temps que Xero détient déjà sans changement sont ignorées et celles que Xero a approuvées ne sont jamais écrasées. Forcer renvoie les brouillons même sans changement ; les feuilles approuvées restent protégées.</translation>
    </message>
    <message>
        <source>Every approved timesheet whose period starts in this range is checked against Xero and written where Xero lacks it.</source>
        <translation>Chaque feuille de temps approuvée dont la période commence dans cet intervalle est comparée à Xero et écrite là où Xero ne l’a pas.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Employees (none ticked: all)</source>
        <translation>Employés (aucun coché : tous)</translation>
    </message>
    <message>
        <source>Employees could not be listed: %1</source>
        <translation>Impossible de lister les employés : %1</translation>
    </message>
    <message>
        <source>Not mapped to a Xero employee: their timesheets will fail validation.</source>
        <translation>Non associé à un employé Xero : ses feuilles de temps échoueront à la validation.</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>La date de fin précède la date de début.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>The agent refused: %1</source>
        <translation>L’agent a refusé : %1</translation>
    </message>
    <message>
        <source>The agent refused (%1): %2</source>
        <translation>L’agent a refusé (%1) : %2</translation>
    </message>
    <message numerus="yes">
        <source>%n approved submission(s) in range; syncing…</source>
        <translation>
            <numerusform>%n soumission approuvée dans l’intervalle ; synchronisation…</numerusform>
            <numerusform>%n soumissions approuvées dans l’intervalle ; synchronisation…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 submissions done…</source>
        <translation>%1 soumissions traitées sur %2…</translation>
    </message>
    <message>
        <source>The batch failed: %1. It is retried automatically; see the Jobs page.</source>
        <translation>Le lot a échoué : %1. Il est relancé automatiquement ; voir la page Tâches.</translation>
    </message>
    <message>
        <source>Done. %1 submissions: %2 in Xero now (written or already up to date), %3 not valid for Xero, %4 refused by Xero.</source>
        <translation>Terminé. %1 soumissions : %2 désormais dans Xero (écrites ou déjà à jour), %3 non valides pour Xero, %4 refusées par Xero.</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>Raisons :</translation>
    </message>
    <message numerus="yes">
        <source>%n submission(s) of employees in another Xero organisation were left for that organisation&apos;s own syncs.</source>
        <translation>
            <numerusform>%n feuille de temps d&apos;un employé d&apos;une autre organisation Xero a été laissée à la synchronisation de cette organisation.</numerusform>
            <numerusform>%n feuilles de temps d&apos;employés d&apos;une autre organisation Xero ont été laissées à la synchronisation de cette organisation.</numerusform>
        </translation>
    </message>
    <message>
        <source>Xero allows about %1 more calls today and this batch needs about %2: it syncs what fits now and the rest as the daily allowance frees up, within 24 hours. Nothing fails for lack of calls.</source>
        <translation>Xero autorise encore environ %1 appels aujourd’hui et ce lot en demande environ %2 : il synchronise maintenant ce qui tient et le reste à mesure que le quota journalier se libère, sous 24 heures. Rien n’échoue faute d’appels.</translation>
    </message>
</context>
<context>
    <name>XeroSync::ConnectDialog</name>
    <message>
        <source>Connect to a xerosync agent</source>
        <translation>Se connecter à un agent xerosync</translation>
    </message>
    <message>
        <source>New agent</source>
        <translation>Nouvel agent</translation>
    </message>
    <message>
        <source>xs_… (from `xerosync-agent token create`)</source>
        <translation>xs_… (de `xerosync-agent token create`)</translation>
    </message>
    <message>
        <source>The dashboard talks to the xerosync agent over its API. Ask the person who runs the agent for its address and an API token: an admin token lets you pause, retry and sync, a viewer token only lets you watch.</source>
        <translation>Le tableau de bord dialogue avec l’agent xerosync via son API. Demandez à la personne qui gère l’agent son adresse et un jeton d’API : un jeton administrateur permet de suspendre, relancer et synchroniser, un jeton lecteur permet seulement de regarder.</translation>
    </message>
    <message>
        <source>Saved agents</source>
        <translation>Agents enregistrés</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Agent address</source>
        <translation>Adresse de l’agent</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>Jeton d’API</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>kept in the keychain; type a new one to replace it</source>
        <translation>conservé dans le trousseau ; saisissez-en un nouveau pour le remplacer</translation>
    </message>
    <message>
        <source>The address must look like http://host:8750 or https://host:8750.</source>
        <translation>L’adresse doit ressembler à http://hote:8750 ou https://hote:8750.</translation>
    </message>
    <message>
        <source>Enter the API token the agent&apos;s administrator gave you.</source>
        <translation>Saisissez le jeton d’API fourni par l’administrateur de l’agent.</translation>
    </message>
</context>
<context>
    <name>XeroSync::ErrorChart</name>
    <message>
        <source>Failures</source>
        <translation>Échecs</translation>
    </message>
    <message>
        <source>Top error reasons (24 h)</source>
        <translation>Principales causes d’erreur (24 h)</translation>
    </message>
    <message>
        <source>No failures in the last 24 hours</source>
        <translation>Aucun échec ces dernières 24 heures</translation>
    </message>
</context>
<context>
    <name>XeroSync::JobsModel</name>
    <message>
        <source>Job</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Submission</source>
        <translation>Soumission</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>Mise en file à</translation>
    </message>
    <message>
        <source>Reason or progress</source>
        <translation>Raison ou progression</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1% done</source>
        <translation>%1 % effectué</translation>
    </message>
</context>
<context>
    <name>XeroSync::JobsPage</name>
    <message>
        <source>Retry</source>
        <translation>Relancer</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Retry all failed…</source>
        <translation>Relancer tous les échecs…</translation>
    </message>
    <message>
        <source>Clear failed…</source>
        <translation>Effacer les échecs…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Delayed (waiting to retry)</source>
        <translation>Différée (en attente de relance)</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Show jobs that are</source>
        <translation>Afficher les tâches à l’état</translation>
    </message>
    <message>
        <source>Jobs could not be listed: %1</source>
        <translation>Impossible de lister les tâches : %1</translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can change jobs.</source>
        <translation>Votre jeton est un jeton lecteur : seuls les administrateurs peuvent modifier les tâches.</translation>
    </message>
    <message>
        <source>No jobs in this state.</source>
        <translation>Aucune tâche dans cet état.</translation>
    </message>
    <message>
        <source>Showing %1 of %2 jobs.</source>
        <translation>%1 tâches affichées sur %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s).</source>
        <translation>
            <numerusform>%n tâche.</numerusform>
            <numerusform>%n tâches.</numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1 was not retried: %2</source>
        <translation>La tâche %1 n’a pas été relancée : %2</translation>
    </message>
    <message>
        <source>Remove jobs</source>
        <translation>Supprimer des tâches</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n job(s) from the queue? Their timesheets are not synced unless approved or synced again.</source>
        <translation>
            <numerusform>Retirer %n tâche de la file ? Sa feuille de temps ne sera synchronisée qu’après une nouvelle approbation ou synchronisation.</numerusform>
            <numerusform>Retirer %n tâches de la file ? Leurs feuilles de temps ne seront synchronisées qu’après une nouvelle approbation ou synchronisation.</numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1 was not removed: %2</source>
        <translation>La tâche %1 n’a pas été supprimée : %2</translation>
    </message>
    <message>
        <source>Retry all failed jobs</source>
        <translation>Relancer toutes les tâches en échec</translation>
    </message>
    <message numerus="yes">
        <source>Queue all %n failed job(s) again?</source>
        <translation>
            <numerusform>Remettre en file la %n tâche en échec ?</numerusform>
            <numerusform>Remettre en file les %n tâches en échec ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear failed jobs</source>
        <translation>Effacer les tâches en échec</translation>
    </message>
    <message numerus="yes">
        <source>Delete all %n failed job(s)? Their sync log rows stay; the jobs cannot be retried afterwards.</source>
        <translation>
            <numerusform>Supprimer la %n tâche en échec ? Ses lignes du journal restent ; elle ne pourra plus être relancée.</numerusform>
            <numerusform>Supprimer les %n tâches en échec ? Leurs lignes du journal restent ; elles ne pourront plus être relancées.</numerusform>
        </translation>
    </message>
    <message>
        <source>The queue refused: %1</source>
        <translation>La file a refusé : %1</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n job(s) affected.</source>
        <translation>
            <numerusform>Terminé : %n tâche concernée.</numerusform>
            <numerusform>Terminé : %n tâches concernées.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>XeroSync::KeychainSecretStore</name>
    <message>
        <source>No system keychain is available (%1). The token is kept for this session only; install and unlock a keychain such as GNOME Keyring or KWallet to remember it.</source>
        <translation>Aucun trousseau système n’est disponible (%1). Le jeton n’est conservé que pour cette session ; installez et déverrouillez un trousseau comme GNOME Keyring ou KWallet pour le mémoriser.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>Le trousseau a refusé l’accès : %1</translation>
    </message>
</context>
<context>
    <name>XeroSync::MainWindow</name>
    <message>
        <source>xerosync dashboard</source>
        <translation>Tableau de bord xerosync</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Vue d’ensemble</translation>
    </message>
    <message>
        <source>Sync log</source>
        <translation>Journal de synchronisation</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Xero</source>
        <translation>Xero</translation>
    </message>
    <message>
        <source>Live updates on</source>
        <translation>Mises à jour en direct actives</translation>
    </message>
    <message>
        <source>Live updates interrupted; reconnecting…</source>
        <translation>Mises à jour en direct interrompues ; reconnexion…</translation>
    </message>
    <message>
        <source>xerosync</source>
        <translation>xerosync</translation>
    </message>
    <message>
        <source>Connect to agent…</source>
        <translation>Se connecter à un agent…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Pause syncing</source>
        <translation>Suspendre la synchronisation</translation>
    </message>
    <message>
        <source>Sync submissions…</source>
        <translation>Synchroniser des soumissions…</translation>
    </message>
    <message>
        <source>Batch sync…</source>
        <translation>Synchronisation par lot…</translation>
    </message>
    <message>
        <source>Filter the sync log</source>
        <translation>Filtrer le journal</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation>&amp;Agent</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Synchronisation</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>The language changes the next time the dashboard starts.</source>
        <translation>La langue changera au prochain démarrage du tableau de bord.</translation>
    </message>
    <message>
        <source>Not connected to an agent yet.</source>
        <translation>Pas encore connecté à un agent.</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <source>Reading the token for %1 from the keychain…</source>
        <translation>Lecture du jeton de %1 dans le trousseau…</translation>
    </message>
    <message>
        <source>No token is stored for %1. Enter it again.</source>
        <translation>Aucun jeton n’est enregistré pour %1. Saisissez-le à nouveau.</translation>
    </message>
    <message>
        <source>xerosync dashboard — %1</source>
        <translation>Tableau de bord xerosync — %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Connected with a viewer token (%1): you can watch, but the controls are disabled. Ask for an admin token to pause, retry or sync.</source>
        <translation>Connecté avec un jeton lecteur (%1) : vous pouvez regarder, mais les commandes sont désactivées. Demandez un jeton administrateur pour suspendre, relancer ou synchroniser.</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>%1 as %2 (%3)</source>
        <translation>%1 en tant que %2 (%3)</translation>
    </message>
    <message>
        <source>The agent at %1 cannot be reached (%2). Retrying by itself.</source>
        <translation>L’agent à %1 est injoignable (%2). Nouvelle tentative automatique.</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Réessayer maintenant</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Injoignable</translation>
    </message>
    <message>
        <source>The agent rejected the token: it is unknown or was revoked. Enter a valid token.</source>
        <translation>L’agent a rejeté le jeton : il est inconnu ou a été révoqué. Saisissez un jeton valide.</translation>
    </message>
    <message>
        <source>Enter token…</source>
        <translation>Saisir le jeton…</translation>
    </message>
    <message>
        <source>Token rejected</source>
        <translation>Jeton rejeté</translation>
    </message>
    <message>
        <source>The agent&apos;s TLS certificate is not trusted by this computer. Its SHA-256 fingerprint is %1. Trust it only if it matches the fingerprint the agent&apos;s administrator gave you.</source>
        <translation>Cet ordinateur n’approuve pas le certificat TLS de l’agent. Son empreinte SHA-256 est %1. Ne l’approuvez que si elle correspond à l’empreinte fournie par l’administrateur de l’agent.</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Approuver ce certificat</translation>
    </message>
    <message>
        <source>Certificate not trusted</source>
        <translation>Certificat non approuvé</translation>
    </message>
    <message>
        <source>Incompatible</source>
        <translation>Incompatible</translation>
    </message>
    <message>
        <source>Not connected to an agent.</source>
        <translation>Non connecté à un agent.</translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can do this.</source>
        <translation>Votre jeton est un jeton lecteur : seuls les administrateurs peuvent faire cela.</translation>
    </message>
    <message>
        <source>Resume syncing</source>
        <translation>Reprendre la synchronisation</translation>
    </message>
    <message>
        <source>Pause syncing for every agent? Approvals keep queueing and are synced after you resume.</source>
        <translation>Suspendre la synchronisation pour tous les agents ? Les approbations continuent d’être mises en file et seront synchronisées à la reprise.</translation>
    </message>
    <message>
        <source>The agent refused: %1</source>
        <translation>L’agent a refusé : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n sync(s) failed in the last 5 minutes. Open the sync log to see why.</source>
        <translation>
            <numerusform>%n synchronisation a échoué ces 5 dernières minutes. Ouvrez le journal pour voir pourquoi.</numerusform>
            <numerusform>%n synchronisations ont échoué ces 5 dernières minutes. Ouvrez le journal pour voir pourquoi.</numerusform>
        </translation>
    </message>
    <message>
        <source>xerosync: syncs are failing</source>
        <translation>xerosync : des synchronisations échouent</translation>
    </message>
</context>
<context>
    <name>XeroSync::ManualSyncDialog</name>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Sync submissions</source>
        <translation>Synchroniser des soumissions</translation>
    </message>
    <message>
        <source>Paste submission ids, one per line or separated by commas</source>
        <translation>Collez les identifiants de soumission, un par ligne ou séparés par des virgules</translation>
    </message>
    <message>
        <source>High (before approvals waiting)</source>
        <translation>Haute (avant les approbations en attente)</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normale</translation>
    </message>
    <message>
        <source>Low (after everything else)</source>
        <translation>Basse (après tout le reste)</translation>
    </message>
    <message>
        <source>Add failed submissions</source>
        <translation>Ajouter les soumissions en échec</translation>
    </message>
    <message>
        <source>Adds the submissions whose last sync failed (up to 100).</source>
        <translation>Ajoute les soumissions dont la dernière synchronisation a échoué (jusqu’à 100).</translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation>Soumissions</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Failed submissions could not be listed: %1</source>
        <translation>Impossible de lister les soumissions en échec : %1</translation>
    </message>
    <message>
        <source>Enter at least one submission id.</source>
        <translation>Saisissez au moins un identifiant de soumission.</translation>
    </message>
    <message>
        <source>Queueing…</source>
        <translation>Mise en file…</translation>
    </message>
    <message>
        <source>The agent refused: %1</source>
        <translation>L’agent a refusé : %1</translation>
    </message>
    <message>
        <source>The agent refused (%1): %2</source>
        <translation>L’agent a refusé (%1) : %2</translation>
    </message>
    <message numerus="yes">
        <source>%n submission(s) queued.</source>
        <translation>
            <numerusform>%n soumission mise en file.</numerusform>
            <numerusform>%n soumissions mises en file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already waiting in the queue.</source>
        <translation>
            <numerusform>%n déjà en attente dans la file.</numerusform>
            <numerusform>%n déjà en attente dans la file.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>XeroSync::OverviewPage</name>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Reconnect needed</source>
        <translation>Reconnexion nécessaire</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Redis (queue)</source>
        <translation>Redis (file)</translation>
    </message>
    <message>
        <source>PostgreSQL (log)</source>
        <translation>PostgreSQL (journal)</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Traitement</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>File d’attente</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Delayed (retry)</source>
        <translation>Différées (relance)</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Suspendues</translation>
    </message>
    <message>
        <source>Queue depth and throughput</source>
        <translation>Longueur de la file et débit</translation>
    </message>
    <message>
        <source>Show the last</source>
        <translation>Afficher les dernières</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 minutes</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>heure</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 heures</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Taux de réussite</translation>
    </message>
    <message>
        <source>Syncs</source>
        <translation>Synchronisations</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Échecs</translation>
    </message>
    <message>
        <source>Average duration</source>
        <translation>Durée moyenne</translation>
    </message>
    <message>
        <source>95th percentile</source>
        <translation>95e centile</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>En service</translation>
    </message>
    <message>
        <source>answered in %1 ms</source>
        <translation>réponse en %1 ms</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>En panne</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s) connected</source>
        <translation>
            <numerusform>%n worker connecté</numerusform>
            <numerusform>%n workers connectés</numerusform>
        </translation>
    </message>
    <message>
        <source>Xero: %1</source>
        <translation>Xero : %1</translation>
    </message>
    <message>
        <source>%1 of %2 calls left this minute</source>
        <translation>%1 appels sur %2 restants cette minute</translation>
    </message>
    <message>
        <source>%1 of %2 left today</source>
        <translation>%1 sur %2 restants aujourd’hui</translation>
    </message>
    <message>
        <source>token valid until %1</source>
        <translation>jeton valide jusqu’à %1</translation>
    </message>
    <message>
        <source>Xero</source>
        <translation>Xero</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Connect an organisation on the Xero page.</source>
        <translation>Connectez une organisation sur la page Xero.</translation>
    </message>
    <message>
        <source>no syncs</source>
        <translation>aucune synchronisation</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Xero&apos;s daily quota is running low: syncs wait for the next day once it is used up</source>
        <translation>Le quota journalier de Xero s&apos;épuise : une fois atteint, les synchronisations attendent le jour suivant</translation>
    </message>
</context>
<context>
    <name>XeroSync::QueueChart</name>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Delayed</source>
        <translation>Différées</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Finished per minute</source>
        <translation>Terminées par minute</translation>
    </message>
</context>
<context>
    <name>XeroSync::SyncLogModel</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Submission</source>
        <translation>Soumission</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Déclencheur</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Tentative</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Approbation</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuelle</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Planifiée</translation>
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
        <translation>Du</translation>
    </message>
    <message>
        <source>Sync this submission again</source>
        <translation>Resynchroniser cette soumission</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tout état</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Any trigger</source>
        <translation>Tout déclencheur</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Approbation</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuelle</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Planifiée</translation>
    </message>
    <message>
        <source>Search submission, employee or error (Ctrl+F)</source>
        <translation>Rechercher une soumission, un employé ou une erreur (Ctrl+F)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>The sync log could not be loaded: %1</source>
        <translation>Impossible de charger le journal : %1</translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can start a sync.</source>
        <translation>Votre jeton est un jeton lecteur : seuls les administrateurs peuvent lancer une synchronisation.</translation>
    </message>
    <message>
        <source>%1+ rows</source>
        <translation>%1+ lignes</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n ligne</numerusform>
            <numerusform>%n lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>No sync log rows match these filters.</source>
        <translation>Aucune ligne du journal ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>Nothing synced yet. Approved timesheets appear here within seconds of their approval.</source>
        <translation>Rien n’a encore été synchronisé. Les feuilles de temps approuvées apparaissent ici quelques secondes après leur approbation.</translation>
    </message>
    <message>
        <source>The details could not be loaded.</source>
        <translation>Impossible de charger les détails.</translation>
    </message>
    <message>
        <source>This sync failed</source>
        <translation>Cette synchronisation a échoué</translation>
    </message>
    <message>
        <source>The timesheet was not sent to Xero because:</source>
        <translation>La feuille de temps n’a pas été envoyée à Xero car :</translation>
    </message>
    <message>
        <source>How to fix it:</source>
        <translation>Comment corriger :</translation>
    </message>
    <message>
        <source>The agent retries this by itself; nothing needs doing unless it keeps failing.</source>
        <translation>L’agent réessaie de lui-même ; rien à faire sauf si l’échec persiste.</translation>
    </message>
    <message>
        <source>Fix the cause named above in the timesheet system or in Xero, then sync this submission again.</source>
        <translation>Corrigez la cause indiquée ci-dessus dans le système de feuilles de temps ou dans Xero, puis resynchronisez cette soumission.</translation>
    </message>
    <message>
        <source>Already up to date in Xero: nothing was written</source>
        <translation>Déjà à jour dans Xero : rien n’a été écrit</translation>
    </message>
    <message>
        <source>Synced to Xero</source>
        <translation>Synchronisée avec Xero</translation>
    </message>
    <message>
        <source>Xero timesheet:</source>
        <translation>Feuille de temps Xero :</translation>
    </message>
    <message>
        <source>Syncing now…</source>
        <translation>Synchronisation en cours…</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>En attente de synchronisation</translation>
    </message>
    <message>
        <source>Submission %1</source>
        <translation>Soumission %1</translation>
    </message>
    <message>
        <source>Employee: %1</source>
        <translation>Employé : %1</translation>
    </message>
    <message>
        <source>Period: %1 to %2</source>
        <translation>Période : du %1 au %2</translation>
    </message>
    <message>
        <source>Total: %1 h, version %2, %3</source>
        <translation>Total : %1 h, version %2, %3</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Sent to Xero</source>
        <translation>Envoyé à Xero</translation>
    </message>
    <message>
        <source>Xero&apos;s answer</source>
        <translation>Réponse de Xero</translation>
    </message>
    <message>
        <source>the newest %1 rows; filter by date for older ones</source>
        <translation>les %1 lignes les plus récentes ; filtrez par date pour les plus anciennes</translation>
    </message>
    <message numerus="yes">
        <source>Sync the %n selected submission(s) again</source>
        <translation>
            <numerusform>Resynchroniser la %n soumission sélectionnée</numerusform>
            <numerusform>Resynchroniser les %n soumissions sélectionnées</numerusform>
        </translation>
    </message>
    <message>
        <source>Ctrl- or Shift-click rows to pick several submissions.</source>
        <translation>Ctrl-clic ou Maj-clic sur des lignes pour choisir plusieurs soumissions.</translation>
    </message>
</context>
<context>
    <name>XeroSync::XeroPage</name>
    <message>
        <source>Connect to Xero…</source>
        <translation>Se connecter à Xero…</translation>
    </message>
    <message>
        <source>Disconnect…</source>
        <translation>Déconnecter…</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Token valid until</source>
        <translation>Jeton valide jusqu’à</translation>
    </message>
    <message>
        <source>Tenant id</source>
        <translation>Identifiant du locataire</translation>
    </message>
    <message>
        <source>Your token is a viewer token: only admins can change the Xero connection.</source>
        <translation>Votre jeton est un jeton lecteur : seuls les administrateurs peuvent modifier la connexion Xero.</translation>
    </message>
    <message>
        <source>The Xero connection could not be read: %1</source>
        <translation>Impossible de lire la connexion Xero : %1</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Reconnect needed</source>
        <translation>Reconnexion nécessaire</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>(in use)</source>
        <translation>(utilisée)</translation>
    </message>
    <message>
        <source>The agent is connected to Xero.</source>
        <translation>L’agent est connecté à Xero.</translation>
    </message>
    <message>
        <source>The agent is not connected to Xero: %1 Connect opens Xero&apos;s consent page in your browser.</source>
        <translation>L’agent n’est pas connecté à Xero : %1 « Se connecter » ouvre la page de consentement de Xero dans votre navigateur.</translation>
    </message>
    <message>
        <source>The agent could not start the Xero connection: %1</source>
        <translation>L’agent n’a pas pu lancer la connexion Xero : %1</translation>
    </message>
    <message>
        <source>Open this address in a browser to connect: %1</source>
        <translation>Ouvrez cette adresse dans un navigateur pour vous connecter : %1</translation>
    </message>
    <message>
        <source>Finish the connection in your browser; this page updates when Xero sends you back.</source>
        <translation>Terminez la connexion dans votre navigateur ; cette page se met à jour quand Xero vous renvoie ici.</translation>
    </message>
    <message>
        <source>Disconnect from Xero</source>
        <translation>Se déconnecter de Xero</translation>
    </message>
    <message>
        <source>Disconnect the agent from Xero? Approved timesheets wait in the queue until you connect again.</source>
        <translation>Déconnecter l’agent de Xero ? Les feuilles de temps approuvées attendent dans la file jusqu’à la reconnexion.</translation>
    </message>
    <message>
        <source>Disconnect failed: %1</source>
        <translation>Échec de la déconnexion : %1</translation>
    </message>
</context>
</TS>
