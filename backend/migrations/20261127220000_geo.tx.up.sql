-- Positions of persons, organisations and leads, found by the backend's geocoder (issue 7): a queue of addresses to
-- geocode shared by every backend instance, a cache of results per normalised address, the state of the
-- cross-instance rate limit of the online geocoder, and what the nearby search and the maps need.
--
-- Distances use PostgreSQL's contrib modules cube and earthdistance (positions as points on a sphere, a GiST index
-- answering "within a box", earth_distance for the exact great-circle distance). cube is a trusted extension the
-- owner may create, earthdistance is not: a superuser has to create it in the database once (scripts/pg.sh and
-- the test tooling do; in production: CREATE EXTENSION earthdistance CASCADE, as for any extension a managed
-- PostgreSQL offers). Without it this migration stops with that hint.
CREATE EXTENSION IF NOT EXISTS cube;
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS earthdistance;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'the extension earthdistance is missing in database %: it is not a trusted extension, so a superuser must run CREATE EXTENSION earthdistance CASCADE in this database once, then migrate again', current_database();
END
$$;
-- Multi-column GiST indexes (tenant, position) need the B-tree operators for uuid in GiST.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- 1. The position on each record with an address. geo_key is the normalised address the position is (to be) made
--    from: set by the service in the transaction that creates or changes the address (an unchanged key is not
--    geocoded again), NULL for rows written before this migration or by hand (the worker takes those up). The
--    position columns are NULL while the address waits; precision 'not_found' (without coordinates) when it could
--    not be placed. geo_earth is ll_to_earth(geo_lat, geo_lng), stored rather than indexed as an expression:
--    earthdistance's SQL functions resolve their helpers through the search path, which pg_restore empties, so an
--    expression index on ll_to_earth does not survive a dump and restore; a stored column does.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['persons', 'organizations', 'leads'] LOOP
        EXECUTE format($s$ALTER TABLE %1$I
            ADD COLUMN geo_key       text,
            ADD COLUMN geo_lat       double precision,
            ADD COLUMN geo_lng       double precision,
            ADD COLUMN geo_earth     earth,
            ADD COLUMN geo_precision text,
            ADD COLUMN geo_source    text,
            ADD COLUMN geo_at        timestamptz,
            ADD CONSTRAINT %1$s_geo_check CHECK (
                (geo_precision IS NULL OR geo_precision IN ('address', 'street', 'postal_code', 'city', 'not_found'))
                AND (geo_source IS NULL OR geo_source IN ('nominatim', 'gazetteer'))
                AND (geo_lat IS NULL) = (geo_lng IS NULL) AND (geo_lat IS NULL) = (geo_earth IS NULL)
                AND (geo_lat IS NULL OR (geo_lat BETWEEN -90 AND 90 AND geo_lng BETWEEN -180 AND 180
                    AND geo_precision IN ('address', 'street', 'postal_code', 'city')))
                AND (geo_precision IS NULL) = (geo_source IS NULL) AND (geo_precision IS NULL) = (geo_at IS NULL))$s$, t);
        -- Nearby search and maps (geocode_nearby): a tenant's records nearest first, and an owner's (for the scope
        -- of a field rep: the predicate on owner_id keeps queries without an owner off this one). Both answer from
        -- the index alone (index-only scans: cube stores its values as they are, the rest is included).
        EXECUTE format('CREATE INDEX %1$s_geo_idx ON %1$I USING gist (tenant_id, geo_earth) INCLUDE (id, owner_id)
            WHERE deleted_at IS NULL AND geo_earth IS NOT NULL', t);
        EXECUTE format('CREATE INDEX %1$s_geo_owner_idx ON %1$I USING gist (owner_id, geo_earth) INCLUDE (id, tenant_id)
            WHERE deleted_at IS NULL AND geo_earth IS NOT NULL AND owner_id IS NOT NULL', t);
        -- The worker's backfill: records whose address was never looked at.
        EXECUTE format('CREATE INDEX %1$s_geo_untracked_idx ON %1$I (id) WHERE geo_key IS NULL', t);
    END LOOP;
END
$$;

-- 2. The queue: one job per record whose address changed. Every backend instance runs a worker; they share the
--    queue through geocode_claim (FOR UPDATE SKIP LOCKED), which leases a job by moving next_attempt_at ahead, so
--    a job whose worker died comes back when its lease ends. A job is finished by the worker only while its
--    address_key is still the record's (a newer change replaces the job's key and starts it anew).
CREATE TABLE geocode_jobs (
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    record_type     text NOT NULL CHECK (record_type IN ('person', 'organization', 'lead')),
    record_id       uuid NOT NULL,
    address_key     text NOT NULL CHECK (address_key <> ''),
    street          text NOT NULL DEFAULT '',
    postal_code     text NOT NULL DEFAULT '',
    city            text NOT NULL DEFAULT '',
    country         text NOT NULL DEFAULT '',
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (record_type, record_id)
);
CREATE INDEX geocode_jobs_due_idx ON geocode_jobs (next_attempt_at);
ALTER TABLE geocode_jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON geocode_jobs
    USING (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid));

