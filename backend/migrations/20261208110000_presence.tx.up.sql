-- Presence (issue 14): which record each signed-in desktop session has open now, so that a record's page names
-- the other users who have it open. Several backend instances serve one database, so the state lives here.
-- A session has one record open at most (session_id is unique). The desktop renews its entry every 30 s, and an
-- entry counts for 90 s after its last renewal (api.PresenceFresh): a desktop that vanished drops out by itself.

CREATE TABLE presence (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    -- A purged session takes its entry along; a revoked one too (sessions_presence_end below).
    session_id  uuid NOT NULL UNIQUE REFERENCES sessions (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL,
    record_type text NOT NULL REFERENCES record_kinds (kind),
    record_id   uuid NOT NULL,
    seen_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT presence_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX presence_record_idx ON presence (tenant_id, record_type, record_id, seen_at);
CREATE INDEX presence_seen_idx ON presence (seen_at);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['presence'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;

-- Opening and leaving a record is an event of topic presence whose parent is the record, for those who may see
-- the record; a renewal changes seen_at alone and is none.
SELECT change_feed_attach('presence', 'presence', 'parent', 'seen_at', '');

-- A session that ends (sign-out, a password change, a deactivated user, a replayed refresh token) leaves its
-- record at once, however it was ended; it runs as the caller, inside the tenant's row-level security.
CREATE FUNCTION presence_session_ended()
RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    DELETE FROM presence WHERE session_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER sessions_presence_end AFTER UPDATE OF revoked_at ON sessions
    FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
    EXECUTE FUNCTION presence_session_ended();

-- Housekeeping across tenants: entries not renewed for 5 minutes go (they stopped counting after 90 s; readers
-- filter by freshness, so this only keeps the table small). No arguments; the period is a constant.
CREATE FUNCTION presence_prune()
RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    WITH gone AS (DELETE FROM presence WHERE seen_at < now() - interval '5 minutes' RETURNING 1)
    SELECT count(*) FROM gone;
$$;
REVOKE EXECUTE ON FUNCTION presence_prune() FROM PUBLIC;
