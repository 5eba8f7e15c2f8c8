-- List and search performance on large tenants (found with `make bench`: 1,000,000 persons).
--
-- 1. Search through the trigram indexes. The service's role is subject to row-level security, and under it the
--    planner uses an index only for leakproof operators: LIKE is not one, so persons_search_idx and
--    organizations_search_idx never serve the service, and a rare search term walks the whole name index (seconds
--    on a million persons). search_candidates looks a term up as the owner, through the index, in the caller's
--    tenant only (app.tenant_id, as the policies), and returns the IDs of the live matches, or NULL when there are
--    more than p_cap (the list then finds them by walking its order, which is quick for common terms). The caller's
--    query still applies the policies, the actor's scope and the search condition itself.
--    The lookup always goes through the trigram index (a bitmap scan; a sequential scan would read the table
--    until p_cap + 1 matches turn up, slow just when the answer is "too many"), and is skipped when the planner,
--    which sees the column's statistics here, expects more than twice p_cap matches.
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
    IF tenant IS NULL OR p_table NOT IN ('persons', 'organizations') OR p_cap < 0 THEN
        RETURN '{}';
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

-- 2. No JIT compilation and no parallel workers for this database's queries. The service's statements are short
--    (a page of 50, a capped count); under row-level security the planner cannot use the statistics of LIKE,
--    jsonb and similar conditions and guesses their selectivity, which pushed such statements over
--    jit_above_cost (5 to 100 ms of compilation each) and into parallel plans whose worker start-up costs more
--    than the LIMIT saves, and which take CPU from the other requests. Only the database's owner may change its
--    settings; elsewhere this is a notice and the server's configuration applies.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
    EXECUTE format('ALTER DATABASE %I SET max_parallel_workers_per_gather = 0', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'database %: jit and max_parallel_workers_per_gather left as configured (not its owner)', current_database();
END
$$;

-- 3. The tenant policies read app.tenant_id once per statement instead of once per row. Written as
--    NULLIF(current_setting(...))::uuid, the setting was looked up and parsed for every row a scan tests (a quarter
--    of a sequential scan's time on persons); as a scalar subquery it is an init plan, evaluated once, and an
--    index on tenant_id still serves it. Same condition, same isolation. (New tenant tables should use this form.)
DO $$
DECLARE
    r record;
    old_qual constant text := '(tenant_id = (NULLIF(current_setting(''app.tenant_id''::text, true), ''''::text))::uuid)';
BEGIN
    FOR r IN SELECT tablename FROM pg_policies
        WHERE schemaname = 'public' AND policyname = 'tenant_isolation' AND qual = old_qual AND with_check = old_qual
    LOOP
        EXECUTE format($p$ALTER POLICY tenant_isolation ON %I
            USING (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))
            WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))$p$, r.tablename);
    END LOOP;
END
$$;
ALTER POLICY tenant_isolation ON tenants USING (id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid));