-- The worker serves every tenant: it claims due jobs through this function (as the owner, outside row-level
-- security) and then works on each inside its tenant's transaction, under the policies like any request.
CREATE FUNCTION geocode_claim(p_limit integer, p_lease_seconds double precision)
RETURNS TABLE (tenant_id uuid, record_type text, record_id uuid, address_key text, street text, postal_code text,
               city text, country text, attempts integer)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    WITH due AS (
        SELECT j.record_type, j.record_id FROM geocode_jobs AS j
        WHERE j.next_attempt_at <= clock_timestamp()
        ORDER BY j.next_attempt_at
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED
    )
    UPDATE geocode_jobs AS j
    SET next_attempt_at = clock_timestamp() + make_interval(secs => p_lease_seconds), attempts = j.attempts + 1
    FROM due WHERE j.record_type = due.record_type AND j.record_id = due.record_id
    RETURNING j.tenant_id, j.record_type, j.record_id, j.address_key, j.street, j.postal_code, j.city, j.country, j.attempts
$$;

-- Records whose address was never looked at (geo_key IS NULL: written before this migration or by hand, e.g. the
-- bench's generator), across tenants, for the worker to track like a change.
CREATE FUNCTION geocode_untracked(p_limit integer)
RETURNS TABLE (tenant_id uuid, record_type text, record_id uuid, street text, postal_code text, city text, country text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    (SELECT r.tenant_id, 'person', r.id, r.street, r.postal_code, r.city, r.country FROM persons AS r
        WHERE r.geo_key IS NULL LIMIT p_limit)
    UNION ALL
    (SELECT r.tenant_id, 'organization', r.id, r.street, r.postal_code, r.city, r.country FROM organizations AS r
        WHERE r.geo_key IS NULL LIMIT p_limit)
    UNION ALL
    (SELECT r.tenant_id, 'lead', r.id, r.street, r.postal_code, r.city, r.country FROM leads AS r
        WHERE r.geo_key IS NULL LIMIT p_limit)
$$;
REVOKE EXECUTE ON FUNCTION geocode_claim(integer, double precision), geocode_untracked(integer) FROM PUBLIC;

-- 3. The cache: one result per normalised address, shared by all tenants. It holds only a hash of the address
--    (SHA-256 of the normalised text) and the coordinates any geocoder gives anyone for it: no tenant, record or
--    name, and not the address itself, so no row can be tied to a tenant's data. Sharing it spends the online
--    geocoder's one request per second on addresses nobody asked for before. (What a tenant could learn is only,
--    from the timing of POST /api/v1/geocode, that someone geocoded an address before.) fallback marks results of
--    the offline gazetteer taken because the online geocoder failed: kept briefly, and not taken by the worker,
--    which asks the online geocoder again.
CREATE TABLE geocode_cache (
    key_hash   bytea PRIMARY KEY,
    lat        double precision,
    lng        double precision,
    precision  text NOT NULL CHECK (precision IN ('address', 'street', 'postal_code', 'city', 'not_found')),
    source     text NOT NULL CHECK (source IN ('nominatim', 'gazetteer')),
    label      text NOT NULL DEFAULT '',
    fallback   boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    CHECK ((lat IS NULL) = (precision = 'not_found') AND (lat IS NULL) = (lng IS NULL))
);
CREATE INDEX geocode_cache_expires_idx ON geocode_cache (expires_at);

-- 4. The rate limit of an online geocoder across every backend instance: a request is sent only by the holder of
--    the provider's row lock (SELECT … FOR UPDATE), not before next_allowed_at, which the holder moves to one
--    interval after its answer before it commits. Not tenant data.
CREATE TABLE geocode_rate (
    provider        text PRIMARY KEY,
    next_allowed_at timestamptz NOT NULL DEFAULT '-infinity'
);

-- 5. Nearby search. Under row-level security the planner uses an index only for leakproof operators, and cube's
--    @> and <-> are not, so the service's own queries would read every row of the tenant. geocode_nearby looks the
--    records within p_radius_m of a point up as the owner, through the GiST indexes, in the caller's tenant only
--    (app.tenant_id, as the policies), and returns their IDs and distances in metres (nearest first for each owner it
--    looks up: callers sort); the caller's
--    query still applies the policies, the actor's scope and its other conditions to them. Optional:
--    p_owners: only records of these owners (the caller passes the owners its scope admits, as a hint that lets a
--    field rep's search read only their own records; NULL: any owner);
--    p_limit: stop after that many records (and those as far as the last), read nearest first from the index
--    (KNN order), so a first page in a dense area costs what it returns; NULL: all within the radius;
--    p_after_m, p_after_id: only records after this (distance, id), for the next page.
--    A deal lies where its organisation lies, or where its person lies when the organisation has no position.
CREATE FUNCTION geocode_nearby(p_table text, p_lat double precision, p_lng double precision, p_radius_m double precision,
    p_owners uuid[] DEFAULT NULL, p_limit integer DEFAULT NULL, p_after_m double precision DEFAULT NULL,
    p_after_id uuid DEFAULT NULL)
RETURNS TABLE (nb_id uuid, nb_distance double precision)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 1000 AS $$
DECLARE
    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
    center earth;
    sql    text;
    rec    record;
    n      integer;
    last_d double precision;
    one    uuid;
    after  constant text := ' AND ($4::float8 IS NULL OR earth_distance($1, r.geo_earth) > $4
        OR (earth_distance($1, r.geo_earth) = $4 AND r.id > $5))';
BEGIN
    IF tenant IS NULL OR p_lat IS NULL OR p_lng IS NULL OR NOT p_radius_m > 0 OR cardinality(p_owners) = 0 THEN
        RETURN;
    END IF;
    center := ll_to_earth(p_lat, p_lng);
    IF p_table = 'deals' THEN
        RETURN QUERY EXECUTE
            'WITH o AS (SELECT r.id, earth_distance($1, r.geo_earth) AS d FROM organizations AS r
                    WHERE r.tenant_id = $2 AND r.deleted_at IS NULL AND r.geo_earth IS NOT NULL
                    AND earth_box($1, $3) @> r.geo_earth AND earth_distance($1, r.geo_earth) <= $3),
                  p AS (SELECT r.id, earth_distance($1, r.geo_earth) AS d FROM persons AS r
                    WHERE r.tenant_id = $2 AND r.deleted_at IS NULL AND r.geo_earth IS NOT NULL
                    AND earth_box($1, $3) @> r.geo_earth AND earth_distance($1, r.geo_earth) <= $3),
                  d AS (SELECT d.id, o.d, d.owner_id FROM deals AS d JOIN o ON o.id = d.organization_id
                        WHERE d.tenant_id = $2 AND d.deleted_at IS NULL
                    UNION ALL
                    SELECT d.id, p.d, d.owner_id FROM deals AS d JOIN p ON p.id = d.person_id
                        WHERE d.tenant_id = $2 AND d.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM organizations AS og
                            WHERE og.id = d.organization_id AND og.deleted_at IS NULL AND og.geo_earth IS NOT NULL))
             SELECT d.id, d.d FROM d
             WHERE ($4::uuid[] IS NULL OR d.owner_id = ANY($4))
                AND ($5::float8 IS NULL OR d.d > $5 OR (d.d = $5 AND d.id > $6))
             ORDER BY d.d, d.id LIMIT $7'
            USING center, tenant, p_radius_m, p_owners, p_after_m, p_after_id, p_limit;
        RETURN;
    END IF;
    IF p_table NOT IN ('persons', 'organizations', 'leads') THEN
        RETURN;
    END IF;
    sql := format('SELECT r.id, earth_distance($1, r.geo_earth) AS d FROM %I AS r
        WHERE r.deleted_at IS NULL AND r.geo_earth IS NOT NULL AND r.tenant_id = $2 AND earth_box($1, $3) @> r.geo_earth
        AND earth_distance($1, r.geo_earth) <= $3', p_table) || after;
    -- A few owners (a field rep, a small team): one search of the owner index per owner. Many or any: one search of
    -- the tenant's (the owners then only filter; written with coalesce, which does not imply owner_id IS NOT NULL, so
    -- that the planner does not take the owner index without an owner to look for).
    FOR one IN SELECT x FROM unnest(CASE WHEN cardinality(p_owners) <= 16 THEN p_owners ELSE ARRAY[NULL::uuid] END) AS x LOOP
        n := 0;
        last_d := NULL;
        FOR rec IN EXECUTE sql || CASE WHEN one IS NOT NULL THEN ' AND r.owner_id = $6'
                WHEN p_owners IS NOT NULL THEN ' AND coalesce(r.owner_id = ANY($7), false)' ELSE '' END || ' ORDER BY r.geo_earth <-> $1'
            USING center, tenant, p_radius_m, p_after_m, p_after_id, one, p_owners
        LOOP
            -- Nearest first (the chord distance orders like the great-circle one); past the limit only ties.
            EXIT WHEN p_limit IS NOT NULL AND n >= p_limit AND rec.d > last_d;
            nb_id := rec.id;
            nb_distance := rec.d;
            RETURN NEXT;
            n := n + 1;
            last_d := rec.d;
        END LOOP;
    END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION geocode_nearby(text, double precision, double precision, double precision, uuid[], integer,
    double precision, uuid) FROM PUBLIC;

