-- One visibility rule for names (record.LinkedName): a linked record is named only to those who may see it.

-- Search texts hold a record's own fields only: persons no longer their organisations' names, deals no longer
-- their person's and organisation's (a search finds those through listquery's Spec.Links, scoped). The texts are
-- computed in Go, so `onesales-server migrate` recomputes them once after this file, for each name left here.
CREATE TABLE pending_backfills (
    name       text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE pending_backfills IS 'work `onesales-server migrate` does in Go after the SQL migrations; spans tenants (no tenant data)';
INSERT INTO pending_backfills (name) VALUES ('persons.search_text'), ('deals.search_text');

-- History stores a linked record by its ID (history.LinkFields) and names it when read, for that reader. Earlier
-- entries held the name ("Name" or "Name (role)"): each becomes the ID of the one record of that tenant with that
-- name, or nothing when no single record has it, so that no stored name reaches a reader who may not see it.
CREATE FUNCTION pg_temp.history_link_id(p_tenant uuid, p_field text, p_name text) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN coalesce(p_name, '') = '' THEN '' ELSE coalesce((
        SELECT min(m.id::text) FROM (
            SELECT p.id FROM persons AS p WHERE p_field = 'person' AND p.tenant_id = p_tenant
                AND trim(p.first_name || ' ' || p.last_name) IN (p_name, regexp_replace(p_name, ' \([^()]*\)$', ''))
            UNION ALL
            SELECT o.id FROM organizations AS o WHERE p_field = 'organization' AND o.tenant_id = p_tenant
                AND o.name IN (p_name, regexp_replace(p_name, ' \([^()]*\)$', ''))
        ) AS m HAVING count(*) = 1), '') END
$$;

UPDATE history AS h SET changes = (
    SELECT jsonb_agg(CASE WHEN c.e ->> 'field' IN ('person', 'organization') AND NOT c.e ? 'recordType'
        THEN c.e || jsonb_build_object('recordType', c.e ->> 'field',
            'old', pg_temp.history_link_id(h.tenant_id, c.e ->> 'field', c.e ->> 'old'),
            'new', pg_temp.history_link_id(h.tenant_id, c.e ->> 'field', c.e ->> 'new'))
        ELSE c.e END ORDER BY c.i)
    FROM jsonb_array_elements(h.changes) WITH ORDINALITY AS c (e, i))
WHERE h.changes @? '$[*] ? (@.field == "person" || @.field == "organization")';
