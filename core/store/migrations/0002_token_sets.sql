-- One authorisation's tokens, shared by the organisations it connected. The refresh token
-- rotates on every use, so it lives in one row, not copied into each xero_connection row.
CREATE TABLE xero_token_sets (
    id                      text PRIMARY KEY,
    access_token_enc        bytea,
    access_token_expires_at timestamptz,
    refresh_token_enc       bytea,
    scopes                  text NOT NULL DEFAULT '',
    fence                   bigint NOT NULL DEFAULT 0,   -- lock fence of the refresh that wrote it
    status                  text NOT NULL DEFAULT 'CONNECTED'
                            CHECK (status IN ('CONNECTED', 'RECONNECT_NEEDED')),
    status_reason           text,
    updated_at              timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE xero_connection ADD COLUMN token_set_id text REFERENCES xero_token_sets (id);