-- How many records geocode_nearby(p_table, p_lat, p_lng, p_radius_m, p_owners) would return, counted up to p_cap
-- (the lists' capped count) without ordering them.
CREATE FUNCTION geocode_nearby_count(p_table text, p_lat double precision, p_lng double precision,
    p_radius_m double precision, p_owners uuid[], p_cap integer)
RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
    center earth;
    sql    text;
    one    uuid;
    n      integer;
    total  integer := 0;
BEGIN
    IF tenant IS NULL OR p_lat IS NULL OR p_lng IS NULL OR NOT p_radius_m > 0 OR cardinality(p_owners) = 0 THEN
        RETURN 0;
    END IF;
    IF p_table = 'deals' THEN
        SELECT count(*) INTO total FROM (SELECT 1 FROM geocode_nearby(p_table, p_lat, p_lng, p_radius_m, p_owners, p_cap)) AS x;
        RETURN least(total, p_cap);
    END IF;
    IF p_table NOT IN ('persons', 'organizations', 'leads') THEN
        RETURN 0;
    END IF;
    center := ll_to_earth(p_lat, p_lng);
    sql := format('SELECT count(*) FROM (SELECT 1 FROM %I AS r
        WHERE r.deleted_at IS NULL AND r.geo_earth IS NOT NULL AND r.tenant_id = $2 AND earth_box($1, $3) @> r.geo_earth
        AND earth_distance($1, r.geo_earth) <= $3', p_table);
    FOR one IN SELECT x FROM unnest(CASE WHEN cardinality(p_owners) <= 16 THEN p_owners ELSE ARRAY[NULL::uuid] END) AS x LOOP
        EXECUTE sql || CASE WHEN one IS NOT NULL THEN ' AND r.owner_id = $4'
                WHEN p_owners IS NOT NULL THEN ' AND coalesce(r.owner_id = ANY($5), false)' ELSE '' END || ' LIMIT $6) AS x'
            INTO n USING center, tenant, p_radius_m, one, p_owners, p_cap;
        total := total + n;
        EXIT WHEN total >= p_cap;
    END LOOP;
    RETURN least(total, p_cap);
END
$$;
REVOKE EXECUTE ON FUNCTION geocode_nearby_count(text, double precision, double precision, double precision, uuid[], integer) FROM PUBLIC;
