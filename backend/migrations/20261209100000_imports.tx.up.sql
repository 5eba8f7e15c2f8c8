-- Imports from XLSX and CSV (issue 15): a user uploads a file, which is stored in the document store (blob) and
-- described (an import row of status analysed); started, the import is queued and a worker of any backend
-- instance runs it in batches, each batch one transaction with the import's progress, so that an instance that
-- dies leaves a consistent import that another worker resumes after the batch last committed (its lease ran out).
-- What an import did is kept for its undo: the records it created (one row per batch), the records it updated
-- with their values before, and its failed rows with their reasons (for the failed-rows file).

CREATE TABLE imports (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    created_by   uuid NOT NULL,
    record_type  text NOT NULL REFERENCES record_kinds (kind),
    file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    format       text NOT NULL CHECK (format IN ('csv', 'xlsx')),
    size_bytes   bigint NOT NULL CHECK (size_bytes >= 0),
    -- The file in the document store; NULL once it was deleted (expires_at).
    storage_key  text,
    -- How the file is read (the last analysis): a CSV file's encoding and delimiter, an XLSX file's sheet, the
    -- header row (from 1), the header's cells and the number of data rows.
    encoding     text NOT NULL DEFAULT '',
    delimiter    text NOT NULL DEFAULT '',
    sheet        text NOT NULL DEFAULT '',
    header_row   integer NOT NULL DEFAULT 1 CHECK (header_row >= 1),
    headers      jsonb NOT NULL DEFAULT '[]',
    rows         integer NOT NULL DEFAULT 0,
    -- The api.ImportSettings it was started with.
    settings     jsonb,
    status       text NOT NULL CHECK (status IN ('analysed', 'queued', 'running', 'done', 'failed', 'undone')),
    rows_done    integer NOT NULL DEFAULT 0,
    created      integer NOT NULL DEFAULT 0,
    updated      integer NOT NULL DEFAULT 0,
    skipped      integer NOT NULL DEFAULT 0,
    failed       integer NOT NULL DEFAULT 0,
    error_code   text NOT NULL DEFAULT '',
    -- A running import's worker renews its lease after every batch; one whose lease ran out is resumed by the
    -- next worker that claims it (attempts counts the claims; after 5 it fails).
    lease_until  timestamptz,
    attempts     integer NOT NULL DEFAULT 0,
    started_at   timestamptz,
    finished_at  timestamptz,
    undone_at    timestamptz,
    -- The stored file is deleted then (an analysed import: a day after the upload; a finished one: 7 days after
    -- its end).
    expires_at   timestamptz NOT NULL,
    version      bigint NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT imports_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT imports_user_fkey FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX imports_user_idx ON imports (tenant_id, created_by, created_at DESC);
CREATE INDEX imports_tenant_idx ON imports (tenant_id, created_at DESC);
CREATE INDEX imports_due_idx ON imports (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX imports_expires_idx ON imports (expires_at) WHERE storage_key IS NOT NULL;

-- The records an import created, a batch's of one type in one row (an undo trashes them).
CREATE TABLE import_created (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    import_id   uuid NOT NULL,
    record_type text NOT NULL REFERENCES record_kinds (kind),
    ids         uuid[] NOT NULL,
    CONSTRAINT import_created_import_fkey FOREIGN KEY (tenant_id, import_id) REFERENCES imports (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX import_created_import_idx ON import_created (import_id);

-- The records an import updated: the values it changed as they were before (the kind's patch type) and the
-- version the import left (an undo reverts only records still at that version).
CREATE TABLE import_updated (
    tenant_id   uuid NOT NULL,
    import_id   uuid NOT NULL,
    record_type text NOT NULL REFERENCES record_kinds (kind),
    record_id   uuid NOT NULL,
    version     bigint NOT NULL,
    before      jsonb NOT NULL,
    PRIMARY KEY (import_id, record_type, record_id),
    CONSTRAINT import_updated_import_fkey FOREIGN KEY (tenant_id, import_id) REFERENCES imports (tenant_id, id) ON DELETE CASCADE
);

-- An import's failed rows: the row's cells as in the file and the reasons ({target: field code}).
CREATE TABLE import_failures (
    tenant_id uuid NOT NULL,
    import_id uuid NOT NULL,
    row_no    integer NOT NULL,
    cells     text[] NOT NULL,
    errors    jsonb NOT NULL,
    PRIMARY KEY (import_id, row_no),
    CONSTRAINT import_failures_import_fkey FOREIGN KEY (tenant_id, import_id) REFERENCES imports (tenant_id, id) ON DELETE CASCADE
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['imports', 'import_created', 'import_updated', 'import_failures'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;

-- Every change of an import (status, progress, counts) is an event of topic import for its importer (and
-- admins, see package feed); a lease renewal alone is none.
SELECT change_feed_attach('imports', 'import', 'created_by', 'lease_until,attempts,updated_at', '');

-- An organisation named in an import row is looked up by name, whatever the case.
CREATE INDEX organizations_lower_name_idx ON organizations (tenant_id, lower(name)) WHERE deleted_at IS NULL;

-- The GIN indexes that duplicate checks ask with many keys at once take their entries at once, not through a
-- pending list: every search reads the whole pending list, and an import's check of 1,000 e-mail addresses after
-- 100,000 inserted persons took seconds instead of milliseconds. Their entries are few per row (a person's e-mail
-- addresses, a record's custom values), so writing them at once costs an insert little.
ALTER INDEX persons_email_keys_idx SET (fastupdate = off);
ALTER INDEX persons_custom_idx SET (fastupdate = off);
ALTER INDEX organizations_custom_idx SET (fastupdate = off);
ALTER INDEX deals_custom_idx SET (fastupdate = off);
ALTER INDEX leads_custom_idx SET (fastupdate = off);
SELECT gin_clean_pending_list(i) FROM unnest(ARRAY['persons_email_keys_idx', 'persons_custom_idx', 'organizations_custom_idx',
    'deals_custom_idx', 'leads_custom_idx']::regclass[]) AS i;

-- The live records of the caller's tenant with one of p_values as a key: a person's or lead's e-mail address, an
-- organisation's name or e-mail address (lower case), or a custom field's canonical value (p_field the field's
-- ID). It runs as its owner because row-level security keeps the service's queries from the indexes these
-- lookups need (the operators of arrays, JSON containment and lower() are not leakproof: under the policy the
-- duplicate check of a person's create and an import's duplicate rule read every person of the tenant); it reads
-- only the caller's tenant (app.tenant_id) and answers IDs and keys, which the service then reads under the policy
-- and the caller's scope. At most 1000 values of at most 1000 characters.
CREATE FUNCTION records_by_key(p_kind text, p_field text, p_values text[])
RETURNS TABLE (id uuid, key text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
-- Many keys make the planner expect many rows and read the whole table; the indexes answer in milliseconds.
SET enable_seqscan = off AS $$
#variable_conflict use_column
DECLARE
    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
    v_table text;
BEGIN
    IF tenant IS NULL THEN
        RAISE EXCEPTION 'records_by_key: no tenant (app.tenant_id) is set' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_values IS NULL OR cardinality(p_values) > 1000 OR EXISTS (SELECT 1 FROM unnest(p_values) AS v WHERE v IS NULL OR length(v) > 1000) THEN
        RAISE EXCEPTION 'records_by_key: invalid values' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT k.table_name INTO v_table FROM record_kinds AS k WHERE k.kind = p_kind;
    IF v_table IS NULL THEN
        RAISE EXCEPTION 'records_by_key: % is no record kind', p_kind USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_kind = 'person' AND p_field = 'email' THEN
        RETURN QUERY SELECT x.id, k FROM persons AS x CROSS JOIN unnest(x.email_keys) AS k
            WHERE x.tenant_id = tenant AND x.email_keys && p_values AND x.deleted_at IS NULL AND k = ANY(p_values);
    ELSIF p_kind = 'organization' AND p_field = 'name' THEN
        RETURN QUERY SELECT x.id, lower(x.name) FROM organizations AS x
            WHERE x.tenant_id = tenant AND lower(x.name) = ANY(p_values) AND x.deleted_at IS NULL;
    ELSIF p_kind = 'lead' AND p_field = 'email' THEN
        RETURN QUERY SELECT x.id, lower(x.email) FROM leads AS x
            WHERE x.tenant_id = tenant AND lower(x.email) = ANY(p_values) AND x.email <> '' AND x.deleted_at IS NULL;
    ELSIF p_kind = 'organization' AND p_field = 'email' THEN
        RETURN QUERY SELECT x.id, lower(x.email) FROM organizations AS x
            WHERE x.tenant_id = tenant AND lower(x.email) = ANY(p_values) AND x.email <> '' AND x.deleted_at IS NULL;
    ELSIF p_field ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' AND EXISTS (
            SELECT 1 FROM custom_fields AS f WHERE f.tenant_id = tenant AND f.id = p_field::uuid AND f.record_type = p_kind) THEN
        RETURN QUERY EXECUTE format('SELECT x.id, x.custom ->> $1 FROM unnest($2) AS v,
                LATERAL (SELECT y.id, y.custom FROM %I AS y WHERE y.custom @> jsonb_build_object($1, v) AND y.tenant_id = $3
                    AND y.deleted_at IS NULL) AS x', v_table)
            USING p_field, p_values, tenant;
    ELSE
        RAISE EXCEPTION 'records_by_key: % is no key of %', p_field, p_kind USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

-- The workers serve every tenant: one claims the oldest import that is queued, or running with a lease that ran
-- out (its worker died), through this function (as the owner, outside row-level security), and then works on it
-- inside its tenant's transactions. An import claimed 5 times without finishing fails.
CREATE FUNCTION import_claim(p_lease_seconds double precision)
RETURNS TABLE (tenant_id uuid, id uuid, attempts integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    IF p_lease_seconds IS NULL OR p_lease_seconds < 1 OR p_lease_seconds > 3600 THEN
        RAISE EXCEPTION 'import_claim: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE imports AS i SET status = 'failed', error_code = 'internal', finished_at = now(), lease_until = NULL,
            version = i.version + 1, updated_at = now()
        WHERE i.status = 'running' AND i.lease_until < clock_timestamp() AND i.attempts >= 5;
    RETURN QUERY
    WITH due AS (
        SELECT d.id FROM imports AS d
        WHERE d.status = 'queued' OR (d.status = 'running' AND d.lease_until < clock_timestamp())
        ORDER BY d.created_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED
    )
    UPDATE imports AS i SET status = 'running', lease_until = clock_timestamp() + make_interval(secs => p_lease_seconds),
            attempts = i.attempts + 1, started_at = coalesce(i.started_at, now())
        FROM due WHERE i.id = due.id
        RETURNING i.tenant_id, i.id, i.attempts;
END
$$;

-- Housekeeping across tenants: the stored files whose time is up (the caller deletes the bytes, then clears
-- storage_key in the import's tenant), at most p_limit.
CREATE FUNCTION import_files_expired(p_limit integer)
RETURNS TABLE (tenant_id uuid, id uuid, storage_key text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    IF p_limit IS NULL OR p_limit < 1 OR p_limit > 1000 THEN
        RAISE EXCEPTION 'import_files_expired: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY SELECT i.tenant_id, i.id, i.storage_key FROM imports AS i
        WHERE i.storage_key IS NOT NULL AND i.expires_at < now() AND i.status NOT IN ('queued', 'running')
        ORDER BY i.expires_at LIMIT p_limit;
END
$$;

-- Housekeeping across tenants: what an import did is kept as long as its records can come back from the trash
-- (30 days after it ended, as maintenance_purge's trash); then its undo log and failed rows go (it cannot be
-- undone any more), and imports analysed but never started go with their row. The import's row stays (who
-- imported what, when).
CREATE FUNCTION imports_prune()
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_n bigint := 0;
    v_m bigint;
BEGIN
    WITH old AS (SELECT i.id FROM imports AS i WHERE i.finished_at < now() - interval '30 days'),
        c AS (DELETE FROM import_created WHERE import_id IN (SELECT old.id FROM old) RETURNING 1),
        u AS (DELETE FROM import_updated WHERE import_id IN (SELECT old.id FROM old) RETURNING 1),
        f AS (DELETE FROM import_failures WHERE import_id IN (SELECT old.id FROM old) RETURNING 1)
    SELECT (SELECT count(*) FROM c) + (SELECT count(*) FROM u) + (SELECT count(*) FROM f) INTO v_n;
    DELETE FROM imports WHERE status = 'analysed' AND created_at < now() - interval '30 days' AND storage_key IS NULL;
    GET DIAGNOSTICS v_m = ROW_COUNT;
    RETURN v_n + v_m;
END
$$;
REVOKE EXECUTE ON FUNCTION import_claim(double precision), import_files_expired(integer), imports_prune(),
    records_by_key(text, text, text[]) FROM PUBLIC;
