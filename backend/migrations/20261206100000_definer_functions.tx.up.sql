-- Owner-run functions (SECURITY DEFINER) take only what their callers need, and check it (issue 11, part 6).
--
-- These functions run as the owner, outside row-level security, and the service's role may call them with any
-- arguments it likes: a caller-chosen argument is a lever across tenants. So each one now
--   - keeps its constants inside (the trash period is 30 days, as the purge of records says; it is no parameter),
--   - works in the caller's tenant (app.tenant_id, as the policies) where its work is per tenant, and raises when
--     no tenant is set instead of answering for none,
--   - checks every argument it takes (limits between 1 and a bound, table names against a fixed list, radii and
--     coordinates in range) and raises 22023 (invalid_parameter_value) on a bad one, rather than doing something
--     else quietly,
--   - is executable by the service's role only: REVOKE from PUBLIC here, migrate grants the service's role.
-- db's TestEveryOwnerRunFunctionIsReviewedAndChecksItsArguments holds the list of these functions with the reason
-- each exists and a refused bad argument each: a new one fails it until it is reviewed and listed.
-- Unchanged here: maintenance_purge() (no arguments; its periods are constants inside already), and
-- auth_find_user and auth_refresh_token_tenant (sign-in, being reworked elsewhere).
--
-- Tables without row-level security, and why each spans the tenants (every other table has tenant_id and the
-- tenant policy; db's tests check both lists):
--   plans             the plans on offer (basic, professional): reference data of every tenant, read-only to the service
--   login_failures    failed sign-ins by e-mail and address, before any tenant is known (sign-in throttling)
--   geocode_cache     geocoder answers keyed by a hash of a normalised address: no tenant, record or name in it
--   geocode_rate      the online geocoder's request slot, one row per provider, shared by all instances
--   installation      this installation's ID (marks its document store), read-only to the service
--   bun_migrations, bun_migration_locks   the migration bookkeeping, read-only to the service

-- Search through the trigram index in the caller's tenant (20261127190000_list_performance explains why).
DROP FUNCTION search_candidates(text, text, integer);
CREATE FUNCTION search_candidates(p_table text, p_pattern text, p_cap integer)
RETURNS uuid[]
LANGUAGE plpgsql VOLATILE SECURITY DEFINER -- VOLATILE: it runs EXPLAIN
SET search_path = public SET enable_seqscan = off SET enable_indexscan = off AS $$
DECLARE
    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
    cond   text;
    plan   json;
    ids    uuid[];
BEGIN
    IF tenant IS NULL THEN
        RAISE EXCEPTION 'search_candidates: no tenant (app.tenant_id) is set' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_table IS NULL OR p_table NOT IN ('persons', 'organizations', 'deals', 'leads') THEN
        RAISE EXCEPTION 'search_candidates: table % is not searchable', p_table USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_pattern IS NULL OR length(p_pattern) NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'search_candidates: the pattern must have 1 to 500 characters' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_cap IS NULL OR p_cap NOT BETWEEN 1 AND 5000 THEN
        RAISE EXCEPTION 'search_candidates: cap % is not between 1 and 5000', p_cap USING ERRCODE = 'invalid_parameter_value';
    END IF;
    cond := format('tenant_id = %L AND deleted_at IS NULL AND search_text LIKE %L', tenant, p_pattern);
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT id FROM %I WHERE %s', p_table, cond) INTO plan;
    IF (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8 > 2 * p_cap THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT array_agg(id) FROM (SELECT id FROM %I WHERE %s LIMIT %s) AS m', p_table, cond, p_cap + 1)
        INTO ids;
    IF cardinality(ids) > p_cap THEN
        RETURN NULL;
    END IF;
    RETURN coalesce(ids, '{}');
END
$$;
REVOKE EXECUTE ON FUNCTION search_candidates(text, text, integer) FROM PUBLIC;

-- The documents' cleanup serves every tenant. The trash period is 30 days, here and nowhere else a parameter;
-- a batch is 1 to 1000 rows or keys.
DROP FUNCTION document_cleanup_claim(integer, integer);
CREATE FUNCTION document_cleanup_claim(p_limit integer)
RETURNS TABLE (id uuid, storage_key text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION 'document_cleanup_claim: limit % is not between 1 and 1000', p_limit USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    SELECT d.id, d.storage_key FROM documents AS d
    WHERE (d.state = 'pending' AND d.expires_at < now())
        OR d.state = 'purge'
        OR (d.state = 'stored' AND d.deleted_at < now() - interval '30 days')
    LIMIT p_limit
    FOR UPDATE SKIP LOCKED;
END
$$;

DROP FUNCTION document_cleanup_delete(uuid[], integer);
CREATE FUNCTION document_cleanup_delete(p_ids uuid[])
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    n integer;
BEGIN
    IF p_ids IS NULL OR cardinality(p_ids) NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION 'document_cleanup_delete: want 1 to 1000 IDs' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Only rows that are still due: an ID of anything else deletes nothing.
    WITH gone AS (
        DELETE FROM documents AS d
        WHERE d.id = ANY (p_ids)
            AND ((d.state = 'pending' AND d.expires_at < now())
                OR d.state = 'purge'
                OR (d.state = 'stored' AND d.deleted_at < now() - interval '30 days'))
        RETURNING 1)
    SELECT count(*)::integer INTO n FROM gone;
    RETURN n;
END
$$;

-- Which of these keys a document row names (the sweep for orphans). Keys are random (128 bits), so the answer
-- tells nothing about another tenant's documents.
DROP FUNCTION document_keys_known(text[]);
CREATE FUNCTION document_keys_known(p_keys text[])
RETURNS text[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF p_keys IS NULL OR cardinality(p_keys) > 1000 THEN
        RAISE EXCEPTION 'document_keys_known: want at most 1000 keys' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN (SELECT coalesce(array_agg(d.storage_key), '{}') FROM documents AS d WHERE d.storage_key = ANY (p_keys));
END
$$;
REVOKE EXECUTE ON FUNCTION document_cleanup_claim(integer), document_cleanup_delete(uuid[]), document_keys_known(text[]) FROM PUBLIC;

-- The geocoding worker serves every tenant: a claim takes 1 to 100 jobs for a lease of 1 s to 1 h; the backfill
-- looks at 1 to 1000 records per table.
DROP FUNCTION geocode_claim(integer, double precision);
CREATE FUNCTION geocode_claim(p_limit integer, p_lease_seconds double precision)
RETURNS TABLE (tenant_id uuid, record_type text, record_id uuid, address_key text, street text, postal_code text,
               city text, country text, attempts integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 100 THEN
        RAISE EXCEPTION 'geocode_claim: limit % is not between 1 and 100', p_limit USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_lease_seconds IS NULL OR NOT (p_lease_seconds BETWEEN 1 AND 3600) THEN
        RAISE EXCEPTION 'geocode_claim: lease % s is not between 1 s and 1 h', p_lease_seconds USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
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
    RETURNING j.tenant_id, j.record_type, j.record_id, j.address_key, j.street, j.postal_code, j.city, j.country, j.attempts;
END
$$;

DROP FUNCTION geocode_untracked(integer);
CREATE FUNCTION geocode_untracked(p_limit integer)
RETURNS TABLE (tenant_id uuid, record_type text, record_id uuid, street text, postal_code text, city text, country text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION 'geocode_untracked: limit % is not between 1 and 1000', p_limit USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    (SELECT r.tenant_id, 'person'::text, r.id, r.street, r.postal_code, r.city, r.country FROM persons AS r
        WHERE r.geo_key IS NULL LIMIT p_limit)
    UNION ALL
    (SELECT r.tenant_id, 'organization'::text, r.id, r.street, r.postal_code, r.city, r.country FROM organizations AS r
        WHERE r.geo_key IS NULL LIMIT p_limit)
    UNION ALL
    (SELECT r.tenant_id, 'lead'::text, r.id, r.street, r.postal_code, r.city, r.country FROM leads AS r
        WHERE r.geo_key IS NULL LIMIT p_limit);
END
$$;
REVOKE EXECUTE ON FUNCTION geocode_claim(integer, double precision), geocode_untracked(integer) FROM PUBLIC;

-- Nearby search in the caller's tenant (20261127220000_geo explains the arguments). A radius is more than 0 and
-- at most 500 km (api.MaxNearRadiusKm), a limit 1 to 10000 or NULL (all within the radius), a position a latitude
-- and longitude in range or NULL (a reference without a position: nothing is near it). geocode_nearby_count
-- calls geocode_nearby and needs no checks of its own beyond its cap.
DROP FUNCTION geocode_nearby_count(text, double precision, double precision, double precision, uuid[], integer);
DROP FUNCTION geocode_nearby(text, double precision, double precision, double precision, uuid[], integer,
    double precision, uuid);

-- geocode_near_args raises on arguments geocode_nearby and geocode_nearby_count refuse, and returns the caller's
-- tenant. An ordinary function (run as the caller): it reads only its arguments and a setting.
CREATE FUNCTION geocode_near_args(p_fn text, p_table text, p_lat double precision, p_lng double precision,
    p_radius_m double precision, p_limit integer)
RETURNS uuid
LANGUAGE plpgsql STABLE SET search_path = public AS $$
DECLARE
    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
BEGIN
    IF tenant IS NULL THEN
        RAISE EXCEPTION '%: no tenant (app.tenant_id) is set', p_fn USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_table IS NULL OR p_table NOT IN ('persons', 'organizations', 'leads', 'deals') THEN
        RAISE EXCEPTION '%: table % has no positions', p_fn, p_table USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_radius_m IS NULL OR NOT (p_radius_m > 0 AND p_radius_m <= 500000) THEN
        RAISE EXCEPTION '%: radius % m is not more than 0 and at most 500 km', p_fn, p_radius_m USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_limit IS NOT NULL AND p_limit NOT BETWEEN 1 AND 10000 THEN
        RAISE EXCEPTION '%: limit % is not between 1 and 10000', p_fn, p_limit USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT (coalesce(p_lat BETWEEN -90 AND 90, true) AND coalesce(p_lng BETWEEN -180 AND 180, true)) THEN
        RAISE EXCEPTION '%: position (%, %) is out of range', p_fn, p_lat, p_lng USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN tenant;
END
$$;

CREATE FUNCTION geocode_nearby(p_table text, p_lat double precision, p_lng double precision, p_radius_m double precision,
    p_owners uuid[] DEFAULT NULL, p_limit integer DEFAULT NULL, p_after_m double precision DEFAULT NULL,
    p_after_id uuid DEFAULT NULL)
RETURNS TABLE (nb_id uuid, nb_distance double precision)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 1000 AS $$
DECLARE
    tenant uuid := geocode_near_args('geocode_nearby', p_table, p_lat, p_lng, p_radius_m, p_limit);
    center earth;
    sql    text;
    rec    record;
    n      integer;
    last_d double precision;
    one    uuid;
    after  constant text := ' AND ($4::float8 IS NULL OR earth_distance($1, r.geo_earth) > $4
        OR (earth_distance($1, r.geo_earth) = $4 AND r.id > $5))';
BEGIN
    IF p_lat IS NULL OR p_lng IS NULL OR cardinality(p_owners) = 0 THEN
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

CREATE FUNCTION geocode_nearby_count(p_table text, p_lat double precision, p_lng double precision,
    p_radius_m double precision, p_owners uuid[], p_cap integer)
RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    tenant uuid;
    center earth;
    sql    text;
    one    uuid;
    n      integer;
    total  integer := 0;
BEGIN
    IF p_cap IS NULL THEN
        RAISE EXCEPTION 'geocode_nearby_count: a cap is required' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    tenant := geocode_near_args('geocode_nearby_count', p_table, p_lat, p_lng, p_radius_m, p_cap);
    IF p_lat IS NULL OR p_lng IS NULL OR cardinality(p_owners) = 0 THEN
        RETURN 0;
    END IF;
    IF p_table = 'deals' THEN
        SELECT count(*) INTO total FROM (SELECT 1 FROM geocode_nearby(p_table, p_lat, p_lng, p_radius_m, p_owners, p_cap)) AS x;
        RETURN least(total, p_cap);
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
REVOKE EXECUTE ON FUNCTION geocode_nearby(text, double precision, double precision, double precision, uuid[], integer,
    double precision, uuid), geocode_nearby_count(text, double precision, double precision, double precision, uuid[], integer)
    FROM PUBLIC;
