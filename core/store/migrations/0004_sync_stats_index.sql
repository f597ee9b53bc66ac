-- Statistics count timesheet syncs only (not health checks or batch summaries): the index they
-- read becomes partial on that operation, so they still never touch the heap.
DROP INDEX xero_sync_log_stats_idx;
CREATE INDEX xero_sync_log_stats_idx ON xero_sync_log (created_at, status) INCLUDE (duration_ms)
    WHERE operation = 'sync-timesheet';
