-- Lead duplicates (issue 13's bench, 500 leads per delivery into the tenant with 1,000,000 persons): the batch (the
-- leads of p_leads, `id = ANY(p_leads)`) was estimated from the leads table's statistics, which lag behind a
-- supplier's deliveries: with few leads at the last ANALYZE (a new tenant's or installation's first deliveries, the
-- bench) the 500 leads were estimated at one or two rows, and the e-mail and phone matches were joined to them in a
-- nested loop over the two CTEs (500 x 1,714 comparisons: 270 of a batch's 345 ms). The batch is now read one ID
-- at a time from unnest(p_leads) (a primary-key probe each; a plain join hashed every lead of the tenant), so the
-- planner knows its size from the array (the custom plan sees it) and hashes the matches: 173 ms for the same
-- batch. Otherwise the function is 20261212120000's.
CREATE OR REPLACE FUNCTION lead_duplicate_matches(p_leads uuid[])
RETURNS TABLE (lead_id uuid, record_type text, record_id uuid, reason text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_custom_plan AS $$
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
    WITH k AS MATERIALIZED (
        SELECT l.id, nullif(lower(l.email), '') AS email, dedupe_phone(nullif(l.phone, '')) AS phone,
            dedupe_company(nullif(l.company, '')) AS company, l.postal_code
        FROM unnest(p_leads) AS u (id) CROSS JOIN LATERAL (SELECT l.* FROM leads AS l
            WHERE l.id = u.id AND l.tenant_id = tenant OFFSET 0) AS l),
    keys AS (
        SELECT coalesce(array_agg(DISTINCT k.email) FILTER (WHERE k.email IS NOT NULL), '{}') AS emails,
            coalesce(array_agg(DISTINCT k.phone) FILTER (WHERE k.phone IS NOT NULL), '{}') AS phones
        FROM k),
    -- All keys at once: the records found and their keys (lower() is cheap; persons' keys are read from the
    -- arrays the GIN indexes hold, for the few persons found).
    found AS (
        SELECT 'lead'::text AS rt, x.id AS rid, 'email'::text AS why, lower(x.email) AS key FROM keys, leads AS x
            WHERE x.tenant_id = tenant AND lower(x.email) = ANY(keys.emails) AND x.email <> '' AND x.deleted_at IS NULL
        UNION ALL SELECT 'person', x.id, 'email', unnest(x.email_keys) FROM keys, persons AS x
            WHERE x.email_keys && keys.emails AND x.tenant_id = tenant AND x.deleted_at IS NULL
        UNION ALL SELECT 'person', x.id, 'phone', unnest(dedupe_phones(x.phones)) FROM keys, persons AS x
            WHERE dedupe_phones(x.phones) && keys.phones AND x.tenant_id = tenant AND x.deleted_at IS NULL
        UNION ALL SELECT 'organization', x.id, 'email', lower(x.email) FROM keys, organizations AS x
            WHERE x.tenant_id = tenant AND lower(x.email) = ANY(keys.emails) AND x.email <> '' AND x.deleted_at IS NULL
        UNION ALL SELECT 'organization', x.id, 'phone', dedupe_phone(x.phone) FROM keys, organizations AS x
            WHERE x.tenant_id = tenant AND dedupe_phone(x.phone) = ANY(keys.phones) AND x.phone <> '' AND x.deleted_at IS NULL),
    m AS (
        SELECT k.id, f.rt, f.rid, f.why FROM found AS f JOIN k ON f.why = 'email' AND k.email = f.key
        UNION ALL SELECT k.id, f.rt, f.rid, f.why FROM found AS f JOIN k ON f.why = 'phone' AND k.phone = f.key
        -- One key at a time: the index condition is the match.
        UNION ALL SELECT k.id, 'lead', x.id, 'phone' FROM k, LATERAL (
            SELECT x.id FROM leads AS x WHERE x.tenant_id = tenant AND dedupe_phone(x.phone) = k.phone AND x.phone <> ''
                AND x.deleted_at IS NULL OFFSET 0) AS x
            WHERE k.phone IS NOT NULL
        UNION ALL SELECT k.id, 'lead', x.id, 'company' FROM k, LATERAL (
            SELECT x.id FROM leads AS x WHERE x.tenant_id = tenant AND dedupe_company(x.company) = k.company
                AND x.postal_code = k.postal_code AND x.company <> '' AND x.deleted_at IS NULL OFFSET 0) AS x
            WHERE k.company IS NOT NULL
        UNION ALL SELECT k.id, 'organization', x.id, 'company' FROM k, LATERAL (
            SELECT x.id FROM organizations AS x WHERE x.tenant_id = tenant AND dedupe_company(x.name) = k.company
                AND x.postal_code = k.postal_code AND x.deleted_at IS NULL OFFSET 0) AS x
            WHERE k.company IS NOT NULL)
    SELECT DISTINCT m.id, m.rt, m.rid, m.why FROM m WHERE NOT (m.rt = 'lead' AND m.rid = m.id);
END
$$;
