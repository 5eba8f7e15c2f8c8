-- The change feed (issue 14): every write to records, activities, notes, documents, pipelines and settings appends a
-- small event to change_events in the transaction of the write (an outbox: a rolled-back change leaves no event, a
-- committed one always has one). NOTIFY change_events wakes every backend instance at commit; the table is the
-- truth, so an instance that missed a wake-up (it restarted, the connection dropped) reads what it missed.

CREATE TABLE change_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The writing transaction. Readers take only events of transactions older than every running one, in
    -- (xid, id) order: an id is handed out before commit, so reading by id alone would skip an event whose
    -- transaction commits after a later one's.
    xid          xid8 NOT NULL DEFAULT pg_current_xact_id(),
    tenant_id    uuid NOT NULL,
    -- What changed: a record kind (person, organization, deal, lead), activity, note, document, or a setting
    -- (pipeline, lost_reason, activity_type, custom_field, lead_mapping, lead_source, user, unit, role,
    -- saved_filter) and whatever later tables attach change_feed_capture to.
    topic        text NOT NULL CHECK (length(topic) BETWEEN 1 AND 40),
    record_id    uuid,
    change       text NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
    version      bigint,
    actor_id     uuid,
    -- Whose it is, which decides who may see the event: the record's owner (an activity's assignee) after the
    -- change, before it for a delete; for a note or document the owner of its record.
    owner_id     uuid,
    -- The owner before the change, when the change gave the record to another (readers who lose it are told).
    old_owner_id uuid,
    -- The record a note or document belongs to.
    parent_type  text,
    parent_id    uuid,
    -- A status the notifications read (a deal's or lead's status, a document's state), before and after; the
    -- stream never sends it.
    state        text,
    old_state    text,
    at           timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX change_events_order_idx ON change_events (xid, id);
CREATE INDEX change_events_tenant_idx ON change_events (tenant_id, xid, id);
CREATE INDEX change_events_at_idx ON change_events (at);

ALTER TABLE change_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON change_events
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- The newest position pruning removed: a reader asking to resume from before it must load everything again.
CREATE TABLE change_feed_pruned (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    xid       xid8 NOT NULL,
    id        bigint NOT NULL
);
INSERT INTO change_feed_pruned (xid, id) VALUES ('0'::xid8, 0);

-- The owner of a record of a kind (record_kinds), NULL when there is none (a purged record). It runs as the caller,
-- inside the tenant's row-level security.
CREATE FUNCTION change_feed_owner(p_type text, p_id uuid)
RETURNS uuid
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_table text;
    v_owner uuid;
BEGIN
    SELECT k.table_name INTO v_table FROM record_kinds AS k WHERE k.kind = p_type;
    IF v_table IS NULL OR p_id IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT owner_id FROM %I WHERE id = $1', v_table) INTO v_owner USING p_id;
    RETURN v_owner;
END
$$;

-- The trigger of every table in the feed, once per statement with its transition tables:
--   change_feed_capture(topic, owner column, columns whose change alone is no event, state column)
-- The owner column is a column of the row, 'parent' for the owner of the record the row belongs to (record_type,
-- record_id: notes, documents), or '' for rows that every user of the tenant may see (settings). The actor is the
-- signed-in user of the transaction (app.user_id, set with app.tenant_id), none for the system's own work.
CREATE FUNCTION change_feed_capture()
RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_topic   text := TG_ARGV[0];
    v_owner   text := TG_ARGV[1];
    v_ignored text[] := CASE WHEN TG_ARGV[2] = '' THEN '{}'::text[] ELSE string_to_array(TG_ARGV[2], ',') END;
    v_state   text := TG_ARGV[3];
    v_actor   uuid := NULLIF(current_setting('app.user_id', true), '')::uuid;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO change_events (tenant_id, topic, record_id, change, version, actor_id, owner_id, parent_type,
                parent_id, state)
            SELECT (r.j->>'tenant_id')::uuid, v_topic, (r.j->>'id')::uuid, 'created', (r.j->>'version')::bigint,
                v_actor, CASE v_owner WHEN '' THEN NULL WHEN 'parent' THEN change_feed_owner(r.j->>'record_type', (r.j->>'record_id')::uuid)
                    ELSE (r.j->>v_owner)::uuid END,
                CASE WHEN v_owner = 'parent' THEN r.j->>'record_type' END,
                CASE WHEN v_owner = 'parent' THEN (r.j->>'record_id')::uuid END,
                CASE WHEN v_state = '' THEN NULL ELSE r.j->>v_state END
            FROM (SELECT to_jsonb(n) AS j FROM new_rows AS n) AS r;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO change_events (tenant_id, topic, record_id, change, version, actor_id, owner_id, old_owner_id,
                parent_type, parent_id, state, old_state)
            SELECT (r.j->>'tenant_id')::uuid, v_topic, (r.j->>'id')::uuid,
                CASE WHEN r.j->>'deleted_at' IS NOT NULL AND r.k->>'deleted_at' IS NULL THEN 'deleted' ELSE 'updated' END,
                (r.j->>'version')::bigint, v_actor,
                CASE v_owner WHEN '' THEN NULL WHEN 'parent' THEN change_feed_owner(r.j->>'record_type', (r.j->>'record_id')::uuid)
                    ELSE (r.j->>v_owner)::uuid END,
                CASE WHEN v_owner IN ('', 'parent') OR r.j->>v_owner IS NOT DISTINCT FROM r.k->>v_owner THEN NULL
                    ELSE (r.k->>v_owner)::uuid END,
                CASE WHEN v_owner = 'parent' THEN r.j->>'record_type' END,
                CASE WHEN v_owner = 'parent' THEN (r.j->>'record_id')::uuid END,
                CASE WHEN v_state = '' THEN NULL ELSE r.j->>v_state END,
                CASE WHEN v_state = '' THEN NULL ELSE r.k->>v_state END
            FROM (SELECT to_jsonb(n) AS j, to_jsonb(o) AS k FROM new_rows AS n JOIN old_rows AS o USING (id)) AS r
            WHERE (r.j - v_ignored) IS DISTINCT FROM (r.k - v_ignored);
    ELSE
        INSERT INTO change_events (tenant_id, topic, record_id, change, version, actor_id, owner_id, parent_type,
                parent_id, state)
            SELECT (r.k->>'tenant_id')::uuid, v_topic, (r.k->>'id')::uuid, 'deleted', (r.k->>'version')::bigint,
                v_actor, CASE v_owner WHEN '' THEN NULL WHEN 'parent' THEN change_feed_owner(r.k->>'record_type', (r.k->>'record_id')::uuid)
                    ELSE (r.k->>v_owner)::uuid END,
                CASE WHEN v_owner = 'parent' THEN r.k->>'record_type' END,
                CASE WHEN v_owner = 'parent' THEN (r.k->>'record_id')::uuid END,
                CASE WHEN v_state = '' THEN NULL ELSE r.k->>v_state END
            FROM (SELECT to_jsonb(o) AS k FROM old_rows AS o) AS r;
    END IF;
    PERFORM pg_notify('change_events', '');
    RETURN NULL;
END
$$;

-- change_feed_attach puts the three statement triggers of change_feed_capture on a table (a trigger with
-- transition tables fires for one kind of statement).
CREATE FUNCTION change_feed_attach(p_table text, p_topic text, p_owner text, p_ignored text, p_state text)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER change_feed_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_feed_capture(%L, %L, %L, %L)', p_table, p_topic, p_owner, p_ignored, p_state);
    EXECUTE format('CREATE TRIGGER change_feed_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_feed_capture(%L, %L, %L, %L)', p_table, p_topic, p_owner, p_ignored, p_state);
    EXECUTE format('CREATE TRIGGER change_feed_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_feed_capture(%L, %L, %L, %L)', p_table, p_topic, p_owner, p_ignored, p_state);
END
$$;
REVOKE EXECUTE ON FUNCTION change_feed_attach(text, text, text, text, text) FROM PUBLIC;

SELECT change_feed_attach('persons', 'person', 'owner_id', '', '');
SELECT change_feed_attach('organizations', 'organization', 'owner_id', '', '');
SELECT change_feed_attach('deals', 'deal', 'owner_id', '', 'status');
SELECT change_feed_attach('leads', 'lead', 'owner_id', '', 'status');
SELECT change_feed_attach('activities', 'activity', 'assignee_id', '', '');
SELECT change_feed_attach('notes', 'note', 'parent', '', '');
-- An upload's lease is extended while bytes arrive: no event for that alone.
SELECT change_feed_attach('documents', 'document', 'parent', 'expires_at,updated_at', 'state');
SELECT change_feed_attach('pipelines', 'pipeline', '', '', '');
SELECT change_feed_attach('stages', 'pipeline', '', '', '');
SELECT change_feed_attach('lost_reasons', 'lost_reason', '', '', '');
SELECT change_feed_attach('activity_types', 'activity_type', '', '', '');
SELECT change_feed_attach('custom_fields', 'custom_field', '', '', '');
SELECT change_feed_attach('lead_field_mappings', 'lead_mapping', '', '', '');
-- A busy source counts its deliveries in its row: no event for the counting.
SELECT change_feed_attach('lead_sources', 'lead_source', '', 'rate_window,rate_count,last_delivery_at', '');
SELECT change_feed_attach('users', 'user', '', '', '');
SELECT change_feed_attach('units', 'unit', '', '', '');
SELECT change_feed_attach('roles', 'role', '', '', '');
SELECT change_feed_attach('saved_filters', 'saved_filter', 'owner_id', '', '');

-- The events after a position, of every tenant, for the instances' fan-out: only those of transactions older than
-- every running one, so that the order (xid, id) is final. At most 5000 at a time.
CREATE FUNCTION change_events_after(p_xid xid8, p_id bigint, p_limit integer)
RETURNS SETOF change_events
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_xid IS NULL OR p_id IS NULL OR p_limit IS NULL OR p_limit < 1 OR p_limit > 5000 THEN
        RAISE EXCEPTION 'change_events_after: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY SELECT * FROM change_events AS e
        WHERE (e.xid, e.id) > (p_xid, p_id) AND e.xid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY e.xid, e.id LIMIT p_limit;
END
$$;

-- The position the fan-out starts from: the newest event of a finished transaction.
CREATE FUNCTION change_events_head()
RETURNS TABLE (xid xid8, id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT e.xid, e.id FROM change_events AS e WHERE e.xid < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY e.xid DESC, e.id DESC LIMIT 1;
$$;

-- Housekeeping across tenants: events older than the retention go, and the newest removed position is kept, so
-- that a stream resuming from before it is told to load everything again.
CREATE FUNCTION change_events_prune(p_keep interval)
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_xid xid8;
    v_id  bigint;
    v_n   bigint;
BEGIN
    IF p_keep IS NULL OR p_keep < interval '1 minute' THEN
        RAISE EXCEPTION 'change_events_prune: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    WITH gone AS (DELETE FROM change_events WHERE at < now() - p_keep RETURNING xid, id),
        newest AS (SELECT g.xid, g.id FROM gone AS g ORDER BY g.xid DESC, g.id DESC LIMIT 1)
    SELECT newest.xid, newest.id, (SELECT count(*) FROM gone) INTO v_xid, v_id, v_n FROM newest;
    IF v_xid IS NOT NULL THEN
        UPDATE change_feed_pruned AS p SET xid = v_xid, id = v_id WHERE (v_xid, v_id) > (p.xid, p.id);
    END IF;
    RETURN coalesce(v_n, 0);
END
$$;

REVOKE EXECUTE ON FUNCTION change_events_after(xid8, bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION change_events_head() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION change_events_prune(interval) FROM PUBLIC;
