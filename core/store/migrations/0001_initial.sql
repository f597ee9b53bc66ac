-- xerosync schema, version 1.
-- Source tables (the timesheet system's; shipped for the demo and tests, and a map for customers
-- who expose their own schema through views), the approval trigger, and xerosync's own tables.

-- ---------------------------------------------------------------------------------------------
-- Source: employees, submissions, entries
-- ---------------------------------------------------------------------------------------------
CREATE TABLE employees (
    id                     text PRIMARY KEY,
    name                   text NOT NULL,
    email                  text,
    xero_employee_id       text,          -- Xero's EmployeeID (uuid) in the mapped tenant
    xero_earnings_rate_id  text,          -- default earnings rate / pay item for timesheet lines
    xero_tenant_id         text,          -- the Xero organisation; NULL = the only connected one
    active                 boolean NOT NULL DEFAULT true,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE timesheet_submissions (
    id            text PRIMARY KEY,
    user_id       text NOT NULL REFERENCES employees (id),
    period_start  date NOT NULL,
    period_end    date NOT NULL,
    status        text NOT NULL DEFAULT 'SUBMITTED'
                  CHECK (status IN ('SUBMITTED', 'APPROVED', 'REJECTED')),
    approved_by   text,
    approved_at   timestamptz,
    rejection_reason text,
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT timesheet_submissions_period_order CHECK (period_end >= period_start)
);
CREATE INDEX timesheet_submissions_status_period_idx
    ON timesheet_submissions (status, period_start, period_end);
CREATE INDEX timesheet_submissions_user_idx ON timesheet_submissions (user_id);

-- Hours are deliberately not range-checked here: validation happens before any Xero call, with a
-- message and a fix hint the finance admin can act on (DESIGN.md §6).
CREATE TABLE timesheet_entries (
    id                bigserial PRIMARY KEY,
    submission_id     text NOT NULL REFERENCES timesheet_submissions (id) ON DELETE CASCADE,
    work_date         date NOT NULL,
    hours             numeric(6, 2) NOT NULL,
    earnings_rate_id  text,               -- overrides the employee's default
    tracking_item_id  text,
    xero_project_id   text,               -- Projects target
    xero_task_id      text,
    description       text
);
CREATE INDEX timesheet_entries_submission_idx ON timesheet_entries (submission_id, work_date);

-- Announces approvals (and rejections) to xerosync. Fires once per approval: when the status
-- becomes APPROVED, or when an approved submission is approved again as a new version.
CREATE FUNCTION xerosync_notify_timesheet_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'APPROVED'
       AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'APPROVED'
            OR OLD.version IS DISTINCT FROM NEW.version) THEN
        PERFORM pg_notify('xerosync_timesheet_events', json_build_object(
            'event', 'approved', 'submissionId', NEW.id, 'version', NEW.version,
            'userId', NEW.user_id, 'approvedBy', NEW.approved_by,
            'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text);
    ELSIF NEW.status = 'REJECTED' AND TG_OP = 'UPDATE' AND OLD.status IS DISTINCT FROM 'REJECTED' THEN
        PERFORM pg_notify('xerosync_timesheet_events', json_build_object(
            'event', 'rejected', 'submissionId', NEW.id, 'version', NEW.version,
            'userId', NEW.user_id,
            'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER timesheet_submissions_notify
    AFTER INSERT OR UPDATE OF status, version ON timesheet_submissions
    FOR EACH ROW EXECUTE FUNCTION xerosync_notify_timesheet_event();

-- ---------------------------------------------------------------------------------------------
-- xerosync: sync log (the dashboard's table)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE xero_sync_log (
    id             bigint PRIMARY KEY,
    submission_id  text,
    operation      text NOT NULL,
    status         text NOT NULL DEFAULT 'PENDING'
                   CHECK (status IN ('PENDING', 'RUNNING', 'SUCCESS', 'FAILED')),
    details        jsonb,
    error          text,
    job_id         text,
    trigger        text NOT NULL DEFAULT 'approval'
                   CHECK (trigger IN ('approval', 'manual', 'batch', 'scheduled')),
    metadata       jsonb,
    duration_ms    integer CHECK (duration_ms >= 0),
    retry_count    integer NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE xero_sync_log_id_seq OWNED BY xero_sync_log.id;

-- Readers page the log by "id > afterId". With plain serial ids, two concurrent inserts can
-- commit out of id order and a reader would skip the late one for ever. Ids are therefore taken
-- under a transaction-scoped advisory lock, so id order is commit order. The lock is held only
-- until the inserting (single-statement) transaction commits.
CREATE FUNCTION xero_sync_log_assign_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7865727300000001);
    NEW.id := nextval('xero_sync_log_id_seq');
    RETURN NEW;
END
$$;
CREATE TRIGGER xero_sync_log_assign_id BEFORE INSERT ON xero_sync_log
    FOR EACH ROW EXECUTE FUNCTION xero_sync_log_assign_id();

CREATE INDEX xero_sync_log_status_idx ON xero_sync_log (status, id);
CREATE INDEX xero_sync_log_trigger_idx ON xero_sync_log (trigger, id);
CREATE INDEX xero_sync_log_submission_idx ON xero_sync_log (submission_id, id);
CREATE INDEX xero_sync_log_created_idx ON xero_sync_log (created_at);
-- 24 h statistics read status and duration by time window without touching the heap.
CREATE INDEX xero_sync_log_stats_idx ON xero_sync_log (created_at, status) INCLUDE (duration_ms);

-- ---------------------------------------------------------------------------------------------
-- xerosync: per-submission state in Xero
-- ---------------------------------------------------------------------------------------------
CREATE TABLE xero_sync_state (
    submission_id        text PRIMARY KEY,
    target               text NOT NULL
                         CHECK (target IN ('payroll-au', 'payroll-uk', 'payroll-nz', 'payroll-au-v2', 'projects')),
    tenant_id            text NOT NULL,
    xero_timesheet_id    text,
    payload_hash         text,
    last_synced_version  integer NOT NULL DEFAULT 0,
    attempted_version    integer NOT NULL DEFAULT 0,
    status               text NOT NULL DEFAULT 'PENDING'
                         CHECK (status IN ('PENDING', 'SYNCED', 'FAILED')),
    last_error           text,
    synced_at            timestamptz,
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX xero_sync_state_status_idx ON xero_sync_state (status);

-- ---------------------------------------------------------------------------------------------
-- xerosync: audit trail
-- ---------------------------------------------------------------------------------------------
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,             -- token name, 'system' or 'listener'
    action      text NOT NULL,             -- approval.seen, queue.pause, xero.connect, ...
    target      text,
    details     jsonb
);
CREATE INDEX audit_log_created_idx ON audit_log (created_at);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);

-- ---------------------------------------------------------------------------------------------
-- xerosync: Xero connections (tokens encrypted by the agent before they get here)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE xero_connection (
    tenant_id                text PRIMARY KEY,
    tenant_name              text NOT NULL,
    tenant_type              text NOT NULL DEFAULT 'ORGANISATION',
    region                   text,            -- AU, UK, NZ, ...: picks the payroll target
    connection_id            text,            -- Xero's id of the connection (for DELETE /connections)
    scopes                   text NOT NULL DEFAULT '',
    status                   text NOT NULL DEFAULT 'CONNECTED'
                             CHECK (status IN ('CONNECTED', 'RECONNECT_NEEDED', 'DISCONNECTED')),
    access_token_enc         bytea,
    access_token_expires_at  timestamptz,
    refresh_token_enc        bytea,
    refresh_token_updated_at timestamptz,
    connected_at             timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------------------------------------
-- xerosync: API bearer tokens (only a SHA-256 hash is stored)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE api_tokens (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL UNIQUE,
    token_hash    text NOT NULL UNIQUE,
    role          text NOT NULL CHECK (role IN ('admin', 'viewer')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
