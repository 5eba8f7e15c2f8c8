-- Lead intake (issue 13): lead sources deliver leads by themselves through POST /api/v1/intake/{sourceId}/leads,
-- authenticated by an API key of the source. New leads are assigned by the source's rules and checked for
-- duplicates among the tenant's leads, persons and organisations.

CREATE TABLE lead_sources (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    active            boolean NOT NULL DEFAULT true,
    pipeline_id       uuid NOT NULL,
    -- A stage of the pipeline (checked by the service; a removed stage falls back to the pipeline's first).
    stage_id          uuid NOT NULL,
    fallback_owner_id uuid NOT NULL,
    -- [{"from": "PLZ", "to": "postalCode"}, ...] and [{"postalFrom": "20", "postalTo": "29", "unitId": ...}, ...].
    mapping           jsonb NOT NULL DEFAULT '[]',
    rules             jsonb NOT NULL DEFAULT '[]',
    -- The HMAC key of signed deliveries (NULL: unsigned). It is kept readable, as a signature can only be checked
    -- with it; the service shows it once, when it is made, and reads it back only through intake_authenticate.
    signing_secret    text,
    rate_limit        integer NOT NULL DEFAULT 120 CHECK (rate_limit BETWEEN 1 AND 10000),
    -- The fixed one-minute window of the rate limit and the deliveries counted in it.
    rate_window       timestamptz,
    rate_count        integer NOT NULL DEFAULT 0,
    last_delivery_at  timestamptz,
    version           bigint NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT lead_sources_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT lead_sources_pipeline_fkey FOREIGN KEY (tenant_id, pipeline_id) REFERENCES pipelines (tenant_id, id),
    CONSTRAINT lead_sources_owner_fkey FOREIGN KEY (tenant_id, fallback_owner_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX lead_sources_name_idx ON lead_sources (tenant_id, lower(name));

CREATE TABLE lead_source_keys (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    source_id    uuid NOT NULL,
    -- The key's first characters (to tell keys apart) and the SHA-256 of the whole key; the key itself is shown
    -- once and never stored.
    prefix       text NOT NULL,
    key_hash     bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    created_by   uuid,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT lead_source_keys_source_fkey FOREIGN KEY (tenant_id, source_id) REFERENCES lead_sources (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX lead_source_keys_source_idx ON lead_source_keys (tenant_id, source_id, created_at DESC);

-- The last deliveries of a source, with counts and the field codes of rejected leads (never values).
CREATE TABLE lead_deliveries (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    source_id   uuid NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    status      integer NOT NULL,
    code        text NOT NULL DEFAULT '',
    items       integer NOT NULL DEFAULT 0,
    created     integer NOT NULL DEFAULT 0,
    updated     integer NOT NULL DEFAULT 0,
    unchanged   integer NOT NULL DEFAULT 0,
    rejected    integer NOT NULL DEFAULT 0,
    duration_ms integer NOT NULL DEFAULT 0,
    rejections  jsonb NOT NULL DEFAULT '[]',
    CONSTRAINT lead_deliveries_source_fkey FOREIGN KEY (tenant_id, source_id) REFERENCES lead_sources (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX lead_deliveries_source_idx ON lead_deliveries (tenant_id, source_id, id DESC);

-- Whose turn it is in a unit's round robin: a counter taken under the row's lock, so concurrent deliveries take
-- consecutive turns.
CREATE TABLE unit_rotations (
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    unit_id   uuid NOT NULL,
    turn      bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, unit_id),
    CONSTRAINT unit_rotations_unit_fkey FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE leads
    ADD COLUMN source_id   uuid,
    ADD COLUMN external_id text CHECK (length(external_id) BETWEEN 1 AND 200),
    -- The fields the source delivered that no lead field takes: [{"name": ..., "value": ...}] in delivered order.
    ADD COLUMN details     jsonb NOT NULL DEFAULT '[]',
    ADD CONSTRAINT leads_source_fkey FOREIGN KEY (tenant_id, source_id) REFERENCES lead_sources (tenant_id, id) ON DELETE SET NULL (source_id);
-- A supplier's ID is one lead per source, trashed or not: a repeated delivery updates it.
CREATE UNIQUE INDEX leads_external_idx ON leads (tenant_id, source_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX leads_source_idx ON leads (tenant_id, source_id, created_at) WHERE deleted_at IS NULL AND source_id IS NOT NULL;

-- Who wrote a history entry when it was no user: the lead source's name at the time.
ALTER TABLE history ADD COLUMN actor_name text;

-- Duplicate keys: the same e-mail address (ignoring case), phone number (digits, +49 and 0049 as 0) or company
-- name (case, umlaut spelling, punctuation and legal form ignored) with the same postal code.
-- PL/pgSQL rather than SQL: a SQL function of more than one expression is not inlined, and running it as a query
-- on every call costs a hundred times more (the indexes call them for every row, the lookups for every key).
CREATE FUNCTION dedupe_phone(p text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
    s text := ltrim(p);
    n text := regexp_replace(p, '[^0-9]', '', 'g');
    d text;
BEGIN
    d := CASE WHEN s LIKE '+49%' THEN '0' || substr(n, 3)
              WHEN s LIKE '0049%' THEN '0' || substr(n, 5)
              WHEN s LIKE '+%' THEN '00' || n
              ELSE n END;
    RETURN CASE WHEN length(d) >= 6 THEN d END;
END
$$;

CREATE FUNCTION dedupe_company(p text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
    c text := replace(replace(replace(replace(lower(p), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss');
BEGIN
    c := regexp_replace(c, '\m(gmbh|mbh|ag|kg|ohg|ug|gbr|e\.?\s?k|e\.?\s?v|se|co|ltd|inc|haftungsbeschraenkt)\M', '', 'g');
    c := regexp_replace(c, '[^a-z0-9]', '', 'g');
    RETURN CASE WHEN length(c) >= 2 THEN c END;
END
$$;

CREATE FUNCTION dedupe_phones(p jsonb)
RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
    out text[] := '{}';
    k   text;
    e   jsonb;
BEGIN
    IF jsonb_typeof(p) <> 'array' THEN
        RETURN out;
    END IF;
    FOR e IN SELECT jsonb_array_elements(p) LOOP
        k := dedupe_phone(e ->> 'value');
        IF k IS NOT NULL AND NOT k = ANY(out) THEN
            out := out || k;
        END IF;
    END LOOP;
    RETURN out;
END
$$;

CREATE INDEX leads_dedupe_email_idx ON leads (tenant_id, lower(email)) WHERE deleted_at IS NULL AND email <> '';
CREATE INDEX leads_dedupe_phone_idx ON leads (tenant_id, dedupe_phone(phone)) WHERE deleted_at IS NULL AND phone <> '';
CREATE INDEX leads_dedupe_company_idx ON leads (tenant_id, dedupe_company(company), postal_code) WHERE deleted_at IS NULL AND company <> '';
CREATE INDEX persons_dedupe_phone_idx ON persons USING gin (dedupe_phones(phones)) WHERE deleted_at IS NULL;
CREATE INDEX organizations_dedupe_email_idx ON organizations (tenant_id, lower(email)) WHERE deleted_at IS NULL AND email <> '';
CREATE INDEX organizations_dedupe_phone_idx ON organizations (tenant_id, dedupe_phone(phone)) WHERE deleted_at IS NULL AND phone <> '';
CREATE INDEX organizations_dedupe_company_idx ON organizations (tenant_id, dedupe_company(name), postal_code) WHERE deleted_at IS NULL;

-- A lead's possible duplicates: records with a duplicate key in common, found when it was created (by hand or by
-- a delivery) or updated by a delivery. Who sees which match is decided when it is read.
CREATE TABLE lead_duplicates (
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    lead_id     uuid NOT NULL,
    record_type text NOT NULL REFERENCES record_kinds (kind),
    record_id   uuid NOT NULL,
    reason      text NOT NULL CHECK (reason IN ('email', 'phone', 'company')),
    PRIMARY KEY (lead_id, record_type, record_id, reason),
    CONSTRAINT lead_duplicates_lead_fkey FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX lead_duplicates_tenant_idx ON lead_duplicates (tenant_id, lead_id);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['lead_sources', 'lead_source_keys', 'lead_deliveries', 'unit_rotations', 'lead_duplicates'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;

-- The possible duplicates of leads of the caller's tenant: its live leads, persons and organisations with one of
-- their keys. It runs as its owner because row-level security keeps the service's queries from these indexes
-- (their functions are not leakproof), as search_candidates does for the trigram index; it reads only the
-- caller's tenant (app.tenant_id) and at most 1000 leads at a time.
CREATE FUNCTION lead_duplicate_matches(p_leads uuid[])
RETURNS TABLE (lead_id uuid, record_type text, record_id uuid, reason text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
BEGIN
    IF tenant IS NULL THEN
        RAISE EXCEPTION 'lead_duplicate_matches: no tenant (app.tenant_id) is set' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_leads IS NULL OR cardinality(p_leads) > 1000 THEN
        RAISE EXCEPTION 'lead_duplicate_matches: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    WITH k AS (
        SELECT l.id, nullif(lower(l.email), '') AS email, dedupe_phone(nullif(l.phone, '')) AS phone,
            dedupe_company(nullif(l.company, '')) AS company, l.postal_code
        FROM leads AS l WHERE l.tenant_id = tenant AND l.id = ANY(p_leads)),
    keys AS (
        SELECT coalesce(array_agg(DISTINCT k.email) FILTER (WHERE k.email IS NOT NULL), '{}') AS emails,
            coalesce(array_agg(DISTINCT k.phone) FILTER (WHERE k.phone IS NOT NULL), '{}') AS phones,
            coalesce(array_agg(DISTINCT k.company) FILTER (WHERE k.company IS NOT NULL), '{}') AS companies
        FROM k),
    -- Each branch finds the records with a key among the delivered ones through an index, computes their key once
    -- and joins it with the leads'.
    found AS (
        SELECT 'lead'::text AS rt, x.id AS rid, 'email'::text AS why, lower(x.email) AS key, '' AS postal_code
            FROM keys, leads AS x
            WHERE x.tenant_id = tenant AND lower(x.email) = ANY(keys.emails) AND x.email <> '' AND x.deleted_at IS NULL
        UNION ALL SELECT 'lead', x.id, 'phone', dedupe_phone(x.phone), '' FROM keys, leads AS x
            WHERE x.tenant_id = tenant AND dedupe_phone(x.phone) = ANY(keys.phones) AND x.phone <> '' AND x.deleted_at IS NULL
        UNION ALL SELECT 'lead', x.id, 'company', dedupe_company(x.company), x.postal_code FROM keys, leads AS x
            WHERE x.tenant_id = tenant AND dedupe_company(x.company) = ANY(keys.companies) AND x.company <> '' AND x.deleted_at IS NULL
        UNION ALL SELECT 'person', x.id, 'email', unnest(x.email_keys), '' FROM keys, persons AS x
            WHERE x.email_keys && keys.emails AND x.tenant_id = tenant AND x.deleted_at IS NULL
        UNION ALL SELECT 'person', x.id, 'phone', unnest(dedupe_phones(x.phones)), '' FROM keys, persons AS x
            WHERE dedupe_phones(x.phones) && keys.phones AND x.tenant_id = tenant AND x.deleted_at IS NULL
        UNION ALL SELECT 'organization', x.id, 'email', lower(x.email), '' FROM keys, organizations AS x
            WHERE x.tenant_id = tenant AND lower(x.email) = ANY(keys.emails) AND x.email <> '' AND x.deleted_at IS NULL
        UNION ALL SELECT 'organization', x.id, 'phone', dedupe_phone(x.phone), '' FROM keys, organizations AS x
            WHERE x.tenant_id = tenant AND dedupe_phone(x.phone) = ANY(keys.phones) AND x.phone <> '' AND x.deleted_at IS NULL
        UNION ALL SELECT 'organization', x.id, 'company', dedupe_company(x.name), x.postal_code FROM keys, organizations AS x
            WHERE x.tenant_id = tenant AND dedupe_company(x.name) = ANY(keys.companies) AND x.deleted_at IS NULL),
    m AS (
        SELECT k.id, f.rt, f.rid, f.why FROM found AS f JOIN k ON f.why = 'email' AND k.email = f.key
        UNION ALL SELECT k.id, f.rt, f.rid, f.why FROM found AS f JOIN k ON f.why = 'phone' AND k.phone = f.key
        UNION ALL SELECT k.id, f.rt, f.rid, f.why FROM found AS f
            JOIN k ON f.why = 'company' AND k.company = f.key AND k.postal_code = f.postal_code)
    SELECT DISTINCT m.id, m.rt, m.rid, m.why FROM m WHERE NOT (m.rt = 'lead' AND m.rid = m.id);
END
$$;

-- A delivery names its source and sends a key; neither tells the tenant, so the key is checked here, outside
-- row-level security. It answers nothing for an unknown source, a wrong or revoked key or a key of another
-- source. For a key that fits it notes the key's use, counts the delivery in the source's one-minute window and
-- answers the tenant, whether the source is active, its signing secret and, when the window is full, how many
-- seconds to wait.
CREATE FUNCTION intake_authenticate(p_source uuid, p_key_hash bytea)
RETURNS TABLE (tenant_id uuid, active boolean, signing_secret text, retry_after integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_key    uuid;
    v_now    timestamptz := clock_timestamp();
    v_window timestamptz := date_trunc('minute', clock_timestamp());
    v_count  integer;
    v_limit  integer;
BEGIN
    IF p_source IS NULL OR p_key_hash IS NULL OR length(p_key_hash) <> 32 THEN
        RAISE EXCEPTION 'intake_authenticate: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT k.id, s.tenant_id, s.active, s.signing_secret, s.rate_limit
        INTO v_key, tenant_id, active, signing_secret, v_limit
        FROM lead_source_keys AS k JOIN lead_sources AS s ON s.id = k.source_id AND s.tenant_id = k.tenant_id
        WHERE k.key_hash = p_key_hash AND k.source_id = p_source AND k.revoked_at IS NULL;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    -- A busy source would write the key's row on every delivery; a minute's precision is enough to show.
    UPDATE lead_source_keys AS k SET last_used_at = v_now
        WHERE k.id = v_key AND (k.last_used_at IS NULL OR k.last_used_at < v_now - interval '1 minute');
    UPDATE lead_sources AS s
        SET rate_count = CASE WHEN s.rate_window = v_window THEN s.rate_count + 1 ELSE 1 END, rate_window = v_window
        WHERE s.id = p_source
        RETURNING s.rate_count INTO v_count;
    retry_after := 0;
    IF v_count > v_limit THEN
        retry_after := greatest(1, ceil(extract(epoch FROM v_window + interval '1 minute' - v_now))::integer);
    END IF;
    RETURN NEXT;
END
$$;

-- The old deliveries of every tenant go with housekeeping: a source keeps its last 50.
CREATE FUNCTION lead_deliveries_prune()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    DELETE FROM lead_deliveries AS d USING (
        SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY source_id ORDER BY id DESC) AS n
            FROM lead_deliveries) AS r WHERE r.n > 50) AS old
    WHERE d.id = old.id;
$$;

REVOKE EXECUTE ON FUNCTION intake_authenticate(uuid, bytea) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION lead_deliveries_prune() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION lead_duplicate_matches(uuid[]) FROM PUBLIC;
