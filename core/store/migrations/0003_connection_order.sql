-- The order organisations were first connected in, for "the default organisation" (the first
-- connected): connected_at alone ties when one consent connects several in the same millisecond.
ALTER TABLE xero_connection ADD COLUMN position bigserial;
