-- The change feed (issue 14): every write to records, activities, notes, documents, pipelines and settings appends a
-- small event to change_events in the transaction of the write (an outbox: a rolled-back change leaves no event, a
-- committed one always has one). The instance that committed wakes the others with NOTIFY change_events after the
-- commit (package feed; not from here: a notifying transaction takes a cluster-wide lock while it commits); the
-- table is the truth, so an instance that missed a wake-up (it restarted, the connection dropped) reads what it
-- missed.

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
--
-- The statements name the table's columns (built from the catalog per statement), as a row's whole-row JSON
-- would cost several times the write itself on a bulk insert. A table without an id column (the lead mapping)
-- has one event per tenant and statement. It runs as its owner: the service's role may add events but not change
-- them, and the trigger merges the events of a record changed twice within one transaction into one.
CREATE FUNCTION change_feed_capture()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_topic   text := TG_ARGV[0];
    v_owner   text := TG_ARGV[1];
    v_ignored text[] := CASE WHEN TG_ARGV[2] = '' THEN '{}'::text[] ELSE string_to_array(TG_ARGV[2], ',') END;
    v_state   text := TG_ARGV[3];
    v_actor   uuid := NULLIF(current_setting('app.user_id', true), '')::uuid;
    v_cols    text[];
    v_rows    text := CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END;
    v_id      text;
    v_version text;
    v_ownerx  text;
    v_oldownx text;
    v_statex  text;
    v_parentt text;
    v_parenti text;
    v_deleted text;
    v_same    text;
BEGIN
    SELECT array_agg(a.attname::text) INTO v_cols FROM pg_attribute AS a
        WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped;
    v_id := CASE WHEN 'id' = ANY(v_cols) THEN 'n.id' ELSE 'NULL::uuid' END;
    v_version := CASE WHEN 'version' = ANY(v_cols) THEN 'n.version' ELSE 'NULL::bigint' END;
    v_ownerx := CASE v_owner WHEN '' THEN 'NULL::uuid' WHEN 'parent' THEN 'change_feed_owner(n.record_type, n.record_id)'
        ELSE format('n.%I', v_owner) END;
    v_statex := CASE WHEN v_state = '' THEN 'NULL::text' ELSE format('n.%I::text', v_state) END;
    v_parentt := CASE WHEN v_owner = 'parent' THEN 'n.record_type' ELSE 'NULL::text' END;
    v_parenti := CASE WHEN v_owner = 'parent' THEN 'n.record_id' ELSE 'NULL::uuid' END;

    IF v_id = 'NULL::uuid' THEN
        EXECUTE format('INSERT INTO change_events (tenant_id, topic, change, actor_id)
            SELECT DISTINCT n.tenant_id, $1, %L, $2 FROM %I AS n',
            CASE TG_OP WHEN 'INSERT' THEN 'created' WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END, v_rows)
            USING v_topic, v_actor;
    ELSIF TG_OP IN ('INSERT', 'DELETE') THEN
        EXECUTE format('INSERT INTO change_events (tenant_id, topic, record_id, change, version, actor_id, owner_id,
                parent_type, parent_id, state)
            SELECT n.tenant_id, $1, %s, %L, %s, $2, %s, %s, %s, %s FROM %I AS n',
            v_id, CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'deleted' END, v_version, v_ownerx, v_parentt,
            v_parenti, v_statex, v_rows)
            USING v_topic, v_actor;
    ELSE
        v_oldownx := CASE WHEN v_owner IN ('', 'parent') THEN 'NULL::uuid'
            ELSE format('CASE WHEN n.%1$I IS DISTINCT FROM o.%1$I THEN o.%1$I END', v_owner) END;
        v_deleted := CASE WHEN 'deleted_at' = ANY(v_cols)
            THEN '(n.deleted_at IS NOT NULL AND o.deleted_at IS NULL)' ELSE 'false' END;
        SELECT string_agg(format('n.%1$I IS NOT DISTINCT FROM o.%1$I', c), ' AND ') INTO v_same
            FROM unnest(v_cols) AS c WHERE c <> ALL(v_ignored);
        -- A record changed more than once in a transaction (created, then completed by a second statement) has one
        -- event: the first, brought up to date.
        EXECUTE format('WITH changed AS (
                SELECT n.*, %1$s AS f_old_owner, %2$s AS f_deleted, %3$s AS f_old_state
                FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE NOT (%4$s)),
            merged AS (
                UPDATE change_events AS e SET
                    change = CASE WHEN e.change = ''created'' THEN ''created'' WHEN n.f_deleted THEN ''deleted'' ELSE e.change END,
                    version = %5$s, owner_id = %6$s, state = %7$s,
                    old_owner_id = CASE WHEN e.change = ''created'' THEN NULL ELSE coalesce(e.old_owner_id, n.f_old_owner) END
                FROM changed AS n
                WHERE e.xid = pg_current_xact_id() AND e.topic = $1 AND e.record_id = n.id
                RETURNING e.record_id)
            INSERT INTO change_events (tenant_id, topic, record_id, change, version, actor_id, owner_id, old_owner_id,
                    parent_type, parent_id, state, old_state)
                SELECT n.tenant_id, $1, n.id, CASE WHEN n.f_deleted THEN ''deleted'' ELSE ''updated'' END, %5$s, $2, %6$s,
                    n.f_old_owner, %8$s, %9$s, %7$s, n.f_old_state
                FROM changed AS n WHERE n.id NOT IN (SELECT m.record_id FROM merged AS m)',
            v_oldownx, v_deleted, CASE WHEN v_state = '' THEN 'NULL::text' ELSE format('o.%I::text', v_state) END,
            coalesce(v_same, 'true'), v_version, v_ownerx, v_statex, v_parentt, v_parenti)
            USING v_topic, v_actor;
    END IF;
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
REVOKE EXECUTE ON FUNCTION change_feed_capture() FROM PUBLIC;

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

-- The committed events after a position, of every tenant, for the instances' fan-out, in (xid, id) order, at most
-- 5000. final says that the event's transaction is older than every running one: no event before it can commit
-- any more, so the fan-out may resume after it. The others are committed too and are handed out at once; only the
-- position the streams resume from waits for them to become final.
CREATE FUNCTION change_events_after(p_xid xid8, p_id bigint, p_limit integer)
RETURNS TABLE (xid xid8, id bigint, tenant_id uuid, topic text, record_id uuid, change text, version bigint,
    actor_id uuid, owner_id uuid, old_owner_id uuid, parent_type text, parent_id uuid, state text, old_state text,
    at timestamptz, final boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    IF p_xid IS NULL OR p_id IS NULL OR p_limit IS NULL OR p_limit < 1 OR p_limit > 5000 THEN
        RAISE EXCEPTION 'change_events_after: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY SELECT e.xid, e.id, e.tenant_id, e.topic, e.record_id, e.change, e.version, e.actor_id, e.owner_id,
            e.old_owner_id, e.parent_type, e.parent_id, e.state, e.old_state, e.at,
            e.xid < pg_snapshot_xmin(pg_current_snapshot())
        FROM change_events AS e
        WHERE (e.xid, e.id) > (p_xid, p_id)
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
