-- Lead duplicates without computing the keys of the records found (issue 13's bench: a delivery of 500 leads into
-- the tenant with 1,000,000 persons). The first version looked every key of a batch up at once (key = ANY(keys))
-- and then computed the key of every record it found again, to tell which lead it matched. dedupe_company and
-- dedupe_phone are PL/pgSQL with regular expressions (about 0.1 ms a call), and what a company name finds is
-- every lead and organisation of that name at any postal code, the batch's own leads among them: a batch spent
-- most of its time recomputing keys that the indexes already hold, more with every lead delivered before.
--
-- Now the keys of those functions go to their indexes one lead at a time (a lateral subquery with OFFSET 0, so
-- that the planner neither flattens it into a hash join over the whole table nor evaluates the key function row by
-- row): the index condition is the match, the company's postal code included, and no key of a found record is
-- computed. E-mail addresses (lower()) and the persons' GIN indexes keep the lookup of all keys at once, whose
-- found records' keys are cheap or few. plan_cache_mode: PL/pgSQL plans its query generically after five calls,
-- without the tenant, and such a plan probed the wrong index.
--
-- What it answers is the same: every live lead, person and organisation of the caller's tenant with the same
-- e-mail address, phone number, or company name and postal code as one of the leads, the lead itself left out.
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
        FROM leads AS l WHERE l.tenant_id = tenant AND l.id = ANY(p_leads)),
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
