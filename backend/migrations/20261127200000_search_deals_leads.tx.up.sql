-- Deals and leads take the same search path as persons and organisations (listquery.Rows): they have a
-- search_text with a trigram index and a deleted_at, so search_candidates may look them up too.
CREATE OR REPLACE FUNCTION search_candidates(p_table text, p_pattern text, p_cap integer)
RETURNS uuid[]
LANGUAGE plpgsql VOLATILE SECURITY DEFINER -- VOLATILE: it runs EXPLAIN
SET search_path = public SET enable_seqscan = off SET enable_indexscan = off AS $$
DECLARE
    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
    cond   text;
    plan   json;
    ids    uuid[];
BEGIN
    IF tenant IS NULL OR p_table NOT IN ('persons', 'organizations', 'deals', 'leads') OR p_cap < 0 THEN
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
